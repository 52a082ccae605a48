package cn.sunshine.accreditation.review;

import cn.sunshine.accreditation.base.BaseDtos.DecisionView;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Requests and responses of the review feature. */
public final class ReviewDtos {

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    private ReviewDtos() {
    }

    public record AppointRequest(@NotEmpty @Size(max = 30) List<@Valid @NotNull AppointeeDto> members) {
    }

    public record AppointeeDto(@NotBlank @Size(max = 100) String reviewerId, @NotBlank @Size(max = 50) String name) {
    }

    public record DeclarationRequest(@NotNull Boolean noConflict, @NotBlank @Size(max = 1000) String statement) {
    }

    @Schema(example = """
            {"scores":[{"criterionCode":"FACILITIES","score":85},{"criterionCode":"TEACHERS","score":90}],
             "inspection":{"visitedOn":"2026-06-24","result":"PASSED","findings":"实训车间与申报一致，焊机40台在用"},
             "comments":"师资较强，就业渠道稳定"}""")
    public record ScoreSheetRequest(
            @NotEmpty @Size(max = 20) List<@Valid @NotNull ScoreDto> scores,
            @NotNull @Valid InspectionDto inspection,
            @Size(max = 2000) String comments) {
    }

    public record ScoreDto(@NotBlank String criterionCode, @NotNull Integer score) {
    }

    public record InspectionDto(@NotNull LocalDate visitedOn, @NotNull ScoreSheet.InspectionResult result,
                                @NotBlank @Size(max = 2000) String findings) {
    }

    public record PanelView(String id, long version, String tenderId, List<MemberView> members, int declared) {
        static PanelView of(ReviewPanel p) {
            return new PanelView(p.getId(), p.getVersion(), p.getTenderId(), p.getMembers().stream().map(m ->
                    new MemberView(m.reviewerId(), m.name(), m.status(), DecisionView.of(m.appointment()),
                            DecisionView.of(m.declaration()))).toList(), p.active().size());
        }
    }

    public record MemberView(String reviewerId, String name, PanelMember.Status status, DecisionView appointment,
                             DecisionView declaration) {
    }

    public record ScoreSheetView(String id, String tenderId, String applicationId, String reviewerId,
                                 String reviewerName, List<ScoreSheet.CriterionScore> scores,
                                 BigDecimal weightedScore, ScoreSheet.Inspection inspection, String comments,
                                 Instant submittedAt) {
        static ScoreSheetView of(ScoreSheet s) {
            return new ScoreSheetView(s.getId(), s.getTenderId(), s.getApplicationId(), s.getReviewerId(),
                    s.getReviewerName(), s.getScores(), weighted(s.getWeightedSum(), 1), s.getInspection(),
                    s.getComments(), s.getSubmittedAt());
        }
    }

    /** Σ score × weightBp over n sheets as an average score on the tender's scale, two decimals (half up). */
    public static BigDecimal weighted(long sum, int sheets) {
        if (sheets == 0) {
            return null;
        }
        return BigDecimal.valueOf(sum).divide(TEN_THOUSAND.multiply(BigDecimal.valueOf(sheets)), 2, RoundingMode.HALF_UP);
    }

    public record RankingView(String tenderId, int scale, int passingScore, List<String> reviewers, boolean complete,
                              List<String> missing, List<RankingEntryView> entries) {
        public static RankingView of(Ranking r, boolean withSheets) {
            return new RankingView(r.tenderId(), r.scale(), r.passingScore(), r.reviewers(), r.complete(), r.missing(),
                    r.entries().stream().map(e -> RankingEntryView.of(e, withSheets)).toList());
        }
    }

    /**
     * One application in a ranking: its average score and how it is composed — per criterion the
     * average score, its weight and its contribution to the total — and, for officers and reviewers,
     * each reviewer's total and inspection.
     */
    public record RankingEntryView(int rank, String applicationId, String institutionName, String creditCode,
                            BigDecimal averageScore, int sheetCount, int inspectionsPassed, boolean eligible,
                            String ineligibleBecause, List<CompositionView> composition, List<SheetTotalView> sheets) {
        public static RankingEntryView of(RankedApplication e, boolean withSheets) {
            int n = e.sheetCount();
            return new RankingEntryView(e.rank(), e.applicationId(), e.institutionName(), e.creditCode(),
                    weighted(e.scoreSum(), n), n, e.inspectionsPassed(), e.eligible(), e.ineligibleBecause(),
                    e.criteria().stream().map(c -> new CompositionView(c.code(), c.name(), c.weightBp(),
                            n == 0 ? null : BigDecimal.valueOf(c.scoreSum()).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP),
                            weighted(c.scoreSum() * c.weightBp(), n))).toList(),
                    withSheets ? e.sheets().stream().map(s -> new SheetTotalView(s.reviewerName(),
                            weighted(s.weightedSum(), 1), s.inspection(), s.submittedAt())).toList() : null);
        }
    }

    public record CompositionView(String criterionCode, String criterionName, int weightBp, BigDecimal averageScore,
                                  BigDecimal contribution) {
    }

    public record SheetTotalView(String reviewerName, BigDecimal weightedScore,
                                 ScoreSheet.InspectionResult inspection, Instant submittedAt) {
    }
}
