package cn.sunshine.placement.employer;

import cn.sunshine.placement.employer.EmployerDtos.RegisterRequest;
import cn.sunshine.placement.employer.EmployerDtos.UpdateRequest;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.identifiers.CreditCode;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.PageResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** Use cases of employers: registered once per credit code, corrected by the division that keeps them, read by all. */
@Service
public class Employers extends UseCase {

    private static final Role[] EDITORS = {Role.COUNTY_OFFICER, Role.CITY_OFFICER, Role.PROVINCE_OFFICER};

    private static final Role[] EVERYONE_IN_THE_PROGRAM = {Role.PROVINCE_OFFICER, Role.CITY_OFFICER,
            Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF};

    public Employers(Changes changes, Clock clock) {
        super(changes, clock);
    }

    public Employer register(RegisterRequest r) {
        CurrentUser user = Jurisdiction.requireRole(Role.BASE_STAFF, Role.COUNTY_OFFICER);
        String code = r.creditCode().trim().toUpperCase();
        CreditCode.problem(code).ifPresent(problem -> {
            throw DomainException.invalidField("creditCode", Phrase.coded("credit-code.invalid", problem));
        });
        Employer e = Employer.register(Ids.newId(), r.name().trim(), code, r.address().trim(), r.hrPhone(),
                user.division() == null ? null : user.division().value(), clock.instant(), user.subject());
        try {
            return store.insert(e);
        } catch (DuplicateKeyException dup) {
            Employer existing = mongo.findOne(Query.query(Criteria.where("creditCode").is(code)), Employer.class);
            throw DomainException.conflict("employer-exists", "Employer already registered",
                    "the employer with credit code " + code + " is registered as "
                            + (existing == null ? "another record" : existing.getId()));
        }
    }

    public Employer get(String id) {
        Jurisdiction.requireRole(EVERYONE_IN_THE_PROGRAM);
        return find(id);
    }

    public PageResult<Employer> list(String creditCode, String name, Integer page, Integer size) {
        Jurisdiction.requireRole(EVERYONE_IN_THE_PROGRAM);
        Criteria c = new Criteria();
        if (creditCode != null) {
            c = Criteria.where("creditCode").is(creditCode.trim().toUpperCase());
        } else if (name != null && !name.isBlank()) {
            c = Criteria.where("name").regex(java.util.regex.Pattern.quote(name.trim()));
        }
        return PageResult.find(mongo, Query.query(c), Employer.class, page, size, Sort.by("name"));
    }

    /** An officer of the keeping division (or the province) corrects the employer: a new revision. */
    public Employer update(String id, String ifMatch, UpdateRequest r) {
        CurrentUser officer = Jurisdiction.requireRole(EDITORS);
        return changes.change(Employer.class, id, ifMatch, e -> requireKeeper(officer, e),
                (Employer e, CurrentUser user) -> e.change(r.name().trim(), r.address().trim(), r.hrPhone(),
                        user.subject(), clock.instant(), r.reason().trim()));
    }

    /**
     * The employer is kept by the division that registered it: its own officers, or the province's.
     * Anyone else (another county, a city, base staff) is refused and the employer stays as it is.
     */
    private static CurrentUser requireKeeper(CurrentUser user, Employer e) {
        String keeper = e.getRegisteredInDivision();
        boolean own = keeper != null && user.division() != null && keeper.equals(user.division().value());
        boolean province = user.has(Role.PROVINCE_OFFICER) && (keeper == null || user.covers(keeper));
        if (!own && !province) {
            throw new DomainException(403, "outside-jurisdiction", "Outside your jurisdiction",
                    "employer " + e.getId() + " is kept by division " + keeper
                            + "; only its officers or the province's may change it");
        }
        return user;
    }

    private Employer find(String id) {
        Employer e = mongo.findById(id, Employer.class);
        if (e == null) {
            throw DomainException.notFound("employer " + id);
        }
        return e;
    }
}
