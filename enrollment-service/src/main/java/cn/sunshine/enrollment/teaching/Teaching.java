package cn.sunshine.enrollment.teaching;

import cn.sunshine.enrollment.klass.Classes;
import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.enrollment.support.Access;
import cn.sunshine.enrollment.support.EnrollmentProperties;
import cn.sunshine.enrollment.trainee.AttendedHours;
import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.enrollment.trainee.EnrollmentStatus;
import cn.sunshine.enrollment.trainee.Enrollments;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.PageResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Use cases of teaching records (三有: 有教学计划, 有教学记录, 有考勤): the base's staff set a class's plan and record
 * each lesson with its attendance; a county officer records an unannounced visit; officials and the base read the
 * hours each trainee attended, which completion holds to the province's minimum.
 */
@Service
public class Teaching extends UseCase {

    /** Who is in training and so on a lesson's list: enrolled or assessed, not rejected at the roster check. */
    static boolean inTraining(Enrollment e) {
        return (e.getStatus() == EnrollmentStatus.ENROLLED || e.getStatus() == EnrollmentStatus.ASSESSED)
                && e.getRosterCheck() != Enrollment.RosterCheck.REJECTED;
    }

    private final Classes classes;
    private final Enrollments enrollments;
    private final LessonHours hours;
    private final EnrollmentProperties properties;

    public Teaching(Changes changes, Classes classes, Enrollments enrollments, LessonHours hours,
                    EnrollmentProperties properties, Clock clock) {
        super(changes, clock);
        this.classes = classes;
        this.enrollments = enrollments;
        this.hours = hours;
        this.properties = properties;
    }

    // ---------------------------------------------------------------------------------------------- the plan

    /** The base's staff set (or revise) the class's teaching plan. */
    public TeachingPlan setPlan(String classId, String ifMatch, TeachingDtos.PlanRequest r) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Jurisdiction.ownBaseStaff(c.getBaseId(), "class " + classId);
        List<TeachingPlan.Module> modules = r.modules().stream()
                .map(m -> new TeachingPlan.Module(m.name().trim(), m.kind(), m.hours())).toList();
        if (mongo.findById(classId, TeachingPlan.class) == null && ifMatch == null) {
            try {
                return store.insert(TeachingPlan.of(c, modules, user.subject(), clock.instant()));
            } catch (DuplicateKeyException e) {
                // Set by someone else meanwhile: revised below, as if it had been there.
            }
        }
        return changes.change(Changes.Ref.of(TeachingPlan.class, classId).named("teaching plan of class " + classId),
                ifMatch, p -> Jurisdiction.ownBaseStaff(p.getBaseId(), "class " + classId),
                (TeachingPlan p, CurrentUser u) -> p.revise(modules, u.subject(), clock.instant()));
    }

    public TeachingPlan plan(String classId) {
        classes.get(classId);
        TeachingPlan p = mongo.findById(classId, TeachingPlan.class);
        if (p == null) {
            throw DomainException.notFound("teaching plan of class " + classId);
        }
        return p;
    }

    // ---------------------------------------------------------------------------------------------- lessons

    /**
     * The base's staff record a lesson held and its attendance in one batch: every trainee in training is on the
     * list once (a dropped-out trainee may be, as absent); anyone else is refused, and nothing is recorded.
     */
    public Lesson recordLesson(String classId, TeachingDtos.LessonRequest r) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Jurisdiction.ownBaseStaff(c.getBaseId(), "class " + classId);
        Map<String, Enrollment> ofClass = enrollmentsOf(classId);
        List<DomainException.FieldError> errors = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        List<Lesson.Mark> marks = new ArrayList<>();
        for (int i = 0; i < r.attendance().size(); i++) {
            String id = r.attendance().get(i).enrollmentId().trim();
            Enrollment e = ofClass.get(id);
            String field = "attendance[" + i + "].enrollmentId";
            if (!listed.add(id)) {
                errors.add(DomainException.FieldError.coded(field, "enrollment.listed-twice", id + " is listed twice", id));
            } else if (e == null || e.getStatus() == EnrollmentStatus.WITHDRAWN
                    || e.getRosterCheck() == Enrollment.RosterCheck.REJECTED) {
                errors.add(DomainException.FieldError.coded(field, "enrollment.not-of-class",
                        id + " is not a trainee of this class", id));
            } else {
                marks.add(new Lesson.Mark(id, e.getTrainee().name(), r.attendance().get(i).presence()));
            }
        }
        ofClass.values().stream().filter(Teaching::inTraining).filter(e -> !listed.contains(e.getId()))
                .forEach(e -> errors.add(DomainException.FieldError.coded("attendance", "enrollment.missing-from-attendance",
                        e.getId() + " (" + e.getTrainee().name() + ") is in training and missing from the list", e.getId())));
        if (!errors.isEmpty()) {
            throw new DomainException(422, "attendance-rejected", "The attendance list is wrong",
                    errors.size() + " problem(s) found; nothing was recorded: every trainee in training is listed once",
                    errors);
        }
        return store.insert(Lesson.record(c, r.date(), r.teacher(), r.topic(), r.kind(), r.hours(), marks,
                ProgramCalendar.today(clock), user.subject(), clock.instant()));
    }

    public PageResult<Lesson> lessons(String classId, Integer page, Integer size) {
        classes.get(classId);
        return PageResult.find(mongo, Query.query(Criteria.where("classId").is(classId)), Lesson.class, page, size,
                Sort.by("date", "recordedAt", "_id"));
    }

    /** Each trainee's hours held and attended, and whether they meet the minimum to complete. */
    public TeachingDtos.AttendanceView attendance(String classId) {
        classes.get(classId);
        List<Lesson> lessons = mongo.find(Query.query(Criteria.where("classId").is(classId)), Lesson.class);
        Map<String, AttendedHours> tally = LessonHours.tally(lessons);
        int minimum = properties.minimumAttendanceBp();
        List<TeachingDtos.TraineeAttendance> rows = new ArrayList<>();
        for (Enrollment e : enrollments.ledgerOf(classId)) {
            AttendedHours h = tally.getOrDefault(e.getId(), AttendedHours.NONE);
            rows.add(new TeachingDtos.TraineeAttendance(e.getId(), e.getTrainee().name(), e.getStatus().name(), h.held(),
                    h.attended(), h.shareBp(), h.shareBp() >= minimum));
        }
        return new TeachingDtos.AttendanceView(classId, lessons.size(), lessons.stream().mapToInt(Lesson::getHours).sum(),
                minimum, rows);
    }

    // ---------------------------------------------------------------------------------------------- visits

    /** A county officer of the class's county records an unannounced visit: who was found; the rest in training were not. */
    public Visit recordVisit(String classId, TeachingDtos.VisitRequest r) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Access.countyOfficerOver(c.getDivisionCode(), "class " + classId);
        Map<String, Enrollment> ofClass = enrollmentsOf(classId);
        List<DomainException.FieldError> errors = new ArrayList<>();
        Set<String> found = new HashSet<>();
        List<Visit.Seen> present = new ArrayList<>();
        for (int i = 0; i < r.present().size(); i++) {
            String id = r.present().get(i).trim();
            Enrollment e = ofClass.get(id);
            if (e == null || e.getStatus() == EnrollmentStatus.WITHDRAWN) {
                errors.add(DomainException.FieldError.coded("present[" + i + "]", "enrollment.not-of-class",
                        id + " is not a trainee of this class", id));
            } else if (found.add(id)) {
                present.add(new Visit.Seen(id, e.getTrainee().name()));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(422, "attendance-rejected", "The attendance list is wrong",
                    errors.size() + " problem(s) found; nothing was recorded", errors);
        }
        List<Visit.Seen> absent = ofClass.values().stream().filter(Teaching::inTraining)
                .filter(e -> !found.contains(e.getId())).map(e -> new Visit.Seen(e.getId(), e.getTrainee().name())).toList();
        Instant now = clock.instant();
        return store.insert(Visit.record(c, r.visitedAt() == null ? now : r.visitedAt(), present, absent, r.notes(),
                user.subject(), now));
    }

    /** The class's visits, each with the trainees flagged: marked present at a lesson of that day, not found. */
    public PageResult<TeachingDtos.VisitView> visits(String classId, Integer page, Integer size) {
        TrainingClass c = classes.find(classId);
        Jurisdiction.roleOver(c.getDivisionCode(), "class " + classId, Jurisdiction.OFFICIALS);
        return PageResult.find(mongo, Query.query(Criteria.where("classId").is(classId)), Visit.class, page, size,
                Sort.by("visitedAt", "_id")).map(this::view);
    }

    /** A visit as answered: with its flags as they stand now. */
    public TeachingDtos.VisitView view(Visit v) {
        return TeachingDtos.VisitView.of(v, flags(v));
    }

    private List<TeachingDtos.VisitFlag> flags(Visit v) {
        LocalDate day = ProgramCalendar.dateOf(v.getVisitedAt());
        List<TeachingDtos.VisitFlag> out = new ArrayList<>();
        for (Lesson l : mongo.find(Query.query(Criteria.where("classId").is(v.getClassId()).and("date").is(day)),
                Lesson.class)) {
            for (Lesson.Mark m : l.getAttendance()) {
                if (m.presence() == Lesson.Presence.PRESENT && !v.found(m.enrollmentId())) {
                    out.add(new TeachingDtos.VisitFlag(m.enrollmentId(), m.name(), l.getId(), l.getDate()));
                }
            }
        }
        return out;
    }

    private Map<String, Enrollment> enrollmentsOf(String classId) {
        Map<String, Enrollment> out = new LinkedHashMap<>();
        enrollments.ledgerOf(classId).forEach(e -> out.put(e.getId(), e));
        return out;
    }
}
