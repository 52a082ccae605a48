package cn.sunshine.accreditation.review;

import java.time.Instant;
import java.util.List;

/**
 * One application's place in a tender's ranking, in exact integers: the sum of its sheets'
 * weighted totals (Σ score × weightBp), per criterion the sum of the raw scores, and the sheets.
 * The average score is {@code scoreSum / sheetCount / 10000}. A notice freezes these.
 */
public record RankedApplication(int rank, String applicationId, String institutionName, String creditCode,
                                String institutionDivision, Instant submittedAt, long scoreSum, int sheetCount,
                                int inspectionsPassed, boolean eligible, String ineligibleBecause,
                                List<CriterionTotal> criteria, List<SheetTotal> sheets) {

    /** Sum over the sheets of the raw scores on one criterion. */
    public record CriterionTotal(String code, String name, int weightBp, long scoreSum) {
    }

    /** One reviewer's weighted total and inspection result. */
    public record SheetTotal(String reviewerId, String reviewerName, long weightedSum,
                             ScoreSheet.InspectionResult inspection, Instant submittedAt) {
    }
}
