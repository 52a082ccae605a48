package cn.sunshine.placement.monitoring;

import cn.sunshine.placement.placement.PlacementDtos;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the monitoring endpoints take and answer. */
public final class MonitoringDtos {

    static final String DIVISION = "[1-9]\\d{5}";
    static final String MAJOR = "[A-Z][A-Z0-9_]{1,39}";

    private MonitoringDtos() {
    }

    public record MonitorRequest(@NotBlank @Size(max = 50) String name,
                                 @NotBlank @Pattern(regexp = PlacementDtos.PHONE, message = "must be a mobile or landline number with area code") String phone) {
    }

    public record PointRequest(@NotBlank @Pattern(regexp = DIVISION, message = "must be a 6-digit division code") String divisionCode,
                                  @NotBlank @Size(max = 50) String town,
                                  @NotBlank @Size(max = 50) String village,
                                  @NotNull @Valid MonitorRequest monitor) {
    }

    public record RetireRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record Destinations(@NotNull @PositiveOrZero Integer inCounty, @NotNull @PositiveOrZero Integer inProvince,
                               @NotNull @PositiveOrZero Integer outOfProvince) {
    }

    /** The figures of a return (head counts); {@code sectors} by {@link Figures.Sector} name. */
    public record FiguresRequest(@NotNull @PositiveOrZero @Max(1_000_000) Integer labourers,
                                 @NotNull @PositiveOrZero Integer male,
                                 @NotNull @PositiveOrZero Integer female,
                                 @NotNull @PositiveOrZero Integer transferred,
                                 @NotNull @PositiveOrZero Integer newlyTransferred,
                                 @NotNull @Valid Destinations destinations,
                                 Map<String, Integer> sectors,
                                 @NotNull @PositiveOrZero Integer returnedHome) {
    }

    public record ReturnRequest(@NotNull @Min(2000) @Max(2100) Integer year,
                                @NotNull @Min(1) @Max(4) Integer quarter,
                                @NotNull @Valid FiguresRequest figures) {
    }

    public record CorrectionRequest(@NotNull @Valid FiguresRequest figures,
                                    @NotBlank @Size(max = 500) String reason) {
    }

    public record NeedRequest(@NotBlank @Pattern(regexp = MAJOR, message = "must be an upper-case major code, e.g. WELDING") String majorCode,
                              @NotBlank @Size(max = 50) String majorName,
                              @NotNull @Min(1) @Max(100_000) Integer headCount) {
    }

    public record SurveyRequest(@NotNull @Min(2000) @Max(2100) Integer year,
                                @NotNull LocalDate surveyedOn,
                                @NotEmpty @Size(max = 50) List<@NotNull @Valid NeedRequest> needs) {
    }

    public record SurveyCorrectionRequest(@NotNull LocalDate surveyedOn,
                                          @NotEmpty @Size(max = 50) List<@NotNull @Valid NeedRequest> needs,
                                          @NotBlank @Size(max = 500) String reason) {
    }

    /** A point as the caller may see it: the monitor's phone whole only for the county's officer reading the point. */
    public record PointView(String id, long version, String divisionCode, String town, String village,
                            String monitorName, String monitorPhone, MonitoringPoint.Status status,
                            Instant registeredAt, String registeredBy, Instant retiredAt, String retiredBy,
                            String retirementReason) {
    }

    public record ReturnView(String id, long version, String pointId, String divisionCode, String town, String village,
                             int year, int quarter, int revision, Figures figures, Integer transferRateBp,
                             List<LabourReturn.ReturnRevision> revisions) {
        static ReturnView of(LabourReturn r) {
            Figures f = r.getFigures();
            return new ReturnView(r.getId(), r.getVersion(), r.getPointId(), r.getDivisionCode(), r.getTown(),
                    r.getVillage(), r.getYear(), r.getQuarter(), r.lastRevision().number(), f,
                    Figures.rateBp(f.transferred(), f.labourers()), r.getRevisions());
        }
    }

    public record SurveyView(String id, long version, String pointId, String divisionCode, String town, String village,
                             int year, LocalDate surveyedOn, List<NeedsSurvey.Need> needs, int headCount, int revision,
                             List<NeedsSurvey.SurveyRevision> revisions) {
        static SurveyView of(NeedsSurvey s) {
            return new SurveyView(s.getId(), s.getVersion(), s.getPointId(), s.getDivisionCode(), s.getTown(),
                    s.getVillage(), s.getYear(), s.getSurveyedOn(), s.getNeeds(),
                    s.getNeeds().stream().mapToInt(NeedsSurvey.Need::headCount).sum(), s.getRevisions().size(),
                    s.getRevisions());
        }
    }

    /** One quarter of a division's returns, summed over the points that reported it. */
    public record QuarterTrend(int quarter, int pointsReporting, long labourers, long male, long female,
                               long transferred, long newlyTransferred, long inCounty, long inProvince,
                               long outOfProvince, Map<String, Long> sectors, long returnedHome,
                               Integer transferRateBp) {
    }

    public record NeedTrend(String majorCode, String majorName, long headCount, int villages) {
    }

    /**
     * Beside the plan: what placement knows of the programme in the division and year — the trainees who completed
     * (the enrollment's programme year) and those placed ({@code source} names it).
     */
    public record Plan(String source, long completed, long placed, Integer placementRateBp) {
    }

    public record TrendsView(String divisionCode, int year, long pointsActive, List<QuarterTrend> quarters,
                             List<NeedTrend> needs, long surveys, Plan plan) {
    }
}
