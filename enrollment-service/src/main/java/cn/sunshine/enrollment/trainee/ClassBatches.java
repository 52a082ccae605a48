package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.klass.Classes;
import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.enrollment.support.Access;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.CurrentUser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A class's roster checks, assessments and completions in one request each. Every entry goes
 * through the single trainee's rules and transition ({@link Enrollments}); all entries are checked
 * first and a batch with any bad row changes nothing. Then each enrollment is written on its own,
 * with the same single-document write (and event) as the single endpoint. There is no transaction
 * over the batch, so it is repeatable instead: an entry whose enrollment already stands as the entry
 * asks is counted as already done, and sending a batch again after a failure completes it.
 */
@Service
public class ClassBatches {

    private static final Logger log = LoggerFactory.getLogger(ClassBatches.class);

    /** A bad entry: {@code row} counts the entries from 1. */
    public record RowError(int row, String enrollmentId, String field, String message) {
    }

    /** The outcome: what was applied and what was already done, or every error found (then nothing changed). */
    public record Result(List<String> applied, List<String> alreadyDone, List<String> enrollmentIds,
                         List<RowError> errors) {
    }

    /** What one kind of batch does to an entry, by the single trainee's rules. */
    private interface Step<R> {
        boolean done(Enrollment e, R request);

        void apply(Enrollment e, TrainingClass c, R request, String actor, Instant now);
    }

    private final Enrollments enrollments;
    private final Classes classes;
    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final Validator validator;
    private final Clock clock;

    public ClassBatches(Enrollments enrollments, Classes classes, AggregateStore store, MongoTemplate mongo,
                        Validator validator, Clock clock) {
        this.enrollments = enrollments;
        this.classes = classes;
        this.store = store;
        this.mongo = mongo;
        this.validator = validator;
        this.clock = clock;
    }

    /** The county officer of the class's county checks its trainees against the roster (对照名册核定学员身份). */
    public Result checkRoster(String classId, List<BatchDtos.RosterCheckEntry> checks) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Access.countyOfficerOver(c.getDivisionCode(), "class " + classId);
        requireDistinct("checks", checks);
        Enrollments.requireOpened(c);
        return run(c, user, "roster check", checks, new Step<EnrollmentDtos.RosterCheckRequest>() {
            public boolean done(Enrollment e, EnrollmentDtos.RosterCheckRequest r) {
                return Enrollments.rosterCheckDone(e, r);
            }

            public void apply(Enrollment e, TrainingClass k, EnrollmentDtos.RosterCheckRequest r, String actor, Instant now) {
                enrollments.checkRosterUnsaved(e, k, r, actor, now);
            }
        });
    }

    /** The base's staff record the class's assessments. */
    public Result assess(String classId, List<BatchDtos.AssessmentEntry> assessments) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Access.ownBaseStaff(c.getBaseId(), "class " + classId);
        requireDistinct("assessments", assessments);
        return run(c, user, "assessment", assessments, new Step<EnrollmentDtos.AssessmentRequest>() {
            public boolean done(Enrollment e, EnrollmentDtos.AssessmentRequest r) {
                return Enrollments.assessmentDone(e, r);
            }

            public void apply(Enrollment e, TrainingClass k, EnrollmentDtos.AssessmentRequest r, String actor, Instant now) {
                enrollments.assessUnsaved(e, r, actor, now);
            }
        });
    }

    /** The base's staff record the class's completions (结业). */
    public Result complete(String classId, List<BatchDtos.CompletionEntry> completions) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Access.ownBaseStaff(c.getBaseId(), "class " + classId);
        requireDistinct("completions", completions);
        return run(c, user, "completion", completions, new Step<EnrollmentDtos.CompletionRequest>() {
            public boolean done(Enrollment e, EnrollmentDtos.CompletionRequest r) {
                return Enrollments.completionDone(e, r);
            }

            public void apply(Enrollment e, TrainingClass k, EnrollmentDtos.CompletionRequest r, String actor, Instant now) {
                enrollments.completeUnsaved(e, r, actor, now);
            }
        });
    }

    /** 400 when an enrollment is named twice: which of the two entries should stand is not ours to guess. */
    private static void requireDistinct(String listField, List<? extends BatchDtos.Entry<?>> entries) {
        Map<String, Integer> firstRow = new HashMap<>();
        List<DomainException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            BatchDtos.Entry<?> entry = entries.get(i);
            if (entry == null || entry.enrollmentId() == null || entry.enrollmentId().isBlank()) {
                continue;
            }
            Integer earlier = firstRow.putIfAbsent(entry.enrollmentId().trim(), i + 1);
            if (earlier != null) {
                errors.add(new DomainException.FieldError(listField + "[" + i + "].enrollmentId",
                        "row " + (i + 1) + " names the same enrollment as row " + earlier));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, "validation", "The request has invalid fields",
                    Enrollments.summary(errors), errors);
        }
    }

    private <R> Result run(TrainingClass c, CurrentUser user, String what, List<? extends BatchDtos.Entry<R>> entries,
                           Step<R> step) {
        List<String> ids = entries.stream().map(e -> e == null || e.enrollmentId() == null ? null : e.enrollmentId().trim())
                .toList();
        Map<String, Enrollment> found = new HashMap<>();
        List<String> wanted = ids.stream().filter(id -> id != null && !id.isBlank()).toList();
        if (!wanted.isEmpty()) {
            for (Enrollment e : mongo.find(Query.query(Criteria.where("_id").in(wanted)), Enrollment.class)) {
                found.put(e.getId(), e);
            }
        }
        Instant now = clock.instant();
        List<RowError> errors = new ArrayList<>();
        Map<String, Enrollment> toWrite = new LinkedHashMap<>();
        List<String> alreadyDone = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            int row = i + 1;
            BatchDtos.Entry<R> entry = entries.get(i);
            String id = ids.get(i);
            if (entry == null) {
                errors.add(new RowError(row, null, "enrollmentId", "the entry is empty"));
                continue;
            }
            List<RowError> rowErrors = new ArrayList<>();
            if (id == null || id.isBlank()) {
                rowErrors.add(new RowError(row, null, "enrollmentId", "must not be blank"));
            }
            R request = entry.request();
            for (ConstraintViolation<R> v : validator.validate(request)) {
                rowErrors.add(new RowError(row, id, v.getPropertyPath().toString(), v.getMessage()));
            }
            Enrollment e = id == null ? null : found.get(id);
            if (id != null && !id.isBlank() && (e == null || !c.getId().equals(e.getClassId()))) {
                // Absent or of another class: not told apart, as elsewhere.
                rowErrors.add(new RowError(row, id, "enrollmentId", "is not an enrollment of this class"));
            }
            if (!rowErrors.isEmpty()) {
                errors.addAll(rowErrors);
                continue;
            }
            if (step.done(e, request)) {
                alreadyDone.add(id);
                continue;
            }
            try {
                // The single trainee's rules and transition on the loaded copy; stored only if every row passes.
                step.apply(e, c, request, user.subject(), now);
                toWrite.put(id, e);
            } catch (DomainException d) {
                if (d.errors().isEmpty()) {
                    errors.add(new RowError(row, id, fieldOf(d), d.getMessage()));
                } else {
                    d.errors().forEach(fe -> errors.add(new RowError(row, id, fe.field(), fe.message())));
                }
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(RowError::row));
            return new Result(List.of(), List.of(), List.of(), errors);
        }
        List<String> applied = new ArrayList<>();
        for (Enrollment e : toWrite.values()) {
            // The single endpoint's write: conditional on the version read; a change by someone else
            // meanwhile stops the batch with 412, and sending it again completes it.
            store.update(e);
            applied.add(e.getId());
        }
        log.info("class {}: {} {}(s) applied, {} already done", c.getId(), applied.size(), what, alreadyDone.size());
        return new Result(applied, alreadyDone, ids, List.of());
    }

    /** The field a refusal without field errors is about. */
    private static String fieldOf(DomainException d) {
        return switch (d.kind()) {
            case "invalid-state-transition" -> "status";
            case "roster-check-required" -> "rosterCheck";
            case "assessment-failed" -> "assessment";
            default -> d.kind();
        };
    }
}
