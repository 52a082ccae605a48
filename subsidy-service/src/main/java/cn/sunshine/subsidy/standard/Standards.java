package cn.sunshine.subsidy.standard;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.subsidy.standard.StandardDtos.SetStandardRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Optional;

/** Use cases of subsidy standards: setting one (once), and the standard that applies to a county. */
@Service
public class Standards extends UseCase {

    public Standards(Changes changes, Clock clock) {
        super(changes, clock);
    }

    /** Sets the standard of a major for a year in the caller's jurisdiction: once (409 duplicate). */
    public SubsidyStandard set(SetStandardRequest r) {
        CurrentUser user = Jurisdiction.over(r.divisionCode(), "division " + r.divisionCode());
        SubsidyStandard s = SubsidyStandard.set(r.divisionCode(), r.year(), r.majorCode(), r.tierAmountsFen(),
                r.centralPerHeadFen(), r.provincialPerHeadFen(), r.cityPerHeadFen(), user.subject(), clock.instant());
        try {
            return store.insert(s);
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("duplicate", "The standard exists",
                    "the standard of " + r.majorCode() + " for " + r.year() + " in " + r.divisionCode() + " is set");
        }
    }

    /** The standard that applies (404 when none does). */
    public SubsidyStandard applicable(String divisionCode, int year, String majorCode) {
        return find(divisionCode, year, majorCode).orElseThrow(() -> DomainException.notFound(
                "a standard of " + majorCode + " for " + year));
    }

    /** The standard nearest the county: its own, its city's, its province's. */
    public Optional<SubsidyStandard> find(String countyCode, int year, String majorCode) {
        for (String d : new String[]{countyCode, countyCode.substring(0, 4) + "00", countyCode.substring(0, 2) + "0000"}) {
            SubsidyStandard s = mongo.findById(SubsidyStandard.key(d, year, majorCode), SubsidyStandard.class);
            if (s != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
