package cn.sunshine.platform.events.enrollment;

import java.time.Instant;

/**
 * {@code enrollment.visit.recorded.v1}: a county officer visited a class unannounced and recorded who was there.
 *
 * @param visitId      our id of the visit
 * @param classId      the class
 * @param baseId       the base
 * @param divisionCode the base's county
 * @param year         the class's programme year
 * @param visitedAt    when the officer was there
 * @param present      trainees found present
 * @param absent       trainees in training not found
 * @param recordedAt   when it was recorded
 * @param recordedBy   the officer (token subject)
 */
public record VisitRecorded(String visitId, String classId, String baseId, String divisionCode, int year,
                            Instant visitedAt, int present, int absent, Instant recordedAt, String recordedBy) {
}
