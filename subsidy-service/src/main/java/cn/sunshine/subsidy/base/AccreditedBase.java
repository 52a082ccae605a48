package cn.sunshine.subsidy.base;

import cn.sunshine.platform.bases.AccreditedBaseModel;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRevoked;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * What subsidy knows of a training base: whether money may go to it. A revoked base's unpaid
 * claims are held (the hold keeps who decided it and why, from the revocation).
 */
@Document("base_standings")
public class AccreditedBase extends AggregateRoot implements AccreditedBaseModel {

    private String name;
    @Indexed
    private String divisionCode;
    private boolean revoked;
    private boolean paymentsHeld;
    private String holdReason;
    private Instant heldSince;
    private String heldBy;

    protected AccreditedBase() {
    }

    @Override
    public void apply(BaseAccredited e) {
        name = e.name();
        divisionCode = e.divisionCode();
    }

    /** Revocation holds every unpaid claim of the base, effective at once. */
    @Override
    public void apply(BaseRevoked e) {
        divisionCode = e.divisionCode();
        revoked = true;
        paymentsHeld = true;
        holdReason = "base revoked: " + e.reason();
        heldSince = e.revokedAt();
        heldBy = e.revokedBy();
    }

    public String getName() {
        return name;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public boolean isRevoked() {
        return revoked;
    }

    public boolean isPaymentsHeld() {
        return paymentsHeld;
    }

    public String getHoldReason() {
        return holdReason;
    }

    public Instant getHeldSince() {
        return heldSince;
    }

    public String getHeldBy() {
        return heldBy;
    }
}
