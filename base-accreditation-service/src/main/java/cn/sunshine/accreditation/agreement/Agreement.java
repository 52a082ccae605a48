package cn.sunshine.accreditation.agreement;

import cn.sunshine.accreditation.base.Decision;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AgreedMajor;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A base's training-and-transfer agreement (培训转移协议 / 责任状) for one year, in versions: the county
 * proposes (and so signs), the base signs, and the version takes effect; an amendment is a new
 * version, the one it replaces is superseded and kept.
 */
@Document("agreements")
@CompoundIndex(name = "base_year", def = "{'baseId': 1, 'year': 1}", unique = true)
public class Agreement extends AggregateRoot {

    @Indexed
    private String baseId;
    @Indexed
    private String divisionCode;
    private String baseName;
    private int year;
    private List<AgreementVersion> versions;

    protected Agreement() {
    }

    public static Agreement propose(String baseId, String baseName, String divisionCode, int year,
                                    List<AgreementVersion.AgreedMajor> majors, PaymentMode mode, int rateBp,
                                    String actor, Clock clock) {
        Agreement a = new Agreement();
        a.id = Ids.newId();
        a.baseId = baseId;
        a.baseName = baseName;
        a.divisionCode = divisionCode;
        a.year = year;
        a.versions = List.of(new AgreementVersion(1, List.copyOf(majors), mode, rateBp,
                AgreementVersion.Status.PROPOSED, new Decision(actor, clock.instant(), null), null, null, null));
        return a;
    }

    /** The county proposes the next version; the effective one stays in force until the base signs it. */
    public AgreementVersion amend(List<AgreementVersion.AgreedMajor> majors, PaymentMode mode, int rateBp,
                                  String reason, String actor, Clock clock) {
        AgreementVersion last = latest();
        if (last.status() != AgreementVersion.Status.EFFECTIVE) {
            throw DomainException.invalidTransition("agreement whose latest version is", last.status(),
                    "amended (the base signs the proposed version first)");
        }
        AgreementVersion next = new AgreementVersion(last.number() + 1, List.copyOf(majors), mode, rateBp,
                AgreementVersion.Status.PROPOSED, new Decision(actor, clock.instant(), reason), null, null, last.number());
        List<AgreementVersion> all = new ArrayList<>(versions);
        all.add(next);
        versions = all;
        return next;
    }

    /** The base signs the proposed version: it takes effect now and supersedes the one before. */
    public AgreementVersion sign(AgreementVersion.Signatory signatory, String staff, Clock clock) {
        AgreementVersion last = latest();
        if (last.status() != AgreementVersion.Status.PROPOSED) {
            throw DomainException.invalidTransition("agreement whose latest version is", last.status(), "signed");
        }
        Instant now = clock.instant();
        AgreementVersion signed = last.withStatus(AgreementVersion.Status.EFFECTIVE, signatory, new Decision(staff, now, null));
        versions = versions.stream().map(v -> {
            if (v.number() == last.number()) {
                return signed;
            }
            return v.status() == AgreementVersion.Status.EFFECTIVE
                    ? v.withStatus(AgreementVersion.Status.SUPERSEDED, v.baseSignatory(), v.baseSignature()) : v;
        }).toList();
        recordEvent(EventTypes.AGREEMENT_SIGNED, new AgreementSigned(id, signed.number(), baseId, divisionCode, year,
                signed.majors().stream().map(m -> new AgreedMajor(m.majorCode(), m.majorName(), m.quota(), m.feeFen())).toList(),
                signed.subsidyPaymentMode().name(), signed.committedPlacementRateBp(), signed.countySignature().by(),
                signed.countySignature().at(), signatory.name() + "（" + signatory.title() + "）", staff, now,
                signed.supersedes()), divisionCode, now);
        return signed;
    }

    public AgreementVersion latest() {
        return versions.get(versions.size() - 1);
    }

    public Optional<AgreementVersion> effective() {
        return versions.stream().filter(v -> v.status() == AgreementVersion.Status.EFFECTIVE).findFirst();
    }

    public String getBaseId() {
        return baseId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getBaseName() {
        return baseName;
    }

    public int getYear() {
        return year;
    }

    public List<AgreementVersion> getVersions() {
        return versions;
    }
}
