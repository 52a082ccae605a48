package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.subsidy.voucher.Voucher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** Use cases of a county's split of the subsidy: set once, before the year's first claim; read. */
@Service
public class SplitPolicies extends UseCase {

    public SplitPolicies(Changes changes, Clock clock) {
        super(changes, clock);
    }

    /** The county officer sets the year's completion share: once (409 duplicate), before any claim (409 split-after-claims). */
    public SplitPolicy set(String divisionCode, int year, int completionShareBp, String reason) {
        CurrentUser user = Jurisdiction.over(divisionCode, "division " + divisionCode);
        if (mongo.exists(Query.query(Criteria.where("divisionCode").is(divisionCode).and("year").is(year)
                .and("completionPartFen").ne(null)), Voucher.class)) {
            // Vouchers already claimed were split as things stood (all at completion without a policy): a policy
            // now would only apply to the rest, and the year's claims would follow two rules.
            throw DomainException.conflict("split-after-claims", "Claims of the year exist",
                    "vouchers of " + divisionCode + " for " + year + " have been claimed already; the split is "
                            + "set before the first claim of the year");
        }
        try {
            return store.insert(SplitPolicy.set(divisionCode, year, completionShareBp, user.subject(), clock.instant(),
                    reason));
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("duplicate", "The split is set",
                    "the " + year + " split of " + divisionCode + " is set; claims depend on it");
        }
    }

    /** A county's split for a year (404 when none: everything is claimed at completion). */
    public SplitPolicy get(String divisionCode, String year) {
        SplitPolicy p = year.matches("\\d{4}") ? mongo.findById(SplitPolicy.key(divisionCode, Integer.parseInt(year)),
                SplitPolicy.class) : null;
        if (p == null) {
            throw DomainException.notFound("split policy " + divisionCode + "/" + year);
        }
        return p;
    }
}
