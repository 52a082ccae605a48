package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.base.AccreditedBase;
import cn.sunshine.enrollment.klass.Classes;
import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.enrollment.quota.Places;
import cn.sunshine.enrollment.registry.PersonYear;
import cn.sunshine.enrollment.registry.PersonYears;
import cn.sunshine.enrollment.support.Access;
import cn.sunshine.enrollment.support.EnrollmentProperties;
import cn.sunshine.enrollment.support.PersonKey;
import cn.sunshine.enrollment.support.ProgramCalendar;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Use cases of trainees: enrollment (one person once a year, within the quota and the class's
 * capacity), the roster check, withdrawal, dropout, assessment and completion.
 */
@Service
public class Enrollments {

    private static final Logger log = LoggerFactory.getLogger(Enrollments.class);

    /** One person to admit: validated, with the id their enrollment will have. */
    public record Admission(String enrollmentId, Trainee trainee, String personKey, SubsidyTier tier, long subsidyFen) {
    }

    /** 409: the person at {@code index} of the admissions is already enrolled this year. */
    public static final class AlreadyEnrolled extends DomainException {
        private final int index;
        private final PersonYear holder;

        AlreadyEnrolled(int index, PersonYear holder, DomainException d) {
            super(d.status(), d.kind(), d.title(), d.getMessage(), d.errors());
            this.index = index;
            this.holder = holder;
        }

        public int index() {
            return index;
        }

        public PersonYear holder() {
            return holder;
        }
    }

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final Classes classes;
    private final Places places;
    private final PersonYears personYears;
    private final PersonKey personKey;
    private final TraineeRules rules;
    private final EnrollmentProperties properties;
    private final Clock clock;

    public Enrollments(AggregateStore store, MongoTemplate mongo, Classes classes, Places places, PersonYears personYears,
                       PersonKey personKey, TraineeRules rules, EnrollmentProperties properties, Clock clock) {
        this.store = store;
        this.mongo = mongo;
        this.classes = classes;
        this.places = places;
        this.personYears = personYears;
        this.personKey = personKey;
        this.rules = rules;
        this.properties = properties;
        this.clock = clock;
    }

    public Enrollment enroll(String classId, EnrollmentDtos.TraineeRequest r) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Access.ownBaseStaff(c.getBaseId(), "class " + classId);
        TraineeRules.Checked checked = rules.check(r, ProgramCalendar.today(clock));
        if (!checked.malformed().isEmpty()) {
            throw new DomainException(400, "validation", "The request has invalid fields", summary(checked.malformed()),
                    checked.malformed());
        }
        if (!checked.ineligible().isEmpty()) {
            throw new DomainException(422, "not-eligible", "The person is not eligible", summary(checked.ineligible()),
                    checked.ineligible());
        }
        checkSubsidy(c, r.subsidyFen(), "subsidyFen");
        Admission a = new Admission(Ids.newId(), checked.trainee(), personKey.of(checked.id()), r.subsidyTier(),
                r.subsidyFen());
        return admit(c, List.of(a), user.subject()).get(0);
    }

    /** The subsidy recorded may not exceed the fee (except in a free class, where it pays for the training). */
    public static void checkSubsidy(TrainingClass c, long subsidyFen, String field) {
        if (c.getTrainingForm() != cn.sunshine.enrollment.klass.TrainingForm.FREE && subsidyFen > c.getFeeFen()) {
            throw DomainException.invalidField(field, "must not exceed the class's fee " + c.getFeeFen() + " fen");
        }
    }

    /**
     * Admits people to a class, all or none: takes their places under the quota, then the class's seats,
     * then registers each person for the year; any refusal gives back everything taken before it.
     */
    public List<Enrollment> admit(TrainingClass c, List<Admission> admissions, String actor) {
        requireOpenForEnrollment(c);
        int n = admissions.size();
        String quota = PlaceCounter.quotaId(c.getBaseId(), c.getMajorCode(), c.getYear());
        String seats = PlaceCounter.classId(c.getId());
        if (!places.take(quota, n)) {
            throw quotaRefusal(c, quota, n);
        }
        if (!places.take(seats, n)) {
            places.release(quota, n);
            int left = places.find(seats).map(PlaceCounter::remaining).orElse(0);
            throw DomainException.rule("class-full", "The class is full",
                    "the class has " + c.getCapacity() + " places and " + Math.max(0, left) + " left; " + n + " asked");
        }
        Instant now = clock.instant();
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Admission a = admissions.get(i);
            PersonYear reg = new PersonYear(PersonYear.id(a.personKey(), c.getYear()), a.enrollmentId(), c.getBaseId(),
                    c.getBaseName(), c.getDivisionCode(), a.trainee().maskedIdNumber(), now);
            var holder = personYears.register(reg);
            if (holder.isPresent()) {
                for (int j = 0; j < registered.size(); j++) {
                    personYears.release(registered.get(j), admissions.get(j).enrollmentId());
                }
                places.release(seats, n);
                places.release(quota, n);
                throw new AlreadyEnrolled(i, holder.get(), PersonYears.alreadyEnrolled(holder.get(), "idNumber"));
            }
            registered.add(reg.id());
        }
        List<Enrollment> out = new ArrayList<>(n);
        int stored = 0;
        try {
            for (Admission a : admissions) {
                out.add(store.insert(Enrollment.enroll(a.enrollmentId(), c, a.trainee(), a.personKey(), a.tier(),
                        a.subsidyFen(), actor, now)));
                stored++;
            }
        } catch (RuntimeException e) {
            // Give back what the enrollments not stored were holding; the stored ones stand.
            for (int j = stored; j < n; j++) {
                personYears.release(registered.get(j), admissions.get(j).enrollmentId());
            }
            places.release(seats, n - stored);
            places.release(quota, n - stored);
            throw e;
        }
        log.info("enrolled {} trainee(s) in class {} of base {}", n, c.getId(), c.getBaseId());
        return out;
    }

    /** The base must accept enrollment for the class's major today, and the class must not have ended. */
    public void requireOpenForEnrollment(TrainingClass c) {
        LocalDate today = ProgramCalendar.today(clock);
        AccreditedBase base = mongo.findById(c.getBaseId(), AccreditedBase.class);
        if (base == null || !base.acceptsEnrollment(c.getMajorCode(), today)) {
            throw DomainException.rule("base-not-accepting", "The base may not enroll",
                    base != null && base.getStanding() == AccreditedBase.Standing.REVOKED
                            ? "the base was revoked (取缔): it enrolls no one new; its trainees continue"
                            : "the base is not accredited for " + c.getMajorCode() + " on " + today);
        }
        if (!c.acceptsTrainees(today)) {
            throw DomainException.rule("class-ended", "The class has ended", "the class ended on " + c.getPlannedEnd());
        }
    }

    private DomainException quotaRefusal(TrainingClass c, String quota, int n) {
        return places.find(quota)
                .map(q -> DomainException.rule("quota-exceeded", "The quota is full",
                        "the agreed quota of the base for " + c.getMajorCode() + " in " + c.getYear() + " is " + q.limit()
                                + " with " + Math.max(0, q.remaining()) + " place(s) left; " + n + " asked"))
                .orElseGet(() -> DomainException.rule("no-agreed-quota", "No agreed quota",
                        "the base has no signed agreement with a quota for " + c.getMajorCode() + " in " + c.getYear()));
    }

    public Enrollment checkRoster(String id, String ifMatch, EnrollmentDtos.RosterCheckRequest r) {
        Enrollment e = find(id);
        CurrentUser user = Access.countyOfficerOver(e.getDivisionCode(), "enrollment " + id);
        ETags.requireMatch(ifMatch, e.getVersion(), "enrollment " + id);
        checkRosterUnsaved(e, classes.find(e.getClassId()), r, user.subject(), clock.instant());
        return store.update(e);
    }

    /** The roster check's rules and transition on a loaded enrollment of {@code c}, not yet stored. */
    void checkRosterUnsaved(Enrollment e, TrainingClass c, EnrollmentDtos.RosterCheckRequest r, String actor,
                            Instant now) {
        requireOpened(c);
        if (r.outcome() == Enrollment.RosterCheck.PENDING) {
            throw DomainException.invalidField("outcome", "must be VERIFIED or REJECTED");
        }
        e.checkAgainstRoster(r.outcome() == Enrollment.RosterCheck.VERIFIED, r.reason(), actor, now);
    }

    /** Trainees are checked against the roster only once the class's opening is confirmed. */
    static void requireOpened(TrainingClass c) {
        if (c.getStatus() != TrainingClass.Status.OPENED) {
            throw DomainException.rule("class-not-opened", "The class has not opened",
                    "trainees are checked against the roster at the class's opening; confirm the opening first");
        }
    }

    /** Whether the enrollment's roster check already stands as {@code r} asks (repeating it changes nothing). */
    static boolean rosterCheckDone(Enrollment e, EnrollmentDtos.RosterCheckRequest r) {
        return r.outcome() != null && r.outcome() != Enrollment.RosterCheck.PENDING
                && e.rosterCheckIs(r.outcome(), r.reason());
    }

    public Enrollment withdraw(String id, String ifMatch, EnrollmentDtos.ReasonRequest r) {
        Enrollment e = find(id);
        CurrentUser user = Access.ownBaseStaffOrCountyOfficer(e.getDivisionCode(), e.getBaseId(), "enrollment " + id);
        ETags.requireMatch(ifMatch, e.getVersion(), "enrollment " + id);
        e.withdraw(r.reason(), user.subject(), clock.instant());
        store.update(e);
        // The state change (with its event) is stored first; only then are the person and the places released.
        personYears.release(PersonYear.id(e.getPersonKey(), e.getYear()), e.getId());
        places.release(PlaceCounter.classId(e.getClassId()), 1);
        places.release(PlaceCounter.quotaId(e.getBaseId(), e.getMajorCode(), e.getYear()), 1);
        return e;
    }

    public Enrollment drop(String id, String ifMatch, EnrollmentDtos.ReasonRequest r) {
        Enrollment e = find(id);
        CurrentUser user = Access.ownBaseStaffOrCountyOfficer(e.getDivisionCode(), e.getBaseId(), "enrollment " + id);
        ETags.requireMatch(ifMatch, e.getVersion(), "enrollment " + id);
        e.drop(r.reason(), user.subject(), clock.instant());
        return store.update(e);
    }

    public Enrollment assess(String id, String ifMatch, EnrollmentDtos.AssessmentRequest r) {
        Enrollment e = find(id);
        CurrentUser user = Access.ownBaseStaff(e.getBaseId(), "enrollment " + id);
        ETags.requireMatch(ifMatch, e.getVersion(), "enrollment " + id);
        assessUnsaved(e, r, user.subject(), clock.instant());
        return store.update(e);
    }

    /** The assessment's rules and transition (with its event) on a loaded enrollment, not yet stored. */
    void assessUnsaved(Enrollment e, EnrollmentDtos.AssessmentRequest r, String actor, Instant now) {
        e.assess(r.theoryScore(), r.practicalScore(), properties.passMark(), actor, now);
    }

    /** Whether the enrollment's latest assessment already has these scores (repeating it changes nothing). */
    static boolean assessmentDone(Enrollment e, EnrollmentDtos.AssessmentRequest r) {
        return r.theoryScore() != null && r.practicalScore() != null
                && e.lastAssessmentIs(r.theoryScore(), r.practicalScore());
    }

    public Enrollment complete(String id, String ifMatch, EnrollmentDtos.CompletionRequest r) {
        Enrollment e = find(id);
        CurrentUser user = Access.ownBaseStaff(e.getBaseId(), "enrollment " + id);
        ETags.requireMatch(ifMatch, e.getVersion(), "enrollment " + id);
        completeUnsaved(e, r, user.subject(), clock.instant());
        return store.update(e);
    }

    /** The completion's rules and transition (with its event) on a loaded enrollment, not yet stored. */
    void completeUnsaved(Enrollment e, EnrollmentDtos.CompletionRequest r, String actor, Instant now) {
        CompletionFields f = CompletionFields.of(r);
        e.complete(f.certificateNumber(), f.skillCertificateNumber(), f.skillLevel(), actor, now);
    }

    /** Whether the enrollment already completed with these certificates (repeating it changes nothing). */
    static boolean completionDone(Enrollment e, EnrollmentDtos.CompletionRequest r) {
        if (r.certificateNumber() == null || r.certificateNumber().isBlank()) {
            return false;
        }
        CompletionFields f = CompletionFields.of(r);
        return e.completedAs(f.certificateNumber(), f.skillCertificateNumber(), f.skillLevel());
    }

    /** A completion request as recorded: trimmed; the skill level only with a skill certificate. */
    private record CompletionFields(String certificateNumber, String skillCertificateNumber, String skillLevel) {
        static CompletionFields of(EnrollmentDtos.CompletionRequest r) {
            boolean skill = r.skillCertificateNumber() != null && !r.skillCertificateNumber().isBlank();
            return new CompletionFields(r.certificateNumber().trim(), skill ? r.skillCertificateNumber().trim() : null,
                    skill && r.skillLevel() != null && !r.skillLevel().isBlank() ? r.skillLevel().trim() : null);
        }
    }

    public Enrollment get(String id) {
        Enrollment e = find(id);
        Jurisdiction.requireOfficerOrOwnBase(e.getDivisionCode(), e.getBaseId(), "enrollment " + id);
        return e;
    }

    public PageResult<Enrollment> listForClass(String classId, EnrollmentStatus status, Integer page, Integer size) {
        classes.get(classId);
        Criteria criteria = Criteria.where("classId").is(classId);
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        return PageResult.find(mongo, Query.query(criteria), Enrollment.class, page, size, Sort.by("enrolled.at"));
    }

    /** Every enrollment of a class in ledger order (for the export). */
    public List<Enrollment> ledgerOf(String classId) {
        return mongo.find(Query.query(Criteria.where("classId").is(classId)).with(Sort.by("enrolled.at", "_id")),
                Enrollment.class);
    }

    public Enrollment find(String id) {
        Enrollment e = mongo.findById(id, Enrollment.class);
        if (e == null) {
            throw DomainException.notFound("enrollment " + id);
        }
        return e;
    }

    static String summary(List<DomainException.FieldError> errors) {
        return String.join("; ", errors.stream().map(f -> f.field() + ": " + f.message()).toList());
    }
}
