package cn.sunshine.accreditation.base;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AccreditedMajor;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRenewed;
import cn.sunshine.platform.events.accreditation.BaseRevoked;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A training base (培训基地) accredited by a county for named majors. It guards its transitions
 * (ACCREDITED → REVOKED; a new term while ACCREDITED) and records the events they cause. Every term
 * it was accredited for is kept in {@code terms}.
 */
@Document("bases")
@CompoundIndex(name = "credit_code_division", def = "{'creditCode': 1, 'divisionCode': 1}", unique = true)
public class Base extends AggregateRoot {

    private String name;
    private String creditCode;
    @Indexed
    private String divisionCode;
    private String address;
    private List<Major> majors;
    private LocalDate validFrom;
    private LocalDate validUntil;
    private BaseStatus status;
    private Decision accreditation;
    private Decision revocation;
    private Origin origin;
    private List<String> conditions;
    private List<Term> terms;
    /** The annual review that revoked the base, if one did. */
    private String revokedByReview;

    protected Base() {
    }

    /** Registers a base accredited outside the tender flow; the command has been validated for form, this checks the rules. */
    public static Base accredit(String name, String creditCode, String divisionCode, String address, List<Major> majors,
                                LocalDate validFrom, LocalDate validUntil, String actor, Clock clock) {
        return accredit(Ids.newId(), name, creditCode, divisionCode, address, majors, validFrom, validUntil,
                Origin.registered(), actor, clock);
    }

    /** Accredits a new base with the given id (derived by the caller when the act must be repeatable). */
    public static Base accredit(String id, String name, String creditCode, String divisionCode, String address,
                                List<Major> majors, LocalDate validFrom, LocalDate validUntil, Origin origin,
                                String actor, Clock clock) {
        checkTerm(majors, validFrom, validUntil);
        Base b = new Base();
        b.id = id;
        b.name = name;
        b.creditCode = creditCode;
        b.divisionCode = divisionCode;
        b.address = address;
        b.status = BaseStatus.ACCREDITED;
        b.terms = new ArrayList<>();
        b.conditions = List.of();
        b.startTerm(majors, validFrom, validUntil, origin, List.of(), new Decision(actor, clock.instant(), null));
        return b;
    }

    private static void checkTerm(List<Major> majors, LocalDate validFrom, LocalDate validUntil) {
        if (majors.isEmpty()) {
            throw DomainException.invalidField("majors", Phrase.coded("base.majors-required",
                    "a base is accredited for at least one major"));
        }
        if (majors.stream().map(Major::majorCode).distinct().count() != majors.size()) {
            throw DomainException.invalidField("majors", Phrase.coded("base.major-twice", "each major appears once"));
        }
        if (!validUntil.isAfter(validFrom)) {
            throw DomainException.invalidField("validUntil", Phrase.coded("base.valid-until", "must be after validFrom"));
        }
        if (validUntil.isAfter(validFrom.plusYears(1))) {
            throw DomainException.rule("validity-too-long", "Accreditation is for one year",
                    "an accreditation is valid for one year at most; it is renewed by the annual review");
        }
    }

    private void startTerm(List<Major> newMajors, LocalDate from, LocalDate until, Origin termOrigin,
                           List<String> termConditions, Decision decision) {
        majors = List.copyOf(newMajors);
        validFrom = from;
        validUntil = until;
        origin = termOrigin;
        conditions = List.copyOf(termConditions);
        accreditation = decision;
        List<Term> history = new ArrayList<>(getTerms());
        history.add(new Term(majors, from, until, termOrigin, decision, conditions));
        terms = history;
        recordEvent(EventTypes.BASE_ACCREDITED, new BaseAccredited(id, name, creditCode, divisionCode,
                majors.stream().map(m -> new AccreditedMajor(m.majorCode(), m.majorName(), m.annualCapacity(),
                        m.feeStandardFen())).toList(), from, until, decision.at(), decision.by()),
                divisionCode, decision.at());
    }

    /**
     * A tender accredits an institution that is already a base: a new term on its record.
     *
     * @return false when this origin's term was started before (the act is being repeated)
     */
    public boolean accreditAgain(List<Major> newMajors, LocalDate from, LocalDate until, Origin termOrigin,
                                 String actor, Clock clock) {
        if (hasTermFrom(termOrigin)) {
            return false;
        }
        if (status != BaseStatus.ACCREDITED) {
            throw DomainException.invalidTransition("base", status, "accredited again");
        }
        checkTerm(newMajors, from, until);
        startTerm(newMajors, from, until, termOrigin, List.of(), new Decision(actor, clock.instant(), null));
        return true;
    }

    /**
     * The annual review renews the accreditation for one more year from the day after the current
     * term ends (or from {@code today}, when it has lapsed), with conditions or without.
     *
     * @return false when this review was applied before
     */
    public boolean renew(String reviewId, int year, String outcome, List<String> newConditions, String reasons,
                         LocalDate today, String actor, Clock clock) {
        if (hasTermFrom(Origin.renewal(reviewId))) {
            return false;
        }
        if (status != BaseStatus.ACCREDITED) {
            throw DomainException.invalidTransition("base", status, "renewed");
        }
        LocalDate from = validUntil.isBefore(today) ? today : validUntil.plusDays(1);
        LocalDate until = from.plusYears(1).minusDays(1);
        Decision decision = new Decision(actor, clock.instant(), reasons);
        startTerm(majors, from, until, Origin.renewal(reviewId), newConditions, decision);
        recordEvent(EventTypes.BASE_RENEWED, new BaseRenewed(id, divisionCode, reviewId, year, outcome,
                List.copyOf(newConditions), reasons, from, until, decision.at(), actor), divisionCode, decision.at());
        return true;
    }

    /** Revokes the accreditation (取缔), effective at once. */
    public void revoke(String reason, String actor, Clock clock) {
        if (status != BaseStatus.ACCREDITED) {
            throw DomainException.invalidTransition("base", status, "revoked");
        }
        status = BaseStatus.REVOKED;
        revocation = new Decision(actor, clock.instant(), reason);
        recordEvent(EventTypes.BASE_REVOKED, new BaseRevoked(id, divisionCode, reason, revocation.at(), actor),
                divisionCode, revocation.at());
    }

    /**
     * The annual review revokes the base.
     *
     * @return false when this review had revoked it before
     */
    public boolean revokeByReview(String reviewId, String reason, String actor, Clock clock) {
        if (reviewId.equals(revokedByReview)) {
            return false;
        }
        revoke(reason, actor, clock);
        revokedByReview = reviewId;
        return true;
    }

    public boolean hasTermFrom(Origin o) {
        return getTerms().stream().anyMatch(t -> o.equals(t.origin()));
    }

    public boolean appliedReview(String reviewId) {
        return reviewId.equals(revokedByReview) || hasTermFrom(Origin.renewal(reviewId));
    }

    public Optional<Major> major(String code) {
        return majors.stream().filter(m -> m.majorCode().equals(code)).findFirst();
    }

    public String getName() {
        return name;
    }

    public String getCreditCode() {
        return creditCode;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getAddress() {
        return address;
    }

    public List<Major> getMajors() {
        return majors;
    }

    public LocalDate getValidFrom() {
        return validFrom;
    }

    public LocalDate getValidUntil() {
        return validUntil;
    }

    public BaseStatus getStatus() {
        return status;
    }

    public Decision getAccreditation() {
        return accreditation;
    }

    public Decision getRevocation() {
        return revocation;
    }

    public Origin getOrigin() {
        return origin == null ? Origin.registered() : origin;
    }

    public List<String> getConditions() {
        return conditions == null ? List.of() : conditions;
    }

    public List<Term> getTerms() {
        return terms == null ? List.of() : terms;
    }
}
