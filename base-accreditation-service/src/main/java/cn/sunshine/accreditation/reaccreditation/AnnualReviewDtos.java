package cn.sunshine.accreditation.reaccreditation;

import cn.sunshine.accreditation.base.BaseDtos.DecisionView;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Requests and responses of the annual review. */
public final class AnnualReviewDtos {

    private AnnualReviewDtos() {
    }

    @Schema(example = """
            {"year":2026,"facts":{"enrolled":312,"completed":298,"placed":259,"committedPlacementRateBp":9000,
             "spotChecksCalled":13,"spotChecksConfirmed":13,"findings":[]}}""")
    public record OpenRequest(@NotNull @Min(2000) @Max(2100) Integer year, @NotNull @Valid FactsDto facts) {
    }

    /** committedPlacementRateBp may be left out: it is then taken from the year's effective agreement. */
    public record FactsDto(@NotNull @Min(0) @Max(1_000_000) Integer enrolled,
                           @NotNull @Min(0) @Max(1_000_000) Integer completed,
                           @NotNull @Min(0) @Max(1_000_000) Integer placed,
                           @Min(0) @Max(10000) Integer committedPlacementRateBp,
                           @NotNull @Min(0) @Max(1_000_000) Integer spotChecksCalled,
                           @NotNull @Min(0) @Max(1_000_000) Integer spotChecksConfirmed,
                           @Size(max = 50) List<@NotBlank @Size(max = 500) String> findings) {
    }

    public record ReviewDecisionRequest(@NotNull AnnualReview.Outcome outcome, @NotBlank @Size(max = 2000) String reasons,
                                  @Size(max = 20) List<@NotBlank @Size(max = 500) String> conditions) {
    }

    public record FactsView(int enrolled, int completed, int placed, int committedPlacementRateBp,
                            int completionRateBp, int placementRateBp, boolean meetsCommitment, int spotChecksCalled,
                            int spotChecksConfirmed, List<String> findings) {
        static FactsView of(AnnualReview.Facts f) {
            return new FactsView(f.enrolled(), f.completed(), f.placed(), f.committedPlacementRateBp(),
                    f.completionRateBp(), f.placementRateBp(), f.placementRateBp() >= f.committedPlacementRateBp(),
                    f.spotChecksCalled(), f.spotChecksConfirmed(), f.findings());
        }
    }

    public record AnnualReviewView(String id, long version, String baseId, String baseName, String divisionCode,
                                   int year, FactsView facts, AnnualReview.Recorded recordedByOtherServices,
                                   AnnualReview.Status status, AnnualReview.Outcome outcome, List<String> conditions,
                                   DecisionView opening, DecisionView decision) {
        static AnnualReviewView of(AnnualReview r) {
            return new AnnualReviewView(r.getId(), r.getVersion(), r.getBaseId(), r.getBaseName(), r.getDivisionCode(),
                    r.getYear(), FactsView.of(r.getFacts()), r.getRecorded(), r.getStatus(), r.getOutcome(),
                    r.getConditions(), DecisionView.of(r.getOpening()), DecisionView.of(r.getDecision()));
        }
    }

    /**
     * {@code placed} leaves out the placements spot checks disproved ({@code disproved});
     * {@code placementRateBp} = placed / completed (floor; null when nobody completed);
     * {@code confirmationRateBp} = trainees who confirmed / trainees asked (floor; null when nobody was asked).
     */
    public record PerformanceView(String baseId, int year, int enrolled, int completed, int placed, int disproved,
                                  Integer placementRateBp, int spotChecksCalled, int spotChecksConfirmed,
                                  List<String> findings, Instant lastEventAt, int confirmationsAsked,
                                  int confirmationsConfirmed, int confirmationsDenied, Integer confirmationRateBp,
                                  Integer acceptanceScore, Boolean acceptancePassed) {
        static PerformanceView of(BasePerformance p) {
            return new PerformanceView(p.getBaseId(), p.getYear(), p.getEnrolled(), p.getCompleted(), p.getPlaced(),
                    p.getDisproved(), p.placementRateBp(), p.getSpotChecksCalled(), p.getSpotChecksConfirmed(),
                    p.getFindings(), p.getLastEventAt(), p.getConfirmationsAsked(), p.getConfirmationsConfirmed(),
                    p.getConfirmationsDenied(), p.confirmationRateBp(), p.getAcceptanceScore(), p.getAcceptancePassed());
        }
    }
}
