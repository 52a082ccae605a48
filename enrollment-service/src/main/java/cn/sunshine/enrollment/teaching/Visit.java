package cn.sunshine.enrollment.teaching;

import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.enrollment.VisitRecorded;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A county officer's unannounced visit (不定期抽查) to a class: who was there and who, in training, was not.
 * Insert-only. A trainee the base marks present at a lesson of the visit's day but whom the officer did not find
 * is flagged when the visit is read ({@link Teaching#visits}), whichever was recorded first.
 */
@Document("visits")
@CompoundIndex(name = "classId", def = "{'classId': 1}")
public class Visit extends TeachingRecord {

    /** A trainee as the officer found them (or not). */
    public record Seen(String enrollmentId, String name) {
    }

    private int year;
    private Instant visitedAt;
    private String officer;
    private String notes;
    private List<Seen> present;
    private List<Seen> absent;
    private Instant recordedAt;

    protected Visit() {
    }

    public static Visit record(TrainingClass c, Instant visitedAt, List<Seen> present, List<Seen> absent, String notes,
                               String officer, Instant now) {
        if (c.getStatus() != TrainingClass.Status.OPENED) {
            throw DomainException.rule("class-not-opened", "The class has not opened",
                    "a visit checks a class in training: its opening is confirmed first");
        }
        if (visitedAt.isAfter(now)) {
            throw DomainException.invalidField("visitedAt", Phrase.coded("enrollment.visit-in-future",
                    "a visit is recorded once made: not in the future"));
        }
        Visit v = new Visit();
        v.id = Ids.newId();
        v.fileUnder(c);
        v.year = c.getYear();
        v.visitedAt = visitedAt;
        v.officer = officer;
        v.notes = notes == null || notes.isBlank() ? null : notes.trim();
        v.present = List.copyOf(present);
        v.absent = List.copyOf(absent);
        v.recordedAt = now;
        v.recordEvent(EventTypes.VISIT_RECORDED, new VisitRecorded(v.id, v.classId, v.baseId, v.divisionCode, v.year,
                visitedAt, present.size(), absent.size(), now, officer), v.divisionCode, now);
        return v;
    }

    public boolean found(String enrollmentId) {
        return getPresent().stream().anyMatch(s -> s.enrollmentId().equals(enrollmentId));
    }

    public Instant getVisitedAt() {
        return visitedAt;
    }

    public String getOfficer() {
        return officer;
    }

    public String getNotes() {
        return notes;
    }

    public List<Seen> getPresent() {
        return present == null ? List.of() : present;
    }

    public List<Seen> getAbsent() {
        return absent == null ? List.of() : absent;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}
