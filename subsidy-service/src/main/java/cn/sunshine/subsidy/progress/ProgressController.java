package cn.sunshine.subsidy.progress;

import cn.sunshine.platform.progress.ProgressPeriod;
import cn.sunshine.platform.progress.ProgressQuery;
import cn.sunshine.platform.progress.ProgressView;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.subsidy.fund.Fund;
import cn.sunshine.subsidy.payment.InstructionStatus;
import cn.sunshine.subsidy.payment.PaymentInstruction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * subsidy-service's part of the progress reports (docs/reports.md). {@code subsidyCommittedFen}: what
 * approvals committed against the funds of the division and below within the period, net of what
 * rejections gave back in it; {@code subsidyPaidFen}: what the finance bureau paid in the period (its
 * time of payment).
 */
@RestController
@Validated
@Tag(name = "Progress", description = "This service's figures for the progress reports (进度报告) the gateway composes")
public class ProgressController {

    private final MongoTemplate mongo;

    public ProgressController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/api/subsidy/progress")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER,
            Role.AUDITOR})
    @Operation(summary = "Subsidy committed and paid, for a division in your jurisdiction and an inclusive period "
            + "(dates in Asia/Shanghai)")
    public ProgressView progress(
            @Valid @ParameterObject ProgressQuery query) {
        ProgressPeriod period = query.period();
        Criteria inDivision = Criteria.where("divisionCode").regex(period.divisionPattern());
        long committed = 0;
        for (Fund f : mongo.find(Query.query(inDivision), Fund.class)) {
            for (Fund.Commitment c : f.getCommitments()) {
                if (!c.at().isBefore(period.start()) && c.at().isBefore(period.end())) {
                    committed += c.amountFen();
                }
            }
        }
        long paid = mongo.find(Query.query(new Criteria().andOperator(inDivision,
                        Criteria.where("status").is(InstructionStatus.PAID),
                        Criteria.where("paidAt").gte(period.start()).lt(period.end()))), PaymentInstruction.class)
                .stream().mapToLong(PaymentInstruction::getAmountFen).sum();
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("subsidyCommittedFen", committed);
        figures.put("subsidyPaidFen", paid);
        return ProgressView.of(period, figures);
    }
}
