package cn.sunshine.placement.base;

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
import java.util.List;

@RestController
@Tag(name = "Bases", description = "Training bases as placement knows them")
public class PlacementBaseController {

    public record PlacementBaseView(String baseId, String name, String divisionCode, List<String> majorCodes,
                                    boolean revoked, Instant revokedAt) {
    }

    private final MongoTemplate mongo;

    public PlacementBaseController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/api/placement/bases/{baseId}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "A base as placement knows it")
    public PlacementBaseView get(@PathVariable String baseId) {
        PlacementBase b = mongo.findById(baseId, PlacementBase.class);
        if (b == null) {
            throw DomainException.notFound("base " + baseId);
        }
        Jurisdiction.requireOfficerOrOwnBase(b.getDivisionCode(), b.getId(), "base " + baseId);
        return new PlacementBaseView(b.getId(), b.getName(), b.getDivisionCode(), b.getMajorCodes(), b.isRevoked(),
                b.getRevokedAt());
    }
}
