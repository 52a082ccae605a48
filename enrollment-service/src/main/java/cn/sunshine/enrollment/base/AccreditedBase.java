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
 * What enrollment knows of a training base, kept from base-accreditation-service's events: each term it was
 * accredited for (the majors it may enroll for, their capacity and fee, the term's validity), and whether it was
 * revoked. A revoked base enrolls no one new; its existing trainees continue.
 * <p>
 * A base holds several terms: accredited by each year's tender, its next term is often decided while the current
 * one still runs, and a past year's term can be recorded late (carried over from paper). A term recorded later
 * never shortens an earlier one: a class is accepted when any term covers its day and major. The majors and
 * validity shown are the latest term's (the one that ends last).
 */
@Document("accredited_bases")
public class AccreditedBase extends AggregateRoot implements AccreditedBaseModel {

    public enum Standing { ACCREDITED, REVOKED }

    /** One term of accreditation: its majors and the days it is valid. */
    public record AccreditedTerm(List<AccreditedMajor> majors, LocalDate validFrom, LocalDate validUntil) {

        boolean covers(String majorCode, LocalDate day) {
            return !day.isBefore(validFrom) && !day.isAfter(validUntil)
                    && majors.stream().anyMatch(m -> m.majorCode().equals(majorCode));
        }
    }

    private String name;
    @Indexed
    private String divisionCode;
    private List<AccreditedMajor> majors;
    private LocalDate validFrom;
    private LocalDate validUntil;
    /** Every term the base was accredited for, in the order the events came. */
    private List<AccreditedTerm> terms;
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

    /**
     * A (re-)accreditation adds its term (a term of the same days replaces the earlier record of it); it does not
     * lift a revocation.
     */
    @Override
    public void apply(BaseAccredited e) {
        name = e.name();
        divisionCode = e.divisionCode();
        List<AccreditedTerm> all = new java.util.ArrayList<>(terms());
        all.removeIf(t -> t.validFrom().equals(e.validFrom()) && t.validUntil().equals(e.validUntil()));
        all.add(new AccreditedTerm(List.copyOf(e.majors()), e.validFrom(), e.validUntil()));
        terms = List.copyOf(all);
        AccreditedTerm latest = terms.stream().max(java.util.Comparator.comparing(AccreditedTerm::validUntil)
                .thenComparing(AccreditedTerm::validFrom)).orElseThrow();
        majors = latest.majors();
        validFrom = latest.validFrom();
        validUntil = latest.validUntil();
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

    /** Whether a new trainee may be enrolled for the major on the given day: a term covers it, and no revocation. */
    public boolean acceptsEnrollment(String majorCode, LocalDate day) {
        return standing == Standing.ACCREDITED && terms().stream().anyMatch(t -> t.covers(majorCode, day));
    }

    /**
     * The accredited major of that code as the term covering the day has it (its fee standard), else as the latest
     * term that has the major; empty when no term has it.
     */
    public java.util.Optional<AccreditedMajor> major(String majorCode, LocalDate day) {
        java.util.Optional<AccreditedTerm> term = terms().stream().filter(t -> t.covers(majorCode, day)).findFirst()
                .or(() -> terms().stream().filter(t -> t.majors().stream().anyMatch(m -> m.majorCode().equals(majorCode)))
                        .max(java.util.Comparator.comparing(AccreditedTerm::validUntil)));
        return term.flatMap(t -> t.majors().stream().filter(m -> m.majorCode().equals(majorCode)).findFirst());
    }

    /** The terms (a base recorded before terms were kept has its one validity as its only term). */
    public List<AccreditedTerm> terms() {
        if (terms == null) {
            return validFrom == null ? List.of() : List.of(new AccreditedTerm(majors, validFrom, validUntil));
        }
        return terms;
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
