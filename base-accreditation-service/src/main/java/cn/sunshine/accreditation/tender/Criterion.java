package cn.sunshine.accreditation.tender;

/**
 * A review criterion of a tender (e.g. 师资力量) and its weight in basis points; a tender's weights
 * add up to 10000.
 */
public record Criterion(String code, String name, int weightBp) {
}
