package cn.sunshine.accreditation.base;

import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.CreditCode;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.web.PageResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** Use cases of the base aggregate, each scoped to the caller's jurisdiction. */
@Service
public class BaseAccreditation extends UseCase {

    private static final Sort BY_DIVISION_AND_NAME = Sort.by("divisionCode", "name");

    private final BaseRepository bases;

    public BaseAccreditation(Changes changes, BaseRepository bases, Clock clock) {
        super(changes, clock);
        this.bases = bases;
    }

    public Base accredit(BaseDtos.AccreditBaseRequest r) {
        CurrentUser user = Jurisdiction.requireRole(Jurisdiction.OFFICERS);
        CreditCode.problem(r.creditCode()).ifPresent(p -> {
            throw DomainException.invalidField("creditCode", Phrase.coded("credit-code.invalid", p));
        });
        if (!user.covers(r.divisionCode())) {
            throw new DomainException(403, "outside-jurisdiction", "Outside your jurisdiction",
                    "you can accredit bases in " + user.division() + " and below only");
        }
        Base base = Base.accredit(r.name().trim(), r.creditCode(), r.divisionCode(), r.address().trim(),
                r.majors().stream().map(BaseDtos.MajorDto::toMajor).toList(), r.validFrom(), r.validUntil(),
                user.subject(), clock);
        try {
            return store.insert(base);
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("duplicate-base", "Already accredited",
                    "this institution (credit code) is already a base of division " + r.divisionCode());
        }
    }

    public Base get(String id) {
        Base base = bases.findById(id).orElseThrow(() -> DomainException.notFound("base " + id));
        Jurisdiction.requireOfficerOrOwnBase(base.getDivisionCode(), base.getId(), "base " + id);
        return base;
    }

    public Base revoke(String id, String ifMatch, String reason) {
        CurrentUser officer = Jurisdiction.requireRole(Jurisdiction.OFFICERS);
        return changes.change(Base.class, id, ifMatch, b -> {
            if (!officer.covers(b.getDivisionCode())) {
                throw DomainException.notFound("base " + id);
            }
            return officer;
        }, (Base b, CurrentUser user) -> b.revoke(reason.trim(), user.subject(), clock));
    }

    public PageResult<Base> list(String division, BaseStatus status, Integer page, Integer size) {
        Jurisdiction.requireRole(Jurisdiction.OFFICIALS);
        return Filters.within(Jurisdiction.scope("divisionCode")).is("divisionCode", division).is("status", status)
                .page(mongo, Base.class, page, size, BY_DIVISION_AND_NAME);
    }

    /** An accredited base's public profile (a revoked one is not shown). */
    public Base publicGet(String id) {
        return bases.findById(id).filter(b -> b.getStatus() == BaseStatus.ACCREDITED)
                .orElseThrow(() -> DomainException.notFound("base " + id));
    }

    /** Accredited bases for the public (no token): names, majors, capacities, fee standards. */
    public PageResult<Base> publicList(String division, Integer page, Integer size) {
        return Filters.within(Criteria.where("status").is(BaseStatus.ACCREDITED)).under(division)
                .page(mongo, Base.class, page, size, BY_DIVISION_AND_NAME);
    }
}
