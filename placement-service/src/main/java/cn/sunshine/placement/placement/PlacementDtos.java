package cn.sunshine.placement.placement;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Requests and responses of the placement feature. */
public final class PlacementDtos {

    /** A mainland mobile number or a landline with area code (an extension may follow). */
    public static final String PHONE = "(1[3-9]\\d{9})|(0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?)";

    private PlacementDtos() {
    }

    public record EmployerRequest(@NotBlank @Size(max = 100) String name,
                                  @NotBlank @Size(min = 18, max = 18) String creditCode,
                                  @NotBlank @Size(min = 6, max = 200) String address,
                                  @NotBlank @Pattern(regexp = PHONE, message = "must be a mobile or landline number with area code") String hrPhone) {
    }

    /** The employer is either a registered one ({@code employerId}) or given inline ({@code employer}), not both. */
    @Schema(example = """
            {"enrollmentId":"…","employer":{"name":"武汉江城重工有限公司","creditCode":"91420100MA4K0000XX",
             "address":"武汉市江夏区庙山大道8号","hrPhone":"027-87654321"},"job":"电焊工","monthlyWageFen":520000,
             "startDate":"2026-09-01","workplace":"IN_PROVINCE","contractSigned":true}""")
    public record PlaceRequest(@NotBlank @Size(max = 100) String enrollmentId,
                               @Size(max = 100) String employerId,
                               @Valid EmployerRequest employer,
                               @Size(max = 100) String orderId,
                               @NotBlank @Size(max = 100) String job,
                               @NotNull @Min(1) @Max(100_000_000) Long monthlyWageFen,
                               @NotNull LocalDate startDate,
                               @NotNull Workplace workplace,
                               @NotNull Boolean contractSigned,
                               @Size(max = 140) String replacesPlacementId) {
    }

    /** A class's placements in one request: 1 to 500 entries, each trainee once. */
    public record ClassPlacementsRequest(@NotNull @Size(min = 1, max = 500) List<@NotNull @Valid PlaceRequest> placements) {
    }

    /** What a class's placements did; the ids of the trainees' placements in the order sent. */
    public record ClassPlacementsView(int placed, int alreadyDone, List<String> placementIds) {
    }

    public record DepartureRequest(@NotNull LocalDate leftOn, @NotBlank @Size(max = 500) String reason) {
    }

    public record PlacementView(String id, long version, String enrollmentId, int sequence, String classId,
                                String baseId, String divisionCode, String majorCode, int year, String traineeName,
                                String maskedIdNumber, EmployerTerms employer, String orderId, String job,
                                long monthlyWageFen, LocalDate startDate, Workplace workplace, boolean contractSigned,
                                String replacesPlacementId, boolean countsTrainee, PlacementStatus status,
                                LocalDate leftOn, String leftReason, Placement.Disproval disproval,
                                LocalDate reportedOn, Instant placedAt, List<FollowUp> followUps,
                                LocalDate nextDueOn) {
        public static PlacementView of(Placement p) {
            return new PlacementView(p.getId(), p.getVersion(), p.getEnrollmentId(), p.getSequence(), p.getClassId(),
                    p.getBaseId(), p.getDivisionCode(), p.getMajorCode(), p.getYear(), p.getTraineeName(),
                    p.getMaskedIdNumber(), p.getEmployer(), p.getOrderId(), p.getJob(), p.getMonthlyWageFen(),
                    p.getStartDate(), p.getWorkplace(), p.isContractSigned(), p.getReplacesPlacementId(),
                    p.isCountsTrainee(), p.getStatus(), p.getLeftOn(), p.getLeftReason(), p.getDisproval(),
                    p.getReportedOn(), p.getPlacedAt(),
                    p.getFollowUps(), p.getNextDueOn());
        }
    }
}
