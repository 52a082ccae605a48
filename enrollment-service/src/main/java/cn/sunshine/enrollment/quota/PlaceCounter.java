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
 */
@Document("place_counters")
@CompoundIndex(name = "base_year", def = "{'baseId': 1, 'year': 1}")
public record PlaceCounter(@Id String id, String kind, String baseId, String majorCode, Integer year, int limit,
                           int taken, int remaining, long sourceVersion) {

    public static String quotaId(String baseId, String majorCode, int year) {
        return "quota/" + baseId + "/" + majorCode + "/" + year;
    }

    public static String classId(String classId) {
        return "class/" + classId;
    }
}
