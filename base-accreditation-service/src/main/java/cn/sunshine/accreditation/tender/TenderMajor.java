package cn.sunshine.accreditation.tender;

/** A major the tender seeks bases for, with the capacity (trainees a year) the county wants. */
public record TenderMajor(String majorCode, String majorName, int capacitySought) {
}
