package cn.sunshine.platform.events.accreditation;

/**
 * One major (专业) a base is accredited for.
 *
 * @param majorCode        stable code of the major, e.g. {@code WELDING}
 * @param majorName        its name as the county writes it, e.g. 电焊
 * @param annualCapacity   trainees a year the base may train in it
 * @param feeStandardFen   the fee standard (收费标准) in fen
 */
public record AccreditedMajor(String majorCode, String majorName, int annualCapacity, long feeStandardFen) {
}
