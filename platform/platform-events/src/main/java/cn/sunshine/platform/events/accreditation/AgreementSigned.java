package cn.sunshine.platform.events.accreditation;

import java.time.Instant;
import java.util.List;

/**
 * {@code accreditation.agreement.signed.v1}: a version of a base's training-and-transfer agreement
 * (培训转移协议) took effect, signed by the county and the base. An amendment is a later version;
 * the earlier one is superseded, never overwritten.
 *
 * @param agreementId              our id of the agreement (one per base and year)
 * @param version                  1 for the first, then 2, 3, … for amendments
 * @param baseId                   the base
 * @param divisionCode             the county
 * @param year                     the program year
 * @param majors                   quota and fee per major
 * @param subsidyPaymentMode       {@code REDUCED_FEE} (以降代补) or {@code REFUND_AFTER} (先收后补)
 * @param committedPlacementRateBp committed placement rate in basis points (9000 = 90 %)
 * @param countySignedBy           the county officer who signed (token subject)
 * @param countySignedAt           when the county signed
 * @param baseSignatory            who signed for the base (name and title)
 * @param baseSignedBy             the base staff account that signed (token subject)
 * @param baseSignedAt             when the base signed: the version is effective from then
 * @param supersedesVersion        the version this one replaces, or null
 */
public record AgreementSigned(String agreementId, int version, String baseId, String divisionCode, int year,
                              List<AgreedMajor> majors, String subsidyPaymentMode, int committedPlacementRateBp,
                              String countySignedBy, Instant countySignedAt, String baseSignatory, String baseSignedBy,
                              Instant baseSignedAt, Integer supersedesVersion) {
}
