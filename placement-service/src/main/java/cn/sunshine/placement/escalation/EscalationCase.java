package cn.sunshine.placement.escalation;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A labour-rights problem (unpaid wages, no contract, …) a follow-up reported, on the county's
 * worklist until an officer records how it was resolved. The id is the follow-up's
 * ({@code <placementId>-f<n>}): opening it again is a no-op. The event
 * {@code placement.follow-up.escalated.v1} rides with the follow-up contact on the placement.
 */
@Document("placement_escalations")
public class EscalationCase extends AggregateRoot {

    public enum Status { OPEN, RESOLVED }

    private String placementId;
    private String enrollmentId;
    private String baseId;
    @Indexed
    private String divisionCode;
    private String traineeName;
    private String employerName;
    private List<String> problems;
    private long unpaidWagesFen;
    private String note;
    private Status status;
    private Instant openedAt;
    private String resolution;
    private long recoveredWagesFen;
    private Instant resolvedAt;
    private String resolvedBy;

    protected EscalationCase() {
    }

    public static EscalationCase open(String caseId, String placementId, String enrollmentId, String baseId,
                                      String divisionCode, String traineeName, String employerName,
                                      List<String> problems, long unpaidWagesFen, String note, Instant now) {
        EscalationCase c = new EscalationCase();
        c.id = caseId;
        c.placementId = placementId;
        c.enrollmentId = enrollmentId;
        c.baseId = baseId;
        c.divisionCode = divisionCode;
        c.traineeName = traineeName;
        c.employerName = employerName;
        c.problems = List.copyOf(problems);
        c.unpaidWagesFen = unpaidWagesFen;
        c.note = note;
        c.status = Status.OPEN;
        c.openedAt = now;
        return c;
    }

    void resolve(String resolution, long recoveredWagesFen, Instant now, String by) {
        if (status != Status.OPEN) {
            throw DomainException.invalidTransition("escalation case", status, "resolved");
        }
        status = Status.RESOLVED;
        this.resolution = resolution;
        this.recoveredWagesFen = recoveredWagesFen;
        resolvedAt = now;
        resolvedBy = by;
    }

    public String getPlacementId() {
        return placementId;
    }

    public String getEnrollmentId() {
        return enrollmentId;
    }

    public String getBaseId() {
        return baseId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getTraineeName() {
        return traineeName;
    }

    public String getEmployerName() {
        return employerName;
    }

    public List<String> getProblems() {
        return problems;
    }

    public long getUnpaidWagesFen() {
        return unpaidWagesFen;
    }

    public String getNote() {
        return note;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public String getResolution() {
        return resolution;
    }

    public long getRecoveredWagesFen() {
        return recoveredWagesFen;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public String getResolvedBy() {
        return resolvedBy;
    }
}
