package cn.sunshine.subsidy.base;

import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.Jurisdiction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
@Tag(name = "Bases", description = "Whether money may go to a base")
public class BaseStandingController {

    public record BaseStandingView(String baseId, String name, String divisionCode, boolean revoked, boolean paymentsHeld,
                                   String holdReason, Instant heldSince, String heldBy) {
    }

    private final MongoTemplate mongo;

    public BaseStandingController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/api/subsidy/bases/{baseId}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "A base's payment standing (held after a revocation)")
    public BaseStandingView get(@PathVariable String baseId) {
        BaseStanding s = mongo.findById(baseId, BaseStanding.class);
        if (s == null) {
            throw DomainException.notFound("base " + baseId);
        }
        Jurisdiction.requireOfficerOrOwnBase(s.getDivisionCode(), s.getId(), "base " + baseId);
        return new BaseStandingView(s.getId(), s.getName(), s.getDivisionCode(), s.isRevoked(), s.isPaymentsHeld(),
                s.getHoldReason(), s.getHeldSince(), s.getHeldBy());
    }
}
