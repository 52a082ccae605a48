package cn.sunshine.enrollment.quota;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Places of a base × major × year (its agreed quota) or of one class (its capacity), as one
 * document: {@code remaining} is what may still be taken, changed only by single-document
 * conditional writes ({@link Places}), so no concurrency can take more than the limit.
 *
 * @param id            {@code quota/<baseId>/<majorCode>/<year>} or {@code class/<classId>}
 * @param kind          {@code QUOTA} or {@code CLASS}
 * @param baseId        the base (quota counters)
 * @param majorCode     the major (quota counters)
 * @param year          the program year (quota counters)
 * @param limit         the quota or capacity in force
 * @param taken         places taken
 * @param remaining     {@code limit - taken}; negative when a limit was lowered below what is taken
 * @param sourceVersion the agreement version (quota) the limit comes from; a lower one never replaces it
 * @param holds         places taken for admissions under way ({@link Places#hold}): a hold is ended once its
 *                      enrollments are stored, and what they did not use is given back with it
 */
@Document("place_counters")
@CompoundIndex(name = "base_year", def = "{'baseId': 1, 'year': 1}")
public record PlaceCounter(@Id String id, String kind, String baseId, String majorCode, Integer year, int limit,
                           int taken, int remaining, long sourceVersion, java.util.List<Hold> holds) {

    /** A counter with no admission under way. */
    public PlaceCounter(String id, String kind, String baseId, String majorCode, Integer year, int limit, int taken,
                        int remaining, long sourceVersion) {
        this(id, kind, baseId, majorCode, year, limit, taken, remaining, sourceVersion, java.util.List.of());
    }

    @org.springframework.data.annotation.PersistenceCreator
    public PlaceCounter {
        holds = holds == null ? java.util.List.of() : java.util.List.copyOf(holds);
    }

    /**
     * Places an admission under way has taken: {@code n} of them, since {@code at} (the wall clock).
     *
     * @param id the admission's id
     */
    public record Hold(String id, int n, java.time.Instant at) {
    }

    /** The hold of that admission, if it holds places here. */
    public java.util.Optional<Hold> holdOf(String admissionId) {
        return holds.stream().filter(h -> h.id().equals(admissionId)).findFirst();
    }

    public static String quotaId(String baseId, String majorCode, int year) {
        return "quota/" + baseId + "/" + majorCode + "/" + year;
    }

    public static String classId(String classId) {
        return "class/" + classId;
    }
}
