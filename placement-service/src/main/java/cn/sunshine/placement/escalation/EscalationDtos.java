package cn.sunshine.placement.escalation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** What the escalation endpoints take and answer. */
public final class EscalationDtos {

    private EscalationDtos() {
    }

    public record ResolveRequest(@NotBlank @Size(max = 1000) String resolution,
                                 @NotNull @Min(0) @Max(1_000_000_000) Long recoveredWagesFen) {
    }

    public record CaseView(String id, long version, String placementId, String enrollmentId, String baseId,
                           String divisionCode, String traineeName, String employerName, List<String> problems,
                           long unpaidWagesFen, String note, EscalationCase.Status status, Instant openedAt,
                           String resolution, long recoveredWagesFen, Instant resolvedAt) {
        static CaseView of(EscalationCase c) {
            return new CaseView(c.getId(), c.getVersion(), c.getPlacementId(), c.getEnrollmentId(), c.getBaseId(),
                    c.getDivisionCode(), c.getTraineeName(), c.getEmployerName(), c.getProblems(),
                    c.getUnpaidWagesFen(), c.getNote(), c.getStatus(), c.getOpenedAt(), c.getResolution(),
                    c.getRecoveredWagesFen(), c.getResolvedAt());
        }
    }
}
