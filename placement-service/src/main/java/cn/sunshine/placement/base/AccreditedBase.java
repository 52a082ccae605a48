package cn.sunshine.placement.base;

import cn.sunshine.platform.bases.AccreditedBaseModel;
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
public class AccreditedBase extends AggregateRoot implements AccreditedBaseModel {

    private String name;
    @Indexed
    private String divisionCode;
    private List<String> majorCodes;
    private boolean revoked;
    private Instant revokedAt;

    protected AccreditedBase() {
    }

    /** A base not known yet, before its first event: no majorCodes. */
    static AccreditedBase fresh() {
        AccreditedBase b = new AccreditedBase();
        b.majorCodes = List.of();
        return b;
    }

    @Override
    public void apply(BaseAccredited e) {
        name = e.name();
        divisionCode = e.divisionCode();
        majorCodes = e.majors().stream().map(AccreditedMajor::majorCode).toList();
    }

    @Override
    public void apply(BaseRevoked e) {
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
