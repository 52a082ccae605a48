package cn.sunshine.subsidy.confirmation;

import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * What a trainee answered, by the one-time code sent to their phone, about the statements the base's claim makes
 * of them (enrollment-service's {@code enrollment.trainee.confirmed.v1}), kept once per enrollment (id: the
 * enrollment id). A claim line with none is UNCONFIRMED; the answers are final (the first kept wins).
 */
@Document("trainee_confirmations")
public class TraineeConfirmation extends AggregateRoot {

    public enum Status { UNCONFIRMED, CONFIRMED, DENIED }

    @Indexed
    private String classId;
    private String baseId;
    private String divisionCode;
    private Status status;
    /** The statements denied: ATTENDED, COMPLETED, SUBSIDY_RECEIVED. */
    private List<String> denied;
    private Instant answeredAt;

    protected TraineeConfirmation() {
    }

    static TraineeConfirmation answered(String enrollmentId, String classId, String baseId, String divisionCode,
                                        String outcome, List<String> denied, Instant answeredAt) {
        TraineeConfirmation c = new TraineeConfirmation();
        c.id = enrollmentId;
        c.classId = classId;
        c.baseId = baseId;
        c.divisionCode = divisionCode;
        c.denied = denied == null ? List.of() : List.copyOf(denied);
        c.status = "DENIED".equals(outcome) || !c.denied.isEmpty() ? Status.DENIED : Status.CONFIRMED;
        c.answeredAt = answeredAt;
        return c;
    }

    public String getClassId() {
        return classId;
    }

    public String getBaseId() {
        return baseId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public Status getStatus() {
        return status;
    }

    public List<String> getDenied() {
        return denied == null ? List.of() : denied;
    }

    public Instant getAnsweredAt() {
        return answeredAt;
    }
}
