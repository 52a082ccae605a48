package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.enrollment.quota.Places;
import cn.sunshine.enrollment.registry.PersonYear;
import cn.sunshine.enrollment.registry.PersonYears;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;

/**
 * A withdrawal's releases that survive its process dying. A withdrawal changes the enrollment (with its event)
 * first, then gives back the person's year and the two places — separate writes, so a {@code kill -9} between them
 * would leave them held for good (a base's quota a place short, the person told "already enrolled"). So the
 * withdrawal is written down before its change ({@code releases_under_way}) and removed once its releases ran; one
 * left behind is finished by the admissions' sweep ({@link Admissions}) once it is older than
 * {@code sunshine.enrollment.abandoned-admission-after} (10 minutes): the enrollment withdrawn, its releases run
 * (each gives back once: {@link Places#releaseFor}, {@link PersonYears#release}); not withdrawn (the process died
 * before the change, or it was refused), nothing to give back.
 */
@Service
public class PendingReleases {

    private static final Logger log = LoggerFactory.getLogger(PendingReleases.class);

    /** A withdrawal under way: its enrollment, since when (the wall clock). */
    @Document("releases_under_way")
    public record ReleaseUnderWay(@Id String enrollmentId, @org.springframework.data.mongodb.core.index.Indexed Instant startedAt) {
    }

    private final MongoTemplate mongo;
    private final Places places;
    private final PersonYears personYears;
    /** The wall clock: the programme's clock is moved by a played year. */
    private final Clock wallClock = Clock.systemUTC();

    public PendingReleases(MongoTemplate mongo, Places places, PersonYears personYears) {
        this.mongo = mongo;
        this.places = places;
        this.personYears = personYears;
    }

    /** Writes the withdrawal down before its change; false when one is already written (an earlier try's). */
    boolean open(String enrollmentId) {
        try {
            mongo.insert(new ReleaseUnderWay(enrollmentId, wallClock.instant()));
            return true;
        } catch (DuplicateKeyException earlierTry) {
            return false;
        }
    }

    /** Gives back what the withdrawn enrollment held, each once, and closes its withdrawal. */
    void releaseAndClose(Enrollment e) {
        personYears.release(PersonYear.id(e.getPersonKey(), e.getYear()), e.getId());
        places.releaseFor(PlaceCounter.classId(e.getClassId()), e.getId());
        places.releaseFor(PlaceCounter.quotaId(e.getBaseId(), e.getMajorCode(), e.getYear()), e.getId());
        close(e.getId());
    }

    void close(String enrollmentId) {
        mongo.remove(Query.query(Criteria.where("_id").is(enrollmentId)), ReleaseUnderWay.class);
    }

    /** Finishes the withdrawals under way since before {@code startedBefore}: their processes died. */
    public int closeAbandoned(Instant startedBefore) {
        int closed = 0;
        for (ReleaseUnderWay r : mongo.find(Query.query(Criteria.where("startedAt").lt(startedBefore)), ReleaseUnderWay.class)) {
            Enrollment e = mongo.findById(r.enrollmentId(), Enrollment.class);
            if (e != null && e.getStatus() == EnrollmentStatus.WITHDRAWN) {
                releaseAndClose(e);
                log.warn("the withdrawal of enrollment {} was left before its releases (its process died): given back",
                        e.getId());
            } else {
                close(r.enrollmentId());
            }
            closed++;
        }
        return closed;
    }
}
