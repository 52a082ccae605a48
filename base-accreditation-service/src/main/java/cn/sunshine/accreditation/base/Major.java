package cn.sunshine.accreditation.base;

/** A major the base is accredited for, with its annual capacity and fee standard (fen). */
public record Major(String majorCode, String majorName, int annualCapacity, long feeStandardFen) {
}
