package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.enrollment.quota.Places;
import cn.sunshine.enrollment.registry.PersonYear;
import cn.sunshine.enrollment.registry.PersonYears;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.web.IdempotentRequests;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Admissions that survive their process dying mid-way. An admission (one trainee at the desk, a roster file) takes
 * places in two counters, registers each person's year and stores each enrollment: several writes, any of which may
 * be the last before a {@code kill -9}. So:
 * <ul>
 *   <li>its ids are derived from the request's Idempotency-Key when it has one ({@link #newAdmissionId},
 *       {@link #enrollmentId}): the request sent again after the crash — taken over once the first try's lease ran
 *       out — is the same admission, finds the registrations and enrollments the first try wrote as its own, takes
 *       no place twice ({@link Places#hold} under the admission's id) and finishes it;</li>
 *   <li>it is written down first ({@link AdmissionUnderWay}) and removed once it is closed ({@link #close}: the
 *       places its unstored enrollments held given back, their registrations released); an admission nobody
 *       finished — its process died and nobody sent it again — is closed the same way by {@link #sweep} once it has
 *       been under way for {@code sunshine.enrollment.abandoned-admission-after} (10 minutes by default): what it
 *       stored stands, what it only held is given back.</li>
 * </ul>
 */
@Service
public class Admissions {

    private static final Logger log = LoggerFactory.getLogger(Admissions.class);

    private final MongoTemplate mongo;
    private final Places places;
    private final PersonYears personYears;
    private final PendingReleases pendingReleases;
    private final Duration abandonedAfter;
    /** Under way since when, and abandoned when, on the wall clock: the programme's clock is moved by a played year. */
    private final java.time.Clock wallClock = java.time.Clock.systemUTC();

    public Admissions(MongoTemplate mongo, Places places, PersonYears personYears, PendingReleases pendingReleases,
                      @Value("${sunshine.enrollment.abandoned-admission-after:10m}") Duration abandonedAfter) {
        this.mongo = mongo;
        this.places = places;
        this.personYears = personYears;
        this.pendingReleases = pendingReleases;
        this.abandonedAfter = abandonedAfter;
    }

    /**
     * The id of an admission about to be made: derived from the request's Idempotency-Key (the same on every try of
     * it) when it has one, new otherwise.
     */
    public static String newAdmissionId() {
        return IdempotentRequests.idFor("admission");
    }

    /** The id of the admission a request makes ({@link IdempotentRequests#currentRequest}). */
    public static String admissionIdOf(String requestId) {
        return Ids.derived("admission", requestId);
    }

    /** The id of the person's enrollment in that admission (the same on every try of it). */
    public static String enrollmentId(String admissionId, String personKey) {
        return Ids.derived("enrollment", admissionId, personKey);
    }

    /** Writes the admission down before it takes anything; a try of it before this one wrote the same. */
    AdmissionUnderWay open(String admissionId, TrainingClass c, List<Enrollments.Admission> admissions) {
        AdmissionUnderWay a = new AdmissionUnderWay(admissionId, c.getId(),
                PlaceCounter.quotaId(c.getBaseId(), c.getMajorCode(), c.getYear()), PlaceCounter.classId(c.getId()),
                admissions.stream().map(x -> new AdmissionUnderWay.Entry(x.enrollmentId(),
                        PersonYear.id(x.personKey(), c.getYear()))).toList(), wallClock.instant());
        try {
            mongo.insert(a);
        } catch (DuplicateKeyException earlierTry) {
            // the same request's earlier try, dead mid-way: this one finishes it
        }
        return a;
    }

    /** Which of these enrollments are stored. */
    public Set<String> stored(Collection<String> enrollmentIds) {
        if (enrollmentIds.isEmpty()) {
            return Set.of();
        }
        Query q = Query.query(Criteria.where("_id").in(enrollmentIds));
        q.fields().include("_id");
        Set<String> out = new HashSet<>();
        mongo.find(q, Document.class, mongo.getCollectionName(Enrollment.class)).forEach(d -> out.add(d.getString("_id")));
        return out;
    }

    /**
     * Closes the admission with these of its enrollments stored: the others' registrations are released and their
     * places given back, its holds ended, and it is no longer under way. Every step is safe to run again (a close cut
     * short by a crash is finished by the sweep).
     */
    void close(AdmissionUnderWay a, Set<String> stored) {
        int unstored = 0;
        for (AdmissionUnderWay.Entry e : a.entries()) {
            if (!stored.contains(e.enrollmentId())) {
                personYears.release(e.personYearId(), e.enrollmentId());
                unstored++;
            }
        }
        places.endHold(a.seatsCounter(), a.id(), unstored);
        places.endHold(a.quotaCounter(), a.id(), unstored);
        mongo.remove(Query.query(Criteria.where("_id").is(a.id())), AdmissionUnderWay.class);
    }

    /** {@link #close} when refusing: a failure to give back is logged, the sweep finishes it, the refusal stands. */
    void closeRefused(AdmissionUnderWay a, Set<String> stored) {
        try {
            close(a, stored);
        } catch (RuntimeException e) {
            log.warn("admission {} of class {}: could not give back what it held ({}); the sweep will", a.id(), a.classId(),
                    e.toString());
        }
    }

    /** Closes the admissions under way since before {@code startedBefore}: their processes died. */
    public int closeAbandoned(Instant startedBefore) {
        int closed = 0;
        for (AdmissionUnderWay a : mongo.find(Query.query(Criteria.where("startedAt").lt(startedBefore)),
                AdmissionUnderWay.class)) {
            Set<String> stored = stored(a.enrollmentIds());
            close(a, stored);
            log.warn("admission {} of class {} was left under way (its process died): {} of {} enrollment(s) stored, "
                    + "the rest given back", a.id(), a.classId(), stored.size(), a.entries().size());
            closed++;
        }
        return closed;
    }

    /** Closes the admissions, and finishes the withdrawals ({@link PendingReleases}), that a dead process left. */
    @Scheduled(fixedDelayString = "${sunshine.enrollment.admission-sweep:1m}",
            initialDelayString = "${sunshine.enrollment.admission-sweep:1m}")
    void sweep() {
        Instant before = wallClock.instant().minus(abandonedAfter);
        for (java.util.function.ToIntFunction<Instant> left : List.<java.util.function.ToIntFunction<Instant>>of(
                this::closeAbandoned, pendingReleases::closeAbandoned)) {
            try {
                left.applyAsInt(before);
            } catch (RuntimeException e) {
                log.warn("the sweep of what a dead process left half-done failed: {}", e.toString());
            }
        }
    }
}
