package cn.sunshine.accreditation.reaccreditation;

import cn.sunshine.accreditation.base.Decision;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The annual review (年度再认定) of one base for one year: the facts as the officer entered and
 * confirmed them, what the {@link BasePerformance} projection had recorded, and the decision —
 * renew, renew with conditions, or revoke — with reasons, who and when.
 */
@Document("annual_reviews")
@CompoundIndex(name = "base_year", def = "{'baseId': 1, 'year': 1}", unique = true)
public class AnnualReview extends AggregateRoot {

    public enum Status { OPEN, RENEWED, RENEWED_WITH_CONDITIONS, REVOKED }

    public enum Outcome { RENEW, RENEW_WITH_CONDITIONS, REVOKE }

    /** The year's facts as entered and confirmed by the officer. Rates are derived, in basis points. */
    public record Facts(int enrolled, int completed, int placed, int committedPlacementRateBp, int spotChecksCalled,
                        int spotChecksConfirmed, List<String> findings) {

        public int completionRateBp() {
            return enrolled == 0 ? 0 : (int) (completed * 10_000L / enrolled);
        }

        public int placementRateBp() {
            return completed == 0 ? 0 : (int) (placed * 10_000L / completed);
        }
    }

    /**
     * What the projection held when the review was opened (null fields: nothing was reported).
     * {@code placed} leaves out placements a spot check disproved ({@code disproved} counts them);
     * {@code placementRateBp} is placed / completed (null when nobody completed) and
     * {@code meetsCommitment} compares it with the review's committed rate (the agreement's, unless entered).
     * {@code confirmationsAsked/Denied} and {@code confirmationRateBp} (confirmed / asked): the trainees'
     * confirmations of what the base claimed (null in reviews opened before they were kept).
     */
    public record Recorded(int enrolled, int completed, int placed, int spotChecksCalled, int spotChecksConfirmed,
                           List<String> findings, Integer disproved, Integer placementRateBp, Boolean meetsCommitment,
                           Integer confirmationsAsked, Integer confirmationsDenied, Integer confirmationRateBp) {
    }

    @Indexed
    private String baseId;
    @Indexed
    private String divisionCode;
    private String baseName;
    private int year;
    private Facts facts;
    private Recorded recorded;
    private Status status;
    private Decision opening;
    private Outcome outcome;
    private List<String> conditions;
    private Decision decision;

    protected AnnualReview() {
    }

    public static AnnualReview open(String baseId, String baseName, String divisionCode, int year, Facts facts,
                                    Recorded recorded, String actor, Clock clock) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        if (facts.completed() > facts.enrolled()) {
            errors.add(DomainException.FieldError.coded("facts.completed", "annual-review.completed-over-enrolled",
                    "must not exceed enrolled (" + facts.enrolled() + ")", facts.enrolled()));
        }
        if (facts.placed() > facts.completed()) {
            errors.add(DomainException.FieldError.coded("facts.placed", "annual-review.placed-over-completed",
                    "must not exceed completed (" + facts.completed() + ")", facts.completed()));
        }
        if (facts.spotChecksConfirmed() > facts.spotChecksCalled()) {
            errors.add(DomainException.FieldError.coded("facts.spotChecksConfirmed", "annual-review.confirmed-over-called",
                    "must not exceed spotChecksCalled (" + facts.spotChecksCalled() + ")", facts.spotChecksCalled()));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, "validation", "The request has invalid fields",
                    String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
        }
        AnnualReview r = new AnnualReview();
        r.id = Ids.newId();
        r.baseId = baseId;
        r.baseName = baseName;
        r.divisionCode = divisionCode;
        r.year = year;
        r.facts = facts;
        r.recorded = recorded;
        r.status = Status.OPEN;
        r.opening = new Decision(actor, clock.instant(), null);
        r.conditions = List.of();
        return r;
    }

    /**
     * Checks the decision against the program's rules (优胜劣汰): a base that trained no one is
     * revoked; one below its committed placement rate, or with spot-check findings, is not renewed
     * without conditions; conditions come with a conditional renewal and only with it.
     */
    public void check(Outcome o, List<String> newConditions) {
        if (status != Status.OPEN) {
            throw DomainException.invalidTransition("annual review", status, "decided again");
        }
        if (o == Outcome.RENEW_WITH_CONDITIONS && newConditions.isEmpty()) {
            throw DomainException.invalidField("conditions", Phrase.coded("annual-review.conditions-required",
                    "state the conditions of the renewal"));
        }
        if (o != Outcome.RENEW_WITH_CONDITIONS && !newConditions.isEmpty()) {
            throw DomainException.invalidField("conditions", Phrase.coded("annual-review.conditions-not-allowed",
                    "only a renewal with conditions has conditions"));
        }
        if (o != Outcome.REVOKE && facts.enrolled() == 0) {
            throw new DomainException(422, "review-rule", "A base that trained no one is revoked",
                    "the facts show no trainee enrolled in " + year + "; such a base is revoked (优胜劣汰)",
                    List.of(DomainException.FieldError.coded("outcome", "annual-review.must-revoke",
                            "must be REVOKE: no trainee in " + year, year)));
        }
        boolean belowCommitment = facts.placementRateBp() < facts.committedPlacementRateBp();
        boolean findings = facts.findings() != null && !facts.findings().isEmpty();
        if (o == Outcome.RENEW && (belowCommitment || findings)) {
            throw new DomainException(422, "review-rule", "Not renewed without conditions",
                    (belowCommitment ? "the placement rate " + facts.placementRateBp() + " bp is below the committed "
                            + facts.committedPlacementRateBp() + " bp" : "the spot checks found problems")
                            + "; renew with conditions or revoke",
                    List.of(DomainException.FieldError.coded("outcome", "annual-review.conditions-or-revoke",
                            "RENEW_WITH_CONDITIONS or REVOKE")));
        }
    }

    public void decide(Outcome o, List<String> newConditions, String reasons, String actor, Clock clock) {
        check(o, newConditions);
        outcome = o;
        conditions = List.copyOf(newConditions);
        decision = new Decision(actor, clock.instant(), reasons);
        status = switch (o) {
            case RENEW -> Status.RENEWED;
            case RENEW_WITH_CONDITIONS -> Status.RENEWED_WITH_CONDITIONS;
            case REVOKE -> Status.REVOKED;
        };
    }

    public String getBaseId() {
        return baseId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getBaseName() {
        return baseName;
    }

    public int getYear() {
        return year;
    }

    public Facts getFacts() {
        return facts;
    }

    public Recorded getRecorded() {
        return recorded;
    }

    public Status getStatus() {
        return status;
    }

    public Decision getOpening() {
        return opening;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public List<String> getConditions() {
        return conditions;
    }

    public Decision getDecision() {
        return decision;
    }
}
