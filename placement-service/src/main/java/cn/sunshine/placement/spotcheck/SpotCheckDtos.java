package cn.sunshine.placement.spotcheck;

import cn.sunshine.placement.contact.ContactLookups.Outcome;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the spot-check endpoints take and answer. */
public final class SpotCheckDtos {

    private SpotCheckDtos() {
    }

    public record DrawRequest(@NotBlank @Size(max = 100) String baseId, @NotNull LocalDate periodFrom,
                              @NotNull LocalDate periodTo, Long seed) {
    }

    public record RoundRequest(@NotNull LocalDate periodFrom, @NotNull LocalDate periodTo, Long seed) {
    }

    public record RoundView(String roundId, long seed, String seedCommitment, List<SpotCheckView> spotChecks) {
    }

    public record CallRequest(@NotBlank @Size(max = 140) String placementId, @NotNull Boolean reached,
                              Boolean attendedTraining, Boolean employedAsReported, Boolean subsidyReceived,
                              Boolean chargedFee, @Size(max = 1000) String note) {
    }

    public record ItemView(String placementId, String enrollmentId, String traineeName, String maskedIdNumber,
                           String employerName, String employerAddress, String job, String workplace,
                           Outcome contact, String phone, String contactProblem, Call call) {
    }

    public record SpotCheckView(String id, long version, String baseId, String divisionCode, int year,
                                LocalDate periodFrom, LocalDate periodTo, int population, int sampleRateBp, long seed,
                                String roundId, Long roundSeed, int sampled, int contactsPending, SpotCheck.Status status, Instant drawnAt,
                                String drawnBy, Instant concludedAt, List<ItemView> items) {
    }
}
