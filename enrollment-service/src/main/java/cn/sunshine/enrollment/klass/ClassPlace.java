package cn.sunshine.enrollment.klass;

/**
 * Where a class is held.
 *
 * @param town    the town (乡镇)
 * @param village the village (村); required for a mobile class
 * @param address the street address or the venue
 * @param mobile  true for a mobile class held in a village (流动办班)
 */
public record ClassPlace(String town, String village, String address, boolean mobile) {
}
