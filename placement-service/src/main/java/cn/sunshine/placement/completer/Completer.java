package cn.sunshine.placement.completer;

import cn.sunshine.platform.domain.TraineeRecord;
import cn.sunshine.platform.events.enrollment.TraineeCompleted;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A trainee who completed (结业), as enrollment-service published it: only completers can be placed,
 * and they are the denominator of every placement rate. Keyed by the enrollment id. Holds the name
 * and the masked ID number only, never the whole number or the phone.
 */
@Document("placement_completers")
@CompoundIndex(name = "divisionCode", def = "{'divisionCode': 1}")
public class Completer extends TraineeRecord {

    private String name;
    private String certificateNumber;
    private Instant completedAt;
    /** The completion date (Asia/Shanghai): rates per period select by it. */
    private java.time.LocalDate completedOn;

    protected Completer() {
    }

    static Completer from(TraineeCompleted e) {
        Completer c = new Completer();
        c.id = e.enrollmentId();
        c.classId = e.classId();
        c.baseId = e.baseId();
        c.divisionCode = e.divisionCode();
        c.majorCode = e.majorCode();
        c.year = e.year();
        c.name = e.name();
        c.maskedIdNumber = e.maskedIdNumber();
        c.certificateNumber = e.certificateNumber();
        c.completedAt = e.completedAt();
        c.completedOn = e.completedAt() == null ? null : cn.sunshine.platform.time.ProgramCalendar.dateOf(e.completedAt());
        return c;
    }

    /** A completion is a fact: a repeated event changes nothing. */
    void apply(TraineeCompleted e) {
        // enrollment completes a trainee once; the first event's facts stand
    }

    public String getName() {
        return name;
    }

    public String getCertificateNumber() {
        return certificateNumber;
    }

    public java.time.LocalDate getCompletedOn() {
        return completedOn;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }
}
