package cn.sunshine.enrollment.trainee;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * An admission under way ({@link Admissions}): written before it takes any place and removed once it has stored its
 * enrollments or given back what it held. One left behind names what its process, dead mid-way, may hold: places
 * under its id in the two counters, a registration for each person, some of its enrollments stored.
 *
 * @param id            the admission's id (derived from the request's Idempotency-Key when it has one)
 * @param classId       the class
 * @param quotaCounter  the base's quota counter for the class's major and year
 * @param seatsCounter  the class's own counter
 * @param entries       each person's enrollment and registration, in the request's order
 * @param startedAt     when it began, on the wall clock
 */
@Document("admissions_under_way")
public record AdmissionUnderWay(@Id String id, String classId, String quotaCounter, String seatsCounter,
                                List<Entry> entries, @Indexed Instant startedAt) {

    /** One person of the admission: the enrollment it makes and the registration that holds the person's year. */
    public record Entry(String enrollmentId, String personYearId) {
    }

    public List<String> enrollmentIds() {
        return entries.stream().map(Entry::enrollmentId).toList();
    }
}
