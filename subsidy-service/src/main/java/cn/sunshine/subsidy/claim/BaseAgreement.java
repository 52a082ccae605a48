package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * The payment mode a base's agreement for a year sets (以降代补 REDUCED_FEE: the base is paid;
 * 先收后补 REFUND_AFTER: each completed trainee is paid directly), from the latest signed version.
 */
@Document("base_agreements")
public class BaseAgreement extends AggregateRoot {

    private String baseId;
    private String divisionCode;
    private int year;
    private int agreementVersion;
    private String subsidyPaymentMode;
    private Instant effectiveFrom;

    protected BaseAgreement() {
    }

    static String key(String baseId, int year) {
        return baseId + ":" + year;
    }

    static String keyOf(AgreementSigned e) {
        return key(e.baseId(), e.year());
    }

    static BaseAgreement from(AgreementSigned e) {
        BaseAgreement a = new BaseAgreement();
        a.id = keyOf(e);
        a.baseId = e.baseId();
        a.divisionCode = e.divisionCode();
        a.year = e.year();
        a.apply(e);
        return a;
    }

    /** A later version supersedes; an older one arriving late changes nothing. */
    void apply(AgreementSigned e) {
        if (e.version() < agreementVersion) {
            return;
        }
        agreementVersion = e.version();
        subsidyPaymentMode = e.subsidyPaymentMode();
        effectiveFrom = e.baseSignedAt();
    }

    public String getSubsidyPaymentMode() {
        return subsidyPaymentMode;
    }

    public int getAgreementVersion() {
        return agreementVersion;
    }
}
