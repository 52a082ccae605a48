package cn.sunshine.placement.base;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.events.accreditation.AccreditedMajor;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRevoked;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * What placement knows of a training base: its name, county and majors (for placement rates and
 * spot-check strata), and whether it was revoked (its placements are still followed up).
 */
@Document("placement_bases")
public class PlacementBase extends AggregateRoot {

    private String name;
    @Indexed
    private String divisionCode;
    private List<String> majorCodes;
    private boolean revoked;
    private Instant revokedAt;

    protected PlacementBase() {
    }

    static PlacementBase from(BaseAccredited e) {
        PlacementBase b = new PlacementBase();
        b.id = e.baseId();
        b.majorCodes = List.of();
        b.apply(e);
        return b;
    }

    static PlacementBase from(BaseRevoked e) {
        PlacementBase b = new PlacementBase();
        b.id = e.baseId();
        b.majorCodes = List.of();
        b.apply(e);
        return b;
    }

    void apply(BaseAccredited e) {
        name = e.name();
        divisionCode = e.divisionCode();
        majorCodes = e.majors().stream().map(AccreditedMajor::majorCode).toList();
    }

    void apply(BaseRevoked e) {
        divisionCode = e.divisionCode();
        revoked = true;
        revokedAt = e.revokedAt();
    }

    public String getName() {
        return name;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public List<String> getMajorCodes() {
        return majorCodes;
    }

    public boolean isRevoked() {
        return revoked;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
