package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.klass.Classes;
import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.enrollment.support.Access;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.usecase.Changes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A class's roster checks, assessments and completions in one request each. Every entry goes
 * through the single trainee's rules and transition ({@link Enrollments}); all entries are checked
 * first and a batch with any bad row changes nothing. Then each enrollment is changed on its own
 * through the use-case kernel ({@link Changes}), with the same transition, write and event as the
 * single endpoint. There is no transaction over the batch, so it is repeatable instead: an entry
 * whose enrollment already stands as the entry asks is counted as already done, and sending a batch
 * again after a failure completes it.
 */
@Service
public class ClassBatches {

    private static final Logger log = LoggerFactory.getLogger(ClassBatches.class);

    /** The outcome: what was applied and what was already done, or every error found (then nothing changed). */
    public record Result(List<String> applied, List<String> alreadyDone, List<String> enrollmentIds,
                         List<EnrollmentDtos.BatchRowError> errors) {
    }

    private final Enrollments enrollments;
    private final Classes classes;
    private final Changes changes;
    private final MongoTemplate mongo;
    private final Validator validator;

    public ClassBatches(Enrollments enrollments, Classes classes, Changes changes, MongoTemplate mongo,
                        Validator validator) {
        this.enrollments = enrollments;
        this.classes = classes;
        this.changes = changes;
        this.mongo = mongo;
        this.validator = validator;
    }

    /** The county officer of the class's county checks its trainees against the roster (对照名册核定学员身份). */
    public Result checkRoster(String classId, List<EnrollmentDtos.RosterCheckEntry> checks) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Access.countyOfficerOver(c.getDivisionCode(), "class " + classId);
        requireDistinct("checks", checks);
        Enrollments.requireOpened(c);
        return run(c, user, "roster check", checks,
                (e, r) -> r.outcome() != null && r.outcome() != Enrollment.RosterCheck.PENDING
                        && e.rosterCheckIs(r.outcome(), r.reason()),
                r -> enrollments.rosterCheck(c, r));
    }

    /** The base's staff record the class's assessments. */
    public Result assess(String classId, List<EnrollmentDtos.AssessmentEntry> assessments) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Jurisdiction.ownBaseStaff(c.getBaseId(), "class " + classId);
        requireDistinct("assessments", assessments);
        return run(c, user, "assessment", assessments,
                (e, r) -> r.theoryScore() != null && r.practicalScore() != null
                        && e.lastAssessmentIs(r.theoryScore(), r.practicalScore()),
                enrollments::assessment);
    }

    /** The base's staff record the class's completions (结业). */
    public Result complete(String classId, List<EnrollmentDtos.CompletionEntry> completions) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Jurisdiction.ownBaseStaff(c.getBaseId(), "class " + classId);
        requireDistinct("completions", completions);
        Map<String, AttendedHours> hours = enrollments.hoursOfClass(classId);
        return run(c, user, "completion", completions,
                (e, r) -> e.completedAs(r.certificateNumber(), r.skillCertificateNumber(), r.skillLevel()),
                r -> enrollments.completion(r, e -> hours.getOrDefault(e.getId(), AttendedHours.NONE)));
    }

    /** 400 when an enrollment is named twice: which of the two entries should stand is not ours to guess. */
    private static void requireDistinct(String listField, List<? extends EnrollmentDtos.Entry<?>> entries) {
        Map<String, Integer> firstRow = new HashMap<>();
        List<DomainException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            EnrollmentDtos.Entry<?> entry = entries.get(i);
            if (entry == null || entry.enrollmentId() == null || entry.enrollmentId().isBlank()) {
                continue;
            }
            Integer earlier = firstRow.putIfAbsent(entry.enrollmentId().trim(), i + 1);
            if (earlier != null) {
                errors.add(DomainException.FieldError.coded(listField + "[" + i + "].enrollmentId", "enrollment.batch-same-row",
                        "row " + (i + 1) + " names the same enrollment as row " + earlier, (i + 1), earlier));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, "validation", "The request has invalid fields",
                    Enrollments.summary(errors), errors);
        }
    }

    /**
     * Checks every entry ({@code done}: it already stands as asked; else {@code step}'s transition is tried on the
     * copy read), then — only when none is bad — makes each entry's change through the use-case kernel, as the
     * single endpoint does, on the enrollments read again.
     */
    private <R> Result run(TrainingClass c, CurrentUser user, String what, List<? extends EnrollmentDtos.Entry<R>> entries,
                           BiPredicate<Enrollment, R> done, Function<R, Changes.Act<Enrollment>> step) {
        List<String> ids = entries.stream().map(e -> e == null || e.enrollmentId() == null ? null : e.enrollmentId().trim())
                .toList();
        Map<String, Enrollment> found = read(ids.stream().filter(id -> id != null && !id.isBlank()).toList());
        List<EnrollmentDtos.BatchRowError> errors = new ArrayList<>();
        Map<String, R> toApply = new LinkedHashMap<>();
        List<String> alreadyDone = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            int row = i + 1;
            EnrollmentDtos.Entry<R> entry = entries.get(i);
            String id = ids.get(i);
            if (entry == null) {
                errors.add(new EnrollmentDtos.BatchRowError(row, null, "enrollmentId", "the entry is empty"));
                continue;
            }
            List<EnrollmentDtos.BatchRowError> rowErrors = new ArrayList<>();
            if (id == null || id.isBlank()) {
                rowErrors.add(new EnrollmentDtos.BatchRowError(row, null, "enrollmentId", "must not be blank"));
            }
            R request = entry.request();
            for (ConstraintViolation<R> v : validator.validate(request)) {
                rowErrors.add(new EnrollmentDtos.BatchRowError(row, id, v.getPropertyPath().toString(), v.getMessage()));
            }
            Enrollment e = id == null ? null : found.get(id);
            if (id != null && !id.isBlank() && (e == null || !c.getId().equals(e.getClassId()))) {
                // Absent or of another class: not told apart, as elsewhere.
                rowErrors.add(new EnrollmentDtos.BatchRowError(row, id, "enrollmentId", "is not an enrollment of this class"));
            }
            if (!rowErrors.isEmpty()) {
                errors.addAll(rowErrors);
                continue;
            }
            if (done.test(e, request)) {
                alreadyDone.add(id);
                continue;
            }
            try {
                // The single trainee's rules and transition, tried on the copy read: nothing is written yet.
                step.apply(request).apply(e, user);
                toApply.put(id, request);
            } catch (DomainException d) {
                if (d.errors().isEmpty()) {
                    errors.add(new EnrollmentDtos.BatchRowError(row, id, fieldOf(d), d.getMessage()));
                } else {
                    d.errors().forEach(fe -> errors.add(new EnrollmentDtos.BatchRowError(row, id, fe.field(), fe.message())));
                }
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(EnrollmentDtos.BatchRowError::row));
            return new Result(List.of(), List.of(), List.of(), errors);
        }
        Changes.Scope<Enrollment> ofTheClass = e -> {
            if (!c.getId().equals(e.getClassId())) {
                throw DomainException.notFound("enrollment " + e.getId());
            }
            return user;
        };
        Map<String, Enrollment> fresh = read(new ArrayList<>(toApply.keySet()));
        List<String> applied = new ArrayList<>(toApply.keySet());
        // The single endpoint's change of each enrollment, written together (a few round trips for the class): a
        // change by someone else meanwhile is decided again on what is there; a batch stopped half-way is
        // completed by sending it again.
        List<Enrollment> copies = new ArrayList<>();
        toApply.forEach((id, request) -> {
            Enrollment e = fresh.get(id);
            if (e == null) {
                changes.change(Enrollment.class, id, null, ofTheClass, step.apply(request));
            } else {
                copies.add(e);
            }
        });
        changes.changeAll(copies, ofTheClass, e -> step.apply(toApply.get(e.getId())));
        log.info("class {}: {} {}(s) applied, {} already done", c.getId(), applied.size(), what, alreadyDone.size());
        return new Result(applied, alreadyDone, ids, List.of());
    }

    /** The enrollments of these ids, by id, in one query. */
    private Map<String, Enrollment> read(List<String> ids) {
        Map<String, Enrollment> found = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Enrollment e : mongo.find(Query.query(Criteria.where("_id").in(ids)), Enrollment.class)) {
                found.put(e.getId(), e);
            }
        }
        return found;
    }

    /** The field a refusal without field errors is about. */
    private static String fieldOf(DomainException d) {
        return switch (d.kind()) {
            case "invalid-state-transition" -> "status";
            case "roster-check-required" -> "rosterCheck";
            case "assessment-failed" -> "assessment";
            case "attendance-below-minimum" -> "attendance";
            default -> d.kind();
        };
    }
}
