package cn.sunshine.accreditation.agreement;

import cn.sunshine.accreditation.base.Decision;

import java.util.List;

/**
 * One version of a training-and-transfer agreement. A version is never changed once the base signed
 * it; an amendment is the next version.
 *
 * @param countySignature who signed for the county (the proposing officer), when, and — for an
 *                        amendment — why
 * @param baseSignatory   who signed for the base: name and title
 * @param baseSignature   the base staff account that signed, and when
 */
public record AgreementVersion(int number, List<AgreedMajor> majors, PaymentMode subsidyPaymentMode,
                               int committedPlacementRateBp, Status status, Decision countySignature,
                               Signatory baseSignatory, Decision baseSignature, Integer supersedes) {

    public enum Status { PROPOSED, EFFECTIVE, SUPERSEDED }

    public record AgreedMajor(String majorCode, String majorName, int quota, long feeFen) {
    }

    public record Signatory(String name, String title) {
    }

    AgreementVersion withStatus(Status s, Signatory signatory, Decision signature) {
        return new AgreementVersion(number, majors, subsidyPaymentMode, committedPlacementRateBp, s, countySignature,
                signatory, signature, supersedes);
    }
}
