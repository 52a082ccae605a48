package cn.sunshine.enrollment.base;

import cn.sunshine.platform.bases.AccreditedBaseModel;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.events.accreditation.AccreditedMajor;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRevoked;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What enrollment knows of a training base, kept from base-accreditation-service's events: the
 * majors it may enroll for, their capacity and fee, its validity, and whether it was revoked. A
 * revoked base enrolls no one new; its existing trainees continue.
 */
@Document("accredited_bases")
public class AccreditedBase extends AggregateRoot implements AccreditedBaseModel {

    public enum Standing { ACCREDITED, REVOKED }

    private String name;
    @Indexed
    private String divisionCode;
    private List<AccreditedMajor> majors;
    private LocalDate validFrom;
    private LocalDate validUntil;
    private Standing standing;
    private Instant revokedAt;
    private String revocationReason;

    protected AccreditedBase() {
    }

    /** A base not known yet, before its first event: no majors. */
    static AccreditedBase fresh() {
        AccreditedBase b = new AccreditedBase();
        b.majors = List.of();
        return b;
    }

    /** A (re-)accreditation replaces the majors and validity; it does not lift a revocation. */
    @Override
    public void apply(BaseAccredited e) {
        name = e.name();
        divisionCode = e.divisionCode();
        majors = List.copyOf(e.majors());
        validFrom = e.validFrom();
        validUntil = e.validUntil();
        if (standing == null) {
            standing = Standing.ACCREDITED;
        }
    }

    @Override
    public void apply(BaseRevoked e) {
        standing = Standing.REVOKED;
        revokedAt = e.revokedAt();
        revocationReason = e.reason();
        if (divisionCode == null) {
            divisionCode = e.divisionCode();
        }
    }

    /** Whether a new trainee may be enrolled for the major on the given day. */
    public boolean acceptsEnrollment(String majorCode, LocalDate day) {
        return standing == Standing.ACCREDITED && validFrom != null && !day.isBefore(validFrom) && !day.isAfter(validUntil)
                && majors.stream().anyMatch(m -> m.majorCode().equals(majorCode));
    }

    /** The accredited major of that code, if any. */
    public java.util.Optional<AccreditedMajor> major(String majorCode) {
        return majors == null ? java.util.Optional.empty()
                : majors.stream().filter(m -> m.majorCode().equals(majorCode)).findFirst();
    }

    public String getName() {
        return name;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public List<AccreditedMajor> getMajors() {
        return majors;
    }

    public LocalDate getValidFrom() {
        return validFrom;
    }

    public LocalDate getValidUntil() {
        return validUntil;
    }

    public Standing getStanding() {
        return standing;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public String getRevocationReason() {
        return revocationReason;
    }
}
