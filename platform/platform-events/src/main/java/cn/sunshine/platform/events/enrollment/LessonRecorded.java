package cn.sunshine.platform.events.enrollment;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code enrollment.lesson.recorded.v1}: a base recorded a lesson it held and who attended it (三有: 有教学记录).
 *
 * @param lessonId     our id of the lesson
 * @param classId      the class
 * @param baseId       the base
 * @param divisionCode the base's county
 * @param majorCode    the class's major
 * @param year         the class's programme year
 * @param date         the day it was held (Asia/Shanghai)
 * @param kind         {@code THEORY} or {@code PRACTICE}
 * @param hours        teaching hours (学时)
 * @param present      trainees present
 * @param absent       trainees absent
 * @param excused      trainees absent with leave
 * @param recordedAt   when it was recorded
 * @param recordedBy   who recorded it (token subject)
 */
public record LessonRecorded(String lessonId, String classId, String baseId, String divisionCode, String majorCode,
                             int year, LocalDate date, String kind, int hours, int present, int absent, int excused,
                             Instant recordedAt, String recordedBy) {
}
