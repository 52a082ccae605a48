package cn.sunshine.accreditation.agreement;

import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.accreditation.base.Base;
import cn.sunshine.accreditation.base.BaseRepository;
import cn.sunshine.accreditation.base.BaseStatus;
import cn.sunshine.accreditation.base.Major;
import cn.sunshine.accreditation.quota.Allocation;
import cn.sunshine.accreditation.quota.Quotas;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Use cases of agreements: the county proposes and amends, the base signs. */
@Service
public class Agreements extends UseCase {

    private final AgreementRepository agreements;
    private final BaseRepository bases;
    private final Quotas quotas;

    public Agreements(Changes changes, AgreementRepository agreements, BaseRepository bases, Quotas quotas,
                      Clock clock) {
        super(changes, clock);
        this.agreements = agreements;
        this.bases = bases;
        this.quotas = quotas;
    }

    public Agreement propose(AgreementDtos.ProposeRequest r) {
        Base base = bases.findById(r.baseId()).orElseThrow(() -> DomainException.invalidField("baseId",
                Phrase.coded("agreement.base-unknown", "no such base")));
        CurrentUser user = Jurisdiction.officerFor(base.getDivisionCode());
        List<AgreementVersion.AgreedMajor> majors = terms(base, r.year(), r.majors());
        try {
            return store.insert(Agreement.propose(base.getId(), base.getName(), base.getDivisionCode(), r.year(), majors,
                    r.subsidyPaymentMode(), r.committedPlacementRateBp(), user.subject(), clock));
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("duplicate", "The agreement exists",
                    "the base has an agreement for " + r.year() + "; amend it");
        }
    }

    public Agreement amend(String id, String ifMatch, AgreementDtos.AmendRequest r) {
        return changes.change(Agreement.class, id, ifMatch, a -> Jurisdiction.officerOver(a.getDivisionCode(), "agreement " + id),
                (Agreement a, CurrentUser user) -> {
                    Base base = bases.findById(a.getBaseId()).orElseThrow();
                    a.amend(terms(base, a.getYear(), r.majors()), r.subsidyPaymentMode(), r.committedPlacementRateBp(),
                            r.reason().trim(), user.subject(), clock);
                });
    }

    public Agreement sign(String id, String ifMatch, AgreementDtos.SignRequest r) {
        return changes.change(Agreement.class, id, ifMatch, a -> {
            CurrentUser user = Jurisdiction.currentUser();
            if (!user.has(Role.BASE_STAFF) || !a.getBaseId().equals(user.baseId())) {
                if (Jurisdiction.readsDivision(user, a.getDivisionCode())) {
                    throw new org.springframework.security.access.AccessDeniedException("the base's own staff sign");
                }
                throw DomainException.notFound("agreement " + id);
            }
            return user;
        }, (Agreement a, CurrentUser user) -> a.sign(new AgreementVersion.Signatory(r.signatoryName().trim(),
                r.signatoryTitle().trim()), user.subject(), clock));
    }

    public Agreement get(String id) {
        Agreement a = find(id);
        Jurisdiction.requireOfficerOrOwnBase(a.getDivisionCode(), a.getBaseId(), "agreement " + id);
        return a;
    }

    public PageResult<Agreement> list(String baseId, Integer year, Integer page, Integer size) {
        return Filters.within(Jurisdiction.scopeOfficialsOrOwnBase("divisionCode", "baseId"))
                .is("baseId", baseId).is("year", year)
                .page(mongo, Agreement.class, page, size, Sort.by(Sort.Direction.DESC, "year").and(Sort.by("baseName")));
    }

    /** Checks each major against the base's accreditation and the county's current allocation. */
    private List<AgreementVersion.AgreedMajor> terms(Base base, int year, List<AgreementDtos.MajorTerms> requested) {
        if (base.getStatus() != BaseStatus.ACCREDITED) {
            throw DomainException.rule("base-not-accredited", "The base is not accredited",
                    "a revoked base signs no agreement");
        }
        List<AgreementVersion.AgreedMajor> out = new ArrayList<>();
        List<DomainException.FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            AgreementDtos.MajorTerms m = requested.get(i);
            String f = "majors[" + i + "]";
            if (!seen.add(m.majorCode())) {
                errors.add(DomainException.FieldError.coded(f + ".majorCode", "agreement.major-twice",
                        m.majorCode() + " appears twice", m.majorCode()));
                continue;
            }
            Major accredited = base.major(m.majorCode()).orElse(null);
            if (accredited == null) {
                errors.add(DomainException.FieldError.coded(f + ".majorCode", "agreement.major-not-accredited",
                        "the base is not accredited for " + m.majorCode(), m.majorCode()));
                continue;
            }
            if (m.feeFen() > accredited.feeStandardFen()) {
                errors.add(DomainException.FieldError.coded(f + ".feeFen", "agreement.fee-over-standard",
                        "must not exceed the accredited fee standard " + accredited.feeStandardFen() + " fen", accredited.feeStandardFen()));
            }
            int allocated = quotas.currentForBase(base.getDivisionCode(), year, base.getId(), m.majorCode())
                    .map(Allocation::amount).orElse(0);
            if (m.quota() > allocated) {
                errors.add(DomainException.FieldError.coded(f + ".quota", "agreement.quota-over-allocation",
                        "must not exceed the county's allocation to the base for this major (" + allocated + ")", allocated));
            }
            out.add(new AgreementVersion.AgreedMajor(m.majorCode(), accredited.majorName(), m.quota(), m.feeFen()));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(422, "agreement-exceeds-allocation", "The agreement's terms are not covered",
                    String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
        }
        return out;
    }

    private Agreement find(String id) {
        return agreements.findById(id).orElseThrow(() -> DomainException.notFound("agreement " + id));
    }
}
