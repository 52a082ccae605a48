package cn.sunshine.enrollment.teaching;

import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.enrollment.LessonRecorded;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A lesson a class held (三有: 有教学记录) and its attendance (有考勤), recorded by the base's staff in one batch:
 * the day, teacher, topic, kind and teaching hours (学时), and for each trainee in training present, absent or
 * excused. Insert-only: a recorded lesson decides who may complete, so it is never overwritten.
 */
@Document("lessons")
@CompoundIndex(name = "class_date", def = "{'classId': 1, 'date': 1}")
@CompoundIndex(name = "class_attendee", def = "{'classId': 1, 'attendance.enrollmentId': 1}")
public class Lesson extends TeachingRecord {

    public enum Kind { THEORY, PRACTICE }

    public enum Presence { PRESENT, ABSENT, EXCUSED }

    /** One trainee's attendance at the lesson. */
    public record Mark(String enrollmentId, String name, Presence presence) {
    }

    private String majorCode;
    private int year;
    private LocalDate date;
    private String teacher;
    private String topic;
    private Kind kind;
    private int hours;
    private List<Mark> attendance;
    private Instant recordedAt;
    private String recordedBy;

    protected Lesson() {
    }

    /** The base records a lesson held on {@code date}, within the class's planned days and not after today. */
    public static Lesson record(TrainingClass c, LocalDate date, String teacher, String topic, Kind kind, int hours,
                                List<Mark> attendance, LocalDate today, String actor, Instant now) {
        if (c.getStatus() != TrainingClass.Status.OPENED) {
            throw DomainException.rule("class-not-opened", "The class has not opened",
                    "lessons are recorded once a county officer has confirmed the class's opening");
        }
        if (date.isAfter(today)) {
            throw DomainException.invalidField("date", Phrase.coded("enrollment.lesson-in-future",
                    "a lesson is recorded once held: not after " + today, today));
        }
        if (date.isBefore(c.getPlannedStart()) || date.isAfter(c.getPlannedEnd())) {
            throw DomainException.invalidField("date", Phrase.coded("enrollment.lesson-outside-class",
                    "must be within the class's days " + c.getPlannedStart() + "~"
                    + c.getPlannedEnd(), c.getPlannedStart(), c.getPlannedEnd()));
        }
        Lesson l = new Lesson();
        l.id = Ids.newId();
        l.fileUnder(c);
        l.majorCode = c.getMajorCode();
        l.year = c.getYear();
        l.date = date;
        l.teacher = teacher.trim();
        l.topic = topic.trim();
        l.kind = kind;
        l.hours = hours;
        l.attendance = List.copyOf(attendance);
        l.recordedAt = now;
        l.recordedBy = actor;
        l.recordEvent(EventTypes.LESSON_RECORDED, new LessonRecorded(l.id, l.classId, l.baseId, l.divisionCode,
                l.majorCode, l.year, date, kind.name(), hours, l.count(Presence.PRESENT), l.count(Presence.ABSENT),
                l.count(Presence.EXCUSED), now, actor), l.divisionCode, now);
        return l;
    }

    public int count(Presence p) {
        return (int) attendance.stream().filter(m -> m.presence() == p).count();
    }

    /** The trainee's mark at this lesson, or null when they were not on its list. */
    public Mark markOf(String enrollmentId) {
        return attendance.stream().filter(m -> m.enrollmentId().equals(enrollmentId)).findFirst().orElse(null);
    }

    public LocalDate getDate() {
        return date;
    }

    public String getTeacher() {
        return teacher;
    }

    public String getTopic() {
        return topic;
    }

    public Kind getKind() {
        return kind;
    }

    public int getHours() {
        return hours;
    }

    public List<Mark> getAttendance() {
        return attendance == null ? List.of() : attendance;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public String getRecordedBy() {
        return recordedBy;
    }
}
