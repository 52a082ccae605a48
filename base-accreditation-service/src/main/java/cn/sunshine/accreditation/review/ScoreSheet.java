package cn.sunshine.accreditation.review;

import cn.sunshine.accreditation.application.Application;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.accreditation.tender.Criterion;
import cn.sunshine.accreditation.tender.Tender;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One reviewer's scores of one application on the tender's criteria, with the on-site inspection.
 * Submitted once and final: it is inserted and never changed (a second one is refused by the
 * unique index on application and reviewer).
 */
@Document("score_sheets")
@CompoundIndex(name = "application_reviewer", def = "{'applicationId': 1, 'reviewerId': 1}", unique = true)
public class ScoreSheet extends AggregateRoot {

    @Indexed
    private String tenderId;
    private String applicationId;
    private String reviewerId;
    private String reviewerName;
    private List<CriterionScore> scores;
    /** Σ score × weightBp over the criteria: the weighted total, exact, in units of 1/10000 of a point. */
    private long weightedSum;
    private Inspection inspection;
    private String comments;
    private Instant submittedAt;

    public record CriterionScore(String criterionCode, int score) {
    }

    public enum InspectionResult { PASSED, FAILED }

    /** The on-site inspection (实地考察): when, the result, what was found. */
    public record Inspection(LocalDate visitedOn, InspectionResult result, String findings) {
    }

    protected ScoreSheet() {
    }

    public static ScoreSheet submit(Tender tender, Application application, PanelMember reviewer,
                                    List<CriterionScore> scores, Inspection inspection, String comments, Clock clock) {
        Map<String, Criterion> criteria = new HashMap<>();
        tender.getCriteria().forEach(c -> criteria.put(c.code(), c));
        List<DomainException.FieldError> errors = new ArrayList<>();
        Map<String, Integer> given = new HashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            CriterionScore s = scores.get(i);
            if (!criteria.containsKey(s.criterionCode())) {
                errors.add(DomainException.FieldError.coded("scores[" + i + "].criterionCode", "review.criterion-unknown",
                        s.criterionCode() + " is not a criterion of this tender", s.criterionCode()));
            } else if (given.putIfAbsent(s.criterionCode(), s.score()) != null) {
                errors.add(DomainException.FieldError.coded("scores[" + i + "].criterionCode", "review.criterion-twice",
                        s.criterionCode() + " is scored twice", s.criterionCode()));
            }
            if (s.score() < 0 || s.score() > tender.getScale()) {
                errors.add(DomainException.FieldError.coded("scores[" + i + "].score", "review.score-range",
                        "must be between 0 and " + tender.getScale() + " (the tender's scale), was " + s.score(), tender.getScale(), s.score()));
            }
        }
        for (Criterion c : tender.getCriteria()) {
            if (!given.containsKey(c.code())) {
                errors.add(DomainException.FieldError.coded("scores", "review.score-missing",
                        "no score for " + c.code() + " (" + c.name() + ")", c.code(), c.name()));
            }
        }
        if (inspection.visitedOn().isAfter(ProgramCalendar.today(clock))) {
            errors.add(DomainException.FieldError.coded("inspection.visitedOn", "review.visit-in-future",
                    "must not be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, "validation", "The request has invalid fields",
                    String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
        }
        long weighted = 0;
        for (Criterion c : tender.getCriteria()) {
            weighted += (long) given.get(c.code()) * c.weightBp();
        }
        ScoreSheet s = new ScoreSheet();
        s.id = Ids.newId();
        s.tenderId = tender.getId();
        s.applicationId = application.getId();
        s.reviewerId = reviewer.reviewerId();
        s.reviewerName = reviewer.name();
        s.scores = tender.getCriteria().stream().map(c -> new CriterionScore(c.code(), given.get(c.code()))).toList();
        s.weightedSum = weighted;
        s.inspection = inspection;
        s.comments = comments;
        s.submittedAt = clock.instant();
        return s;
    }

    /** Whether the other sheet says the same (scores, inspection, comments): the same act sent again. */
    public boolean isSameSheetAs(ScoreSheet other) {
        return java.util.Objects.equals(applicationId, other.applicationId) && java.util.Objects.equals(reviewerId, other.reviewerId)
                && java.util.Objects.equals(scores, other.scores) && java.util.Objects.equals(inspection, other.inspection)
                && java.util.Objects.equals(comments, other.comments);
    }

    public int score(String criterionCode) {
        return scores.stream().filter(s -> s.criterionCode().equals(criterionCode)).mapToInt(CriterionScore::score)
                .findFirst().orElse(0);
    }

    public String getTenderId() {
        return tenderId;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public String getReviewerId() {
        return reviewerId;
    }

    public String getReviewerName() {
        return reviewerName;
    }

    public List<CriterionScore> getScores() {
        return scores;
    }

    public long getWeightedSum() {
        return weightedSum;
    }

    public Inspection getInspection() {
        return inspection;
    }

    public String getComments() {
        return comments;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }
}
