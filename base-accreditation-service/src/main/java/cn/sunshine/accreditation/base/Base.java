package cn.sunshine.accreditation.base;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AccreditedMajor;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRevoked;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * A training base (培训基地) accredited by a county for named majors. It guards its transitions
 * (ACCREDITED → REVOKED) and records the events they cause.
 */
@Document("bases")
@CompoundIndex(name = "credit_code_division", def = "{'creditCode': 1, 'divisionCode': 1}", unique = true)
public class Base extends AggregateRoot {

    private String name;
    private String creditCode;
    @Indexed
    private String divisionCode;
    private String address;
    private List<Major> majors;
    private LocalDate validFrom;
    private LocalDate validUntil;
    private BaseStatus status;
    private Decision accreditation;
    private Decision revocation;

    protected Base() {
    }

    /** Accredits a base; the command has been validated for form, this checks the rules. */
    public static Base accredit(String name, String creditCode, String divisionCode, String address, List<Major> majors,
                                LocalDate validFrom, LocalDate validUntil, String actor, Clock clock) {
        if (majors.isEmpty()) {
            throw DomainException.invalidField("majors", "a base is accredited for at least one major");
        }
        if (majors.stream().map(Major::majorCode).distinct().count() != majors.size()) {
            throw DomainException.invalidField("majors", "each major appears once");
        }
        if (!validUntil.isAfter(validFrom)) {
            throw DomainException.invalidField("validUntil", "must be after validFrom");
        }
        if (validUntil.isAfter(validFrom.plusYears(1))) {
            throw DomainException.rule("validity-too-long", "Accreditation is for one year",
                    "an accreditation is valid for one year at most; it is renewed by the annual review");
        }
        Base b = new Base();
        b.id = Ids.newId();
        b.name = name;
        b.creditCode = creditCode;
        b.divisionCode = divisionCode;
        b.address = address;
        b.majors = List.copyOf(majors);
        b.validFrom = validFrom;
        b.validUntil = validUntil;
        b.status = BaseStatus.ACCREDITED;
        b.accreditation = new Decision(actor, clock.instant(), null);
        b.recordEvent(EventTypes.BASE_ACCREDITED, new BaseAccredited(b.id, name, creditCode, divisionCode,
                        majors.stream().map(m -> new AccreditedMajor(m.majorCode(), m.majorName(), m.annualCapacity(),
                                m.feeStandardFen())).toList(), validFrom, validUntil, b.accreditation.at(), actor),
                divisionCode, b.accreditation.at());
        return b;
    }

    /** Revokes the accreditation (取缔), effective at once. */
    public void revoke(String reason, String actor, Clock clock) {
        if (status != BaseStatus.ACCREDITED) {
            throw DomainException.invalidTransition("base", status, "revoked");
        }
        status = BaseStatus.REVOKED;
        revocation = new Decision(actor, clock.instant(), reason);
        recordEvent(EventTypes.BASE_REVOKED, new BaseRevoked(id, divisionCode, reason, revocation.at(), actor),
                divisionCode, revocation.at());
    }

    public String getName() {
        return name;
    }

    public String getCreditCode() {
        return creditCode;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getAddress() {
        return address;
    }

    public List<Major> getMajors() {
        return majors;
    }

    public LocalDate getValidFrom() {
        return validFrom;
    }

    public LocalDate getValidUntil() {
        return validUntil;
    }

    public BaseStatus getStatus() {
        return status;
    }

    public Decision getAccreditation() {
        return accreditation;
    }

    public Decision getRevocation() {
        return revocation;
    }
}
