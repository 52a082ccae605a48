package cn.sunshine.accreditation.inspection;

import cn.sunshine.accreditation.base.Decision;
import io.swagger.v3.oas.annotations.media.Schema;
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

/** Requests and views of inspections and acceptance (检查验收). */
public final class InspectionDtos {

    private InspectionDtos() {
    }

    public record InspectionPlanRequest(
            @NotBlank @Pattern(regexp = "\\d{4}(?!00)\\d{2}", message = "must be a 6-digit county code") String divisionCode,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @NotNull InspectionKind kind,
            @NotBlank @Size(max = 200) String title,
            @NotEmpty @Size(max = 200) List<@NotBlank @Size(max = 100) String> baseIds,
            @NotNull LocalDate plannedFrom,
            @NotNull LocalDate plannedTo,
            @Size(max = 50) String checklistVersion,
            @Size(max = 2000) String notes) {
    }

    public record PlanView(String id, String divisionCode, int year, InspectionKind kind, String title,
                           List<String> baseIds, LocalDate plannedFrom, LocalDate plannedTo, String checklistVersion,
                           String notes, InspectionPlan.Status status, Instant createdAt, String createdBy,
                           Instant publishedAt, String publishedBy, long version) {
        static PlanView of(InspectionPlan p) {
            return new PlanView(p.getId(), p.getDivisionCode(), p.getYear(), p.getKind(), p.getTitle(), p.getBaseIds(),
                    LocalDate.parse(p.getPlannedFrom()), LocalDate.parse(p.getPlannedTo()), p.getChecklistVersion(),
                    p.getNotes(), p.getStatus(), p.getCreatedAt(), p.getCreatedBy(), p.getPublishedAt(),
                    p.getPublishedBy(), versionOf(p.getVersion()));
        }
    }

    /** One checklist item's score and the inspector's remark. */
    public record ItemScoreDto(@NotBlank @Size(max = 50) String itemCode, @NotNull Integer score, @Size(max = 1000) String remark) {
        Checklist.Score toScore() {
            return new Checklist.Score(itemCode.trim(), score, remark);
        }
    }

    /**
     * What the base must correct, and by when: a {@code deadline} of its own, or {@code withinWorkingDays} of the
     * visit, or (neither) the configured number of working days.
     */
    public record RectificationDto(@NotBlank @Size(max = 2000) String requirement, LocalDate deadline,
                                   @Min(1) @Max(120) Integer withinWorkingDays) {
    }

    /** The money a finding involves: the amount in fen when known, and the trainees' enrollments when known. */
    public record MoneyDto(@PositiveOrZero Long amountFen, @Size(max = 500) List<@NotBlank @Size(max = 100) String> enrollmentIds) {
    }

    public record FindingDto(@Size(max = 50) String itemCode, @NotBlank @Size(max = 2000) String description,
                             @Valid RectificationDto rectification, @Valid MoneyDto money) {
    }

    public record VisitRequest(
            @NotBlank @Size(max = 100) String baseId,
            @Size(max = 100) String planId,
            @Schema(description = "the plan's kind when a plan is named") InspectionKind kind,
            @NotNull LocalDate visitedOn,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 50) String> inspectors,
            @Size(max = 50) String checklistVersion,
            @NotEmpty @Size(max = 100) List<@NotNull @Valid ItemScoreDto> scores,
            @Size(max = 4000) String summary,
            @Size(max = 50) List<@NotNull @Valid FindingDto> findings) {
    }

    public record FindingView(String findingId, String itemCode, String description,
                              InspectionVisit.Rectification rectification, InspectionVisit.Money money) {
    }

    public record VisitView(String id, String divisionCode, String baseId, String baseName, String planId, int year,
                            InspectionKind kind, LocalDate visitedOn, List<String> inspectors, String checklistVersion,
                            List<Checklist.Score> scores, int total, int maxTotal, int passingScore, boolean passed,
                            String summary, List<FindingView> findings, Instant recordedAt, String recordedBy,
                            long version) {
        static VisitView of(InspectionVisit v) {
            return new VisitView(v.getId(), v.getDivisionCode(), v.getBaseId(), v.getBaseName(), v.getPlanId(),
                    v.getYear(), v.getKind(), LocalDate.parse(v.getVisitedOn()), v.getInspectors(),
                    v.getChecklistVersion(), v.getScores(), v.getTotal(), v.getMaxTotal(), v.getPassingScore(),
                    v.passed(), v.getSummary(), v.getFindings().stream().map(f -> new FindingView(f.findingId(),
                    f.itemCode(), f.description(), f.rectification(), f.money())).toList(), v.getRecordedAt(),
                    v.getRecordedBy(), versionOf(v.getVersion()));
        }
    }

    public record CorrectionReportRequest(@NotBlank @Size(max = 4000) String correction) {
    }

    public record ClosureRequest(@Size(max = 2000) String note) {
    }

    public record RejectionRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    public record OrderView(String id, String divisionCode, String baseId, String baseName, String visitId,
                            InspectionKind kind, int year, String finding, String itemCode, String requirement,
                            LocalDate deadline, boolean involvesMoney, RectificationOrder.Status status,
                            boolean overdue, long daysOverdue, Instant issuedAt, String issuedBy,
                            List<RectificationOrder.Report> reports, List<Decision> rejections, Decision closure,
                            Boolean correctedOnTime, long version) {
        static OrderView of(RectificationOrder o, LocalDate today) {
            return new OrderView(o.getId(), o.getDivisionCode(), o.getBaseId(), o.getBaseName(), o.getVisitId(),
                    o.getKind(), o.getYear(), o.getFinding(), o.getItemCode(), o.getRequirement(),
                    LocalDate.parse(o.getDeadline()), o.isInvolvesMoney(), o.getStatus(), o.overdueOn(today),
                    o.daysOverdueOn(today), o.getIssuedAt(), o.getIssuedBy(), o.getReports(), o.getRejections(),
                    o.getClosure(), o.getCorrectedOnTime(), versionOf(o.getVersion()));
        }
    }

    public record CorrectionDto(@Size(max = 50) String itemCode, @NotBlank @Size(max = 2000) String problem,
                                @NotBlank @Size(max = 2000) String correction, LocalDate correctedOn) {
    }

    public record SelfInspectionRequest(
            @NotBlank @Size(max = 100) String baseId,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @Size(max = 50) String checklistVersion,
            @NotEmpty @Size(max = 100) List<@NotNull @Valid ItemScoreDto> scores,
            @Size(max = 4000) String summary,
            @Size(max = 100) List<@NotNull @Valid CorrectionDto> corrections) {
    }

    public record SelfInspectionView(String id, String divisionCode, String baseId, String baseName, int year,
                                     String checklistVersion, List<Checklist.Score> scores, int total, int maxTotal,
                                     String summary, List<SelfInspection.Correction> corrections, Instant submittedAt,
                                     String submittedBy, long version) {
        static SelfInspectionView of(SelfInspection s) {
            return new SelfInspectionView(s.getId(), s.getDivisionCode(), s.getBaseId(), s.getBaseName(), s.getYear(),
                    s.getChecklistVersion(), s.getScores(), s.getTotal(), s.getMaxTotal(), s.getSummary(),
                    s.getCorrections(), s.getSubmittedAt(), s.getSubmittedBy(), versionOf(s.getVersion()));
        }
    }

    public record AcceptanceRequest(@NotBlank @Size(max = 4000) String conclusion) {
    }

    public record AcceptanceView(String id, String divisionCode, String baseId, String baseName, int year, String visitId,
                                 String checklistVersion, int score, int passingScore, boolean passed,
                                 String conclusion, Instant recordedAt, String recordedBy, long version) {
        static AcceptanceView of(AcceptanceRecord a) {
            return new AcceptanceView(a.getId(), a.getDivisionCode(), a.getBaseId(), a.getBaseName(), a.getYear(),
                    a.getVisitId(), a.getChecklistVersion(), a.getScore(), a.getPassingScore(), a.isPassed(),
                    a.getConclusion(), a.getRecordedAt(), a.getRecordedBy(), versionOf(a.getVersion()));
        }
    }

    private static long versionOf(Long version) {
        return version == null ? 0 : version;
    }
}
