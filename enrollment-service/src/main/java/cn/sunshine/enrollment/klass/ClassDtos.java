package cn.sunshine.enrollment.klass;

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

/** Requests and responses of the class feature. */
public final class ClassDtos {

    private ClassDtos() {
    }

    @Schema(example = """
            {"majorCode":"WELDING","plannedStart":"2026-07-06","plannedEnd":"2026-08-14",
             "place":{"town":"杨河镇","village":"三合村","address":"三合村村委会会议室","mobile":true},
             "trainingForm":"ORDER","orderEmployer":"湖北双环科技股份有限公司","capacity":60,"feeFen":60000}""")
    public record ReportRequest(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be an upper-case code such as WELDING") String majorCode,
            @NotNull LocalDate plannedStart,
            @NotNull LocalDate plannedEnd,
            @NotNull @Valid PlaceRequest place,
            @NotNull TrainingForm trainingForm,
            @Size(max = 200) String orderEmployer,
            @NotNull @Min(1) @Max(500) Integer capacity,
            @NotNull @Min(0) @Max(10_000_000) Long feeFen) {
    }

    public record PlaceRequest(@NotBlank @Size(max = 50) String town, @Size(max = 50) String village,
                               @NotBlank @Size(max = 200) String address, @NotNull Boolean mobile) {
    }

    public record OpeningRequest(@Size(max = 1000) String notes) {
    }

    public record ClassView(String id, long version, String baseId, String baseName, String divisionCode,
                            String majorCode, String majorName, int year, LocalDate plannedStart, LocalDate plannedEnd,
                            ClassPlace place, TrainingForm trainingForm, String orderEmployer, int capacity,
                            long feeFen, TrainingClass.Status status, int enrolled, Instant reportedAt,
                            String reportedBy, Instant openedAt, String openedBy, String openingNotes) {
        public static ClassView of(TrainingClass c, int enrolled) {
            return new ClassView(c.getId(), c.getVersion(), c.getBaseId(), c.getBaseName(), c.getDivisionCode(),
                    c.getMajorCode(), c.getMajorName(), c.getYear(), c.getPlannedStart(), c.getPlannedEnd(), c.getPlace(),
                    c.getTrainingForm(), c.getOrderEmployer(), c.getCapacity(), c.getFeeFen(), c.getStatus(), enrolled,
                    c.getReportedAt(), c.getReportedBy(), c.getOpenedAt(), c.getOpenedBy(), c.getOpeningNotes());
        }
    }
}
