package cn.sunshine.platform.events.accreditation;

/**
 * A major (专业) a tender seeks bases for.
 *
 * @param majorCode      stable code, e.g. {@code WELDING}
 * @param majorName      its name as the county writes it, e.g. 电焊
 * @param capacitySought trainees a year the county wants trained in it
 */
public record SoughtMajor(String majorCode, String majorName, int capacitySought) {
}
