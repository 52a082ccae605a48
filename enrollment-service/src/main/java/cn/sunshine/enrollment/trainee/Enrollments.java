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
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.PageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Use cases of trainees: enrollment (one person once a year, within the quota and the class's
 * capacity), the roster check, withdrawal, dropout, assessment and completion.
 */
@Service
public class Enrollments extends UseCase {

    private static final Logger log = LoggerFactory.getLogger(Enrollments.class);

    /** One person to admit: validated, with the id their enrollment will have. */
    public record Admission(String enrollmentId, Trainee trainee, String personKey, SubsidyTier tier, long subsidyFen) {
    }

    /** 409: the person at {@code index} of the admissions is already enrolled this year. */
    public static final class AlreadyEnrolled extends DomainException {
        private final int index;
        private final PersonYear holder;

        AlreadyEnrolled(int index, PersonYear holder, DomainException d) {
            super(d);
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

    /** Who changes a trainee's record: the county officer over it, the base's own staff, or either. */
    private static final Changes.Scope<Enrollment> COUNTY_OFFICER =
            e -> Access.countyOfficerOver(e.getDivisionCode(), "enrollment " + e.getId());
    private static final Changes.Scope<Enrollment> OWN_BASE_STAFF =
            e -> Jurisdiction.ownBaseStaff(e.getBaseId(), "enrollment " + e.getId());
    private static final Changes.Scope<Enrollment> OWN_BASE_STAFF_OR_COUNTY_OFFICER =
            e -> Access.ownBaseStaffOrCountyOfficer(e.getDivisionCode(), e.getBaseId(), "enrollment " + e.getId());

    private final Classes classes;
    private final Places places;
    private final PersonYears personYears;
    private final PersonKey personKey;
    private final TraineeRules rules;
    private final EnrollmentProperties properties;
    private final AttendedHours.Source attendance;
    private final OtherFunding.Register otherFunding;
    private final Admissions admissions;
    private final PendingReleases pendingReleases;

    public Enrollments(Changes changes, Classes classes, Places places, PersonYears personYears, PersonKey personKey,
                       TraineeRules rules, EnrollmentProperties properties, AttendedHours.Source attendance,
                       OtherFunding.Register otherFunding, Admissions admissions, PendingReleases pendingReleases,
                       Clock clock) {
        super(changes, clock);
        this.classes = classes;
        this.places = places;
        this.personYears = personYears;
        this.personKey = personKey;
        this.rules = rules;
        this.properties = properties;
        this.attendance = attendance;
        this.otherFunding = otherFunding;
        this.admissions = admissions;
        this.pendingReleases = pendingReleases;
    }

    /**
     * Enrolls one person. The same enrollment sent again with its Idempotency-Key — its first answer lost to a
     * dropped connection, or its process dead before or after storing it — is the same admission
     * ({@link Admissions}): it answers the enrollment made, finished if need be; without a key a second request for
     * the person is 409 already-enrolled.
     */
    public Enrollment enroll(String classId, EnrollmentDtos.TraineeRequest r) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Jurisdiction.ownBaseStaff(c.getBaseId(), "class " + classId);
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
        String admissionId = Admissions.newAdmissionId();
        String key = personKey.of(checked.id());
        Admission a = new Admission(Admissions.enrollmentId(admissionId, key), checked.trainee(), key, r.subsidyTier(),
                r.subsidyFen());
        OtherFunding funded = fundedElsewhere(c, List.of(a.personKey())).get(a.personKey());
        if (funded != null) {
            throw fundedElsewhere(a.trainee().maskedIdNumber(), funded, "idNumber");
        }
        return admit(c, admissionId, List.of(a), user.subject()).get(0);
    }

    /** The people of these keys whom another programme funds for training overlapping the class's period. */
    public Map<String, OtherFunding> fundedElsewhere(TrainingClass c, List<String> personKeys) {
        return otherFunding.overlapping(personKeys, c.getPlannedStart(), c.getPlannedEnd());
    }

    /** The message of a refusal for double funding (重复享受培训补贴), naming the other programme and its period. */
    public static String fundedElsewhereMessage(String maskedIdNumber, OtherFunding funded) {
        return maskedIdNumber + " is funded by " + funded.programme() + " for training from " + funded.periodStart()
                + " to " + funded.periodEnd() + ", which overlaps this class: a person is funded for training once "
                + "(已享受" + funded.programme() + "培训补贴)";
    }

    /** 409 {@code funded-elsewhere}: another programme funds the person for an overlapping period. */
    static DomainException fundedElsewhere(String maskedIdNumber, OtherFunding funded, String field) {
        String message = fundedElsewhereMessage(maskedIdNumber, funded);
        return new DomainException(409, "funded-elsewhere", "Funded by another programme", message,
                List.of(new DomainException.FieldError(field, message)));
    }

    /** The subsidy recorded may not exceed the fee (except in a free class, where it pays for the training). */
    public static void checkSubsidy(TrainingClass c, long subsidyFen, String field) {
        if (c.getTrainingForm() != cn.sunshine.enrollment.klass.TrainingForm.FREE && subsidyFen > c.getFeeFen()) {
            throw DomainException.invalidField(field, subsidyOverFee(c));
        }
    }

    /** The field message of a subsidy above the class's fee (one enrollment, a roster's row). */
    public static cn.sunshine.platform.domain.Phrase subsidyOverFee(TrainingClass c) {
        return cn.sunshine.platform.domain.Phrase.coded("enrollment.subsidy-over-fee",
                "must not exceed the class's fee " + c.getFeeFen() + " fen", c.getFeeFen());
    }

    /**
     * Admits people to a class, all or none: takes their places under the quota, then the class's seats, then
     * registers each person for the year and stores the enrollments; a refusal gives back everything taken before
     * it. The admission is written down first and its places are held under its id ({@link Admissions}), so a try of
     * the same admission after its process died mid-way finishes it — what the first try stored and registered is
     * its own — and one nobody finishes is given back by the sweep.
     *
     * @param admissionId {@link Admissions#newAdmissionId}; each admission's enrollment id is
     *                    {@link Admissions#enrollmentId} of it
     */
    public List<Enrollment> admit(TrainingClass c, String admissionId, List<Admission> admissions, String actor) {
        requireOpenForEnrollment(c);
        AdmissionUnderWay underWay = this.admissions.open(admissionId, c, admissions);
        // An earlier try of this admission may have stored some (or all) before its process died.
        Map<String, Enrollment> stored = new java.util.HashMap<>();
        Set<String> storedIds = this.admissions.stored(underWay.enrollmentIds());
        if (!storedIds.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(storedIds)), Enrollment.class).forEach(e -> stored.put(e.getId(), e));
        }
        List<Admission> todo = admissions.stream().filter(a -> !stored.containsKey(a.enrollmentId())).toList();
        if (!todo.isEmpty()) {
            int n = todo.size();
            if (!places.hold(underWay.quotaCounter(), admissionId, n)) {
                this.admissions.closeRefused(underWay, stored.keySet());
                throw quotaRefusal(c, underWay.quotaCounter(), n);
            }
            if (!places.hold(underWay.seatsCounter(), admissionId, n)) {
                this.admissions.closeRefused(underWay, stored.keySet());
                int left = places.find(underWay.seatsCounter()).map(PlaceCounter::remaining).orElse(0);
                throw DomainException.rule("class-full", "The class is full",
                        "the class has " + c.getCapacity() + " places and " + Math.max(0, left) + " left; " + n + " asked")
                        .coded("enrollment.class-full", c.getCapacity(), Math.max(0, left), n);
            }
            Instant now = clock.instant();
            List<PersonYear> registrations = todo.stream().map(a -> new PersonYear(PersonYear.id(a.personKey(), c.getYear()),
                    a.enrollmentId(), c.getBaseId(), c.getBaseName(), c.getDivisionCode(), a.trainee().maskedIdNumber(),
                    now)).toList();
            for (Map.Entry<Integer, PersonYear> refused : personYears.registerAll(registrations).entrySet()) {
                Admission a = todo.get(refused.getKey());
                PersonYear holder = refused.getValue();
                if (!a.enrollmentId().equals(holder.enrollmentId())) {
                    // someone else's (a registration of this admission's earlier try is its own)
                    this.admissions.closeRefused(underWay, stored.keySet());
                    throw new AlreadyEnrolled(admissions.indexOf(a), holder, PersonYears.alreadyEnrolled(holder, "idNumber"));
                }
            }
            List<Enrollment> made = todo.stream().map(a -> Enrollment.enroll(a.enrollmentId(), c, a.trainee(),
                    a.personKey(), a.tier(), a.subsidyFen(), actor, now)).toList();
            try {
                store.insertAll(made).forEach(e -> stored.put(e.getId(), e)); // a roster's in two round trips
            } catch (org.springframework.dao.DuplicateKeyException someStoredMeanwhile) {
                // a try of this admission still running (its process was only paused) stored some first: one by one
                for (Enrollment e : made) {
                    try {
                        stored.put(e.getId(), store.insert(e));
                    } catch (org.springframework.dao.DuplicateKeyException storedMeanwhile) {
                        stored.put(e.getId(), mongo.findById(e.getId(), Enrollment.class));
                    }
                }
            } catch (RuntimeException e) {
                // The stored enrollments stand (the database says which); what the others were holding is given
                // back — or, the database failing, by the sweep.
                try {
                    this.admissions.closeRefused(underWay, this.admissions.stored(underWay.enrollmentIds()));
                } catch (RuntimeException alsoFailing) {
                    e.addSuppressed(alsoFailing);
                }
                throw e;
            }
            log.info("enrolled {} trainee(s) in class {} of base {}", n, c.getId(), c.getBaseId());
        }
        this.admissions.close(underWay, stored.keySet());
        return admissions.stream().map(a -> stored.get(a.enrollmentId())).toList();
    }

    /** The base must accept enrollment for the class's major today, and the class must not have ended. */
    public void requireOpenForEnrollment(TrainingClass c) {
        LocalDate today = ProgramCalendar.today(clock);
        AccreditedBase base = mongo.findById(c.getBaseId(), AccreditedBase.class);
        if (base == null || !base.acceptsEnrollment(c.getMajorCode(), today)) {
            boolean revoked = base != null && base.getStanding() == AccreditedBase.Standing.REVOKED;
            throw DomainException.rule("base-not-accepting", "The base may not enroll", revoked
                            ? "the base was revoked (取缔): it enrolls no one new; its trainees continue"
                            : "the base is not accredited for " + c.getMajorCode() + " on " + today)
                    .coded(revoked ? "enrollment.base-revoked" : "enrollment.base-not-accredited", c.getMajorCode(), today);
        }
        if (!c.acceptsTrainees(today)) {
            throw DomainException.rule("class-ended", "The class has ended", "the class ended on " + c.getPlannedEnd())
                    .coded("enrollment.class-ended", c.getPlannedEnd());
        }
    }

    private DomainException quotaRefusal(TrainingClass c, String quota, int n) {
        return places.find(quota)
                .map(q -> DomainException.rule("quota-exceeded", "The quota is full",
                        "the agreed quota of the base for " + c.getMajorCode() + " in " + c.getYear() + " is " + q.limit()
                                + " with " + Math.max(0, q.remaining()) + " place(s) left; " + n + " asked")
                        .coded("enrollment.quota-exceeded", c.getMajorCode(), c.getYear(), q.limit(), Math.max(0, q.remaining()), n))
                .orElseGet(() -> DomainException.rule("no-agreed-quota", "No agreed quota",
                        "the base has no signed agreement with a quota for " + c.getMajorCode() + " in " + c.getYear())
                        .coded("enrollment.no-agreed-quota", c.getMajorCode(), c.getYear()));
    }

    public Enrollment checkRoster(String id, String ifMatch, EnrollmentDtos.RosterCheckRequest r) {
        return changes.change(Enrollment.class, id, ifMatch, COUNTY_OFFICER,
                (Enrollment e, CurrentUser user) -> rosterCheck(classes.find(e.getClassId()), r).apply(e, user));
    }

    /** The roster check of a trainee of class {@code c}, as the single endpoint and the class's batch make it. */
    Changes.Act<Enrollment> rosterCheck(TrainingClass c, EnrollmentDtos.RosterCheckRequest r) {
        return (e, user) -> {
            requireOpened(c);
            if (r.outcome() == Enrollment.RosterCheck.PENDING) {
                throw DomainException.invalidField("outcome", cn.sunshine.platform.domain.Phrase.coded(
                        "enrollment.roster-check-outcome", "must be VERIFIED or REJECTED"));
            }
            e.checkAgainstRoster(r.outcome() == Enrollment.RosterCheck.VERIFIED, r.reason(), user.subject(),
                    clock.instant());
        };
    }

    /** Trainees are checked against the roster only once the class's opening is confirmed. */
    static void requireOpened(TrainingClass c) {
        if (c.getStatus() != TrainingClass.Status.OPENED) {
            throw DomainException.rule("class-not-opened", "The class has not opened",
                    "trainees are checked against the roster at the class's opening; confirm the opening first")
                    .coded("enrollment.class-not-opened");
        }
    }

    public Enrollment withdraw(String id, String ifMatch, EnrollmentDtos.ReasonRequest r) {
        // Written down first, so that a process dying between the change and the releases leaves them to the sweep.
        boolean opened = pendingReleases.open(id);
        Enrollment e;
        try {
            e = changes.change(Enrollment.class, id, ifMatch, OWN_BASE_STAFF_OR_COUNTY_OFFICER,
                    (Enrollment x, CurrentUser user) -> x.withdraw(r.reason(), user.subject(), clock.instant()));
        } catch (RuntimeException refused) {
            if (opened) {
                pendingReleases.close(id); // nothing changed, nothing to give back
            }
            throw refused;
        }
        // The state change (with its event) is stored first; only then are the person and the places released,
        // each once (the withdrawal sent again after its process died finds its change made and releases again).
        pendingReleases.releaseAndClose(e);
        return e;
    }

    public Enrollment drop(String id, String ifMatch, EnrollmentDtos.ReasonRequest r) {
        return changes.change(Enrollment.class, id, ifMatch, OWN_BASE_STAFF_OR_COUNTY_OFFICER,
                (Enrollment e, CurrentUser user) -> e.drop(r.reason(), user.subject(), clock.instant()));
    }

    public Enrollment assess(String id, String ifMatch, EnrollmentDtos.AssessmentRequest r) {
        return changes.change(Enrollment.class, id, ifMatch, OWN_BASE_STAFF, assessment(r));
    }

    /** The assessment of a trainee, as the single endpoint and the class's batch record it. */
    Changes.Act<Enrollment> assessment(EnrollmentDtos.AssessmentRequest r) {
        return (e, user) -> e.assess(r.theoryScore(), r.practicalScore(), properties.passMark(), user.subject(),
                clock.instant());
    }

    public Enrollment complete(String id, String ifMatch, EnrollmentDtos.CompletionRequest r) {
        return changes.change(Enrollment.class, id, ifMatch, OWN_BASE_STAFF, completion(r));
    }

    /** The completion of a trainee, as the single endpoint records it. */
    Changes.Act<Enrollment> completion(EnrollmentDtos.CompletionRequest r) {
        return completion(r, e -> attendance.of(e.getClassId(), e.getId()));
    }

    /**
     * The completion of a trainee with the hours {@code hours} gives: the class's batch reads the whole class's
     * lessons once ({@link AttendedHours.Source#ofClass}) rather than once per trainee and attempt.
     */
    Changes.Act<Enrollment> completion(EnrollmentDtos.CompletionRequest r, Function<Enrollment, AttendedHours> hours) {
        return (e, user) -> e.complete(r.certificateNumber(), r.skillCertificateNumber(), r.skillLevel(),
                hours.apply(e), properties.minimumAttendanceBp(), user.subject(), clock.instant());
    }

    /** Every trainee's hours in a class, by enrollment id, from one read of its lessons. */
    Map<String, AttendedHours> hoursOfClass(String classId) {
        return attendance.ofClass(classId);
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
