package cn.sunshine.enrollment.base;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.events.accreditation.AccreditedMajor;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@RestController
@Tag(name = "Bases", description = "Training bases as enrollment knows them (from accreditation events)")
public class AccreditedBaseController {

    public record AccreditedBaseView(String baseId, String name, String divisionCode, List<AccreditedMajor> majors,
                                     LocalDate validFrom, LocalDate validUntil, AccreditedBase.Standing standing,
                                     Instant revokedAt, String revocationReason) {
        static AccreditedBaseView of(AccreditedBase b) {
            return new AccreditedBaseView(b.getId(), b.getName(), b.getDivisionCode(), b.getMajors(), b.getValidFrom(),
                    b.getValidUntil(), b.getStanding(), b.getRevokedAt(), b.getRevocationReason());
        }
    }

    private final MongoTemplate mongo;

    public AccreditedBaseController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/api/enrollment/bases/{baseId}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "A base's enrollment standing: its majors and whether it may enroll")
    public AccreditedBaseView get(@PathVariable String baseId) {
        AccreditedBase b = mongo.findById(baseId, AccreditedBase.class);
        if (b == null) {
            throw DomainException.notFound("base " + baseId);
        }
        Jurisdiction.requireOfficerOrOwnBase(b.getDivisionCode(), b.getId(), "base " + baseId);
        return AccreditedBaseView.of(b);
    }

    @GetMapping("/api/enrollment/bases")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER, Role.AUDITOR})
    @Operation(summary = "Bases in your jurisdiction, as enrollment knows them")
    public PageResult<AccreditedBaseView> list(@RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size) {
        Jurisdiction.requireRole(Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER,
                Role.FINANCE_OFFICER, Role.AUDITOR);
        return PageResult.find(mongo, Query.query(Jurisdiction.scope("divisionCode")), AccreditedBase.class, page, size,
                Sort.by("divisionCode", "name")).map(AccreditedBaseView::of);
    }
}
