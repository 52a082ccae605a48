package cn.sunshine.placement.agreement;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * The placement rate a base committed to for a year in its training-and-transfer agreement, from
 * {@code accreditation.agreement.signed.v1}. An amendment replaces it only with a higher version
 * (events may arrive out of order). Keyed {@code baseId:year}.
 */
@Document("placement_committed_rates")
public class CommittedRate extends AggregateRoot {

    private String baseId;
    private String divisionCode;
    private int year;
    private String agreementId;
    private int agreementVersion;
    private int committedPlacementRateBp;
    private Instant effectiveFrom;

    protected CommittedRate() {
    }

    public static String idOf(String baseId, int year) {
        return baseId + ":" + year;
    }

    static CommittedRate from(AgreementSigned e) {
        CommittedRate r = new CommittedRate();
        r.id = idOf(e.baseId(), e.year());
        r.baseId = e.baseId();
        r.year = e.year();
        r.agreementVersion = 0;
        r.apply(e);
        return r;
    }

    void apply(AgreementSigned e) {
        if (e.version() <= agreementVersion) {
            return;
        }
        divisionCode = e.divisionCode();
        agreementId = e.agreementId();
        agreementVersion = e.version();
        committedPlacementRateBp = e.committedPlacementRateBp();
        effectiveFrom = e.baseSignedAt();
    }

    public String getBaseId() {
        return baseId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public String getAgreementId() {
        return agreementId;
    }

    public int getAgreementVersion() {
        return agreementVersion;
    }

    public int getCommittedPlacementRateBp() {
        return committedPlacementRateBp;
    }

    public Instant getEffectiveFrom() {
        return effectiveFrom;
    }
}
