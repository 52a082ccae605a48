package cn.sunshine.enrollment.teaching;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Requests and responses of teaching records: the plan, lessons and attendance, visits. */
public final class TeachingDtos {

    private TeachingDtos() {
    }

    @Schema(example = """
            {"modules":[{"name":"焊接安全与识图","kind":"THEORY","hours":24},{"name":"手工电弧焊实操","kind":"PRACTICE","hours":96}]}""")
    public record PlanRequest(@NotNull @Size(min = 1, max = 50) List<@Valid @NotNull ModuleRequest> modules) {
    }

    public record ModuleRequest(@NotBlank @Size(max = 100) String name, @NotNull Lesson.Kind kind,
                                @NotNull @Min(1) @Max(1000) Integer hours) {
    }

    public record PlanView(String classId, long version, List<TeachingPlan.Module> modules, int theoryHours,
                           int practiceHours, Instant setAt, String setBy) {
        static PlanView of(TeachingPlan p) {
            return new PlanView(p.getClassId(), p.getVersion(), p.getModules(), p.hours(Lesson.Kind.THEORY),
                    p.hours(Lesson.Kind.PRACTICE), p.getSetAt(), p.getSetBy());
        }
    }

    @Schema(example = """
            {"date":"2026-07-07","teacher":"王建国","topic":"平焊基本操作","kind":"PRACTICE","hours":4,
             "attendance":[{"enrollmentId":"01JENROLLMENT0000000000001","presence":"PRESENT"},
                           {"enrollmentId":"01JENROLLMENT0000000000002","presence":"EXCUSED"}]}""")
    public record LessonRequest(@NotNull LocalDate date, @NotBlank @Size(max = 50) String teacher,
                                @NotBlank @Size(max = 200) String topic, @NotNull Lesson.Kind kind,
                                @NotNull @Min(1) @Max(12) Integer hours,
                                @NotNull @Size(min = 1, max = 500) List<@Valid @NotNull MarkRequest> attendance) {
    }

    public record MarkRequest(@NotBlank String enrollmentId, @NotNull Lesson.Presence presence) {
    }

    public record LessonView(String id, long version, String classId, LocalDate date, String teacher, String topic,
                             Lesson.Kind kind, int hours, int present, int absent, int excused,
                             List<Lesson.Mark> attendance, Instant recordedAt, String recordedBy) {
        static LessonView of(Lesson l) {
            return new LessonView(l.getId(), l.getVersion(), l.getClassId(), l.getDate(), l.getTeacher(), l.getTopic(),
                    l.getKind(), l.getHours(), l.count(Lesson.Presence.PRESENT), l.count(Lesson.Presence.ABSENT),
                    l.count(Lesson.Presence.EXCUSED), l.getAttendance(), l.getRecordedAt(), l.getRecordedBy());
        }
    }

    @Schema(example = """
            {"visitedAt":"2026-07-07T02:10:00Z","present":["01JENROLLMENT0000000000001"],"notes":"上午实操课抽查"}""")
    public record VisitRequest(Instant visitedAt, @NotNull @Size(max = 500) List<@NotBlank String> present,
                               @Size(max = 1000) String notes) {
    }

    /** A trainee the base marked present at a lesson of the visit's day whom the officer did not find there. */
    public record VisitFlag(String enrollmentId, String name, String lessonId, LocalDate lessonDate) {
    }

    public record VisitView(String id, long version, String classId, Instant visitedAt, String officer, String notes,
                            List<Visit.Seen> present, List<Visit.Seen> absent, List<VisitFlag> flagged,
                            Instant recordedAt) {
        static VisitView of(Visit v, List<VisitFlag> flagged) {
            return new VisitView(v.getId(), v.getVersion(), v.getClassId(), v.getVisitedAt(), v.getOfficer(), v.getNotes(),
                    v.getPresent(), v.getAbsent(), flagged, v.getRecordedAt());
        }
    }

    /** A trainee's teaching hours: held (on the lists), attended, the share and whether it meets the minimum. */
    public record TraineeAttendance(String enrollmentId, String name, String status, int hoursHeld, int hoursAttended,
                                    int shareBp, boolean meetsMinimum) {
    }

    public record AttendanceView(String classId, int lessons, int hoursHeld, int minimumAttendanceBp,
                                 List<TraineeAttendance> trainees) {
    }
}
