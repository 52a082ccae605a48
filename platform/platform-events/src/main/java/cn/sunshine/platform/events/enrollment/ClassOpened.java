package cn.sunshine.platform.events.enrollment;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code enrollment.class.opened.v1}: a county officer attended a class's opening (开班) and
 * confirmed it; from then on the county checks its trainees against the roster.
 *
 * @param classId           our id of the class (培训班/期)
 * @param baseId            the training base
 * @param divisionCode      the base's county
 * @param majorCode         the major taught
 * @param year              the program year (Asia/Shanghai)
 * @param trainingForm      {@code FREE}, {@code REDUCED_FEE}, {@code FEE_PAYING} or {@code ORDER}
 * @param orderEmployer     the employer of an order class (订单培训), else null
 * @param mobile            true for a mobile class held in a village (流动办班)
 * @param town              the town (乡镇) where it is held
 * @param village           the village (村), for a mobile class; may be null
 * @param plannedStart      first day (Asia/Shanghai)
 * @param plannedEnd        last day (Asia/Shanghai)
 * @param capacity          places in the class
 * @param feeFen            the fee per trainee, in fen
 * @param traineesEnrolled  trainees enrolled at the opening
 * @param openedAt          when the officer confirmed it
 * @param openedBy          the officer (token subject)
 */
public record ClassOpened(String classId, String baseId, String divisionCode, String majorCode, int year,
                          String trainingForm, String orderEmployer, boolean mobile, String town, String village,
                          LocalDate plannedStart, LocalDate plannedEnd, int capacity, long feeFen, int traineesEnrolled,
                          Instant openedAt, String openedBy) {
}
