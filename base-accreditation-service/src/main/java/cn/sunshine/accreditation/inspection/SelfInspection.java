package cn.sunshine.accreditation.inspection;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A base's self-inspection report for a year (自查自纠): its staff score the base against the same checklist, and
 * list the problems they found with the corrections made. One per base and year (id {@code <baseId>:<year>});
 * submitted once — the county reads it beside its own visits.
 */
@Document("self_inspections")
@CompoundIndex(name = "division_year", def = "{'divisionCode': 1, 'year': 1}")
@CompoundIndex(name = "base_year", def = "{'baseId': 1, 'year': 1}")
public class SelfInspection extends ScoredRecord {

    /** A problem the base found itself, what it did about it, and the day it was corrected (null: not yet). */
    public record Correction(String itemCode, String problem, String correction, String correctedOn) {
    }

    private String summary;
    private List<Correction> corrections;
    private Instant submittedAt;
    private String submittedBy;

    protected SelfInspection() {
    }

    public static String idOf(String baseId, int year) {
        return baseId + ":" + year;
    }

    static SelfInspection submit(String divisionCode, String baseId, String baseName, int year, Checklist checklist,
                                 List<Checklist.Score> scores, String summary, List<Correction> corrections, String by,
                                 Clock clock) {
        SelfInspection s = new SelfInspection();
        s.id = idOf(baseId, year);
        s.about(divisionCode, baseId, baseName, year);
        s.scoreAgainst(checklist, scores);
        s.summary = summary;
        s.corrections = List.copyOf(corrections);
        s.submittedAt = clock.instant();
        s.submittedBy = by;
        return s;
    }

    public String getSummary() {
        return summary;
    }

    public List<Correction> getCorrections() {
        return corrections;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }
}
