package cn.sunshine.subsidy.disclosure;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.identifiers.PersonalData;
import cn.sunshine.platform.security.PublicEndpoint;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.subsidy.claim.Claim;
import cn.sunshine.subsidy.claim.ClaimStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * 公示: the subsidised trainees of each base and class — name, masked ID number, amount, date paid —
 * readable without a token. Only paid claims appear; ID numbers are masked at the source.
 */
@RestController
@Tag(name = "Public notice", description = "Subsidised trainees per base and class (五公开)")
public class RecipientsController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public record Recipient(String baseId, String baseName, String classId, String traineeName, String maskedIdNumber,
                            long amountFen, String paidOn, String paymentMode, String part) {
    }

    private final MongoTemplate mongo;

    public RecipientsController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/api/public/subsidy/recipients")
    @PublicEndpoint
    @Operation(summary = "Subsidised trainees of a county (and base or class), with masked ID numbers")
    public PageResult<Recipient> recipients(@RequestParam(required = false) String divisionCode,
                                            @RequestParam(required = false) String baseId,
                                            @RequestParam(required = false) String classId,
                                            @RequestParam(required = false) Integer year,
                                            @RequestParam(required = false) Integer page,
                                            @RequestParam(required = false) Integer size) {
        if (divisionCode == null || !DivisionCode.isValid(divisionCode)) {
            throw DomainException.invalidField("divisionCode", "a county's 6-digit division code");
        }
        Criteria c = Criteria.where("divisionCode").is(divisionCode).and("status").is(ClaimStatus.PAID);
        if (baseId != null) {
            c = c.and("baseId").is(baseId);
        }
        if (classId != null) {
            c = c.and("classId").is(classId);
        }
        if (year != null) {
            c = c.and("year").is(year);
        }
        var pr = PageResult.request(page, size, Sort.unsorted());
        List<Recipient> all = new ArrayList<>();
        for (Claim claim : mongo.find(Query.query(c).with(Sort.by("paidAt", "_id")), Claim.class)) {
            String paidOn = claim.getPaidAt().atZone(CHINA).toLocalDate().toString();
            for (Claim.Line l : claim.getLines()) {
                all.add(new Recipient(claim.getBaseId(), claim.getBaseName(), claim.getClassId(), l.traineeName(),
                        PersonalData.maskIdNumber(l.maskedIdNumber()), l.amountFen(), paidOn, claim.getPaymentMode(), claim.getPart().name()));
            }
        }
        int from = (int) Math.min(all.size(), pr.getOffset());
        int to = Math.min(all.size(), from + pr.getPageSize());
        return new PageResult<>(all.subList(from, to), pr.getPageNumber(), pr.getPageSize(), all.size());
    }
}
