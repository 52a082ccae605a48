package cn.sunshine.accreditation.application;

import cn.sunshine.accreditation.base.BaseRepository;
import cn.sunshine.accreditation.base.BaseStatus;
import cn.sunshine.accreditation.tender.Tender;
import cn.sunshine.accreditation.tender.TenderParticipation;
import cn.sunshine.accreditation.tender.Tenders;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.CreditCode;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.PageResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/** Use cases of applications: submit, read (officers, the panel, the applicant), reject. */
@Service
public class Applications extends UseCase {

    private final ApplicationRepository applications;
    private final BaseRepository bases;
    private final Tenders tenders;
    private final TenderParticipation participation;

    public Applications(Changes changes, ApplicationRepository applications, BaseRepository bases, Tenders tenders,
                        TenderParticipation participation, Clock clock) {
        super(changes, clock);
        this.applications = applications;
        this.bases = bases;
        this.tenders = tenders;
        this.participation = participation;
    }

    public Application submit(String tenderId, ApplicationDtos.SubmitApplicationRequest r) {
        CurrentUser user = Jurisdiction.requireRole(Role.BASE_STAFF);
        Tender tender = tenders.publicGet(tenderId);
        CreditCode.problem(r.institution().creditCode()).ifPresent(p -> {
            throw DomainException.invalidField("institution.creditCode", Phrase.coded("credit-code.invalid", p));
        });
        Institution institution = r.institution().toInstitution();
        bases.findByCreditCodeAndDivisionCode(institution.creditCode(), institution.divisionCode())
                .filter(b -> b.getStatus() == BaseStatus.REVOKED).ifPresent(b -> {
                    throw new DomainException(422, "institution-revoked", "The institution's base was revoked",
                            "this institution's base in " + institution.divisionCode() + " was revoked ("
                                    + b.getRevocation().reason() + ") and cannot be accredited there again",
                            List.of(DomainException.FieldError.coded("institution.creditCode", "application.base-revoked",
                                    "its base was revoked")));
                });
        Application a = Application.submit(tender, institution,
                r.majors().stream().map(ApplicationDtos.ProposedMajorDto::toMajor).toList(),
                r.documents().stream().map(ApplicationDtos.DocumentDto::toDocument).toList(),
                user.subject(), user.baseId(), clock);
        try {
            return store.insert(a);
        } catch (DuplicateKeyException e) {
            Application earlier = applications.findByTenderIdOrderBySubmissionAtAscIdAsc(tenderId).stream()
                    .filter(x -> x.getInstitution().creditCode().equals(institution.creditCode())).findFirst().orElse(null);
            if (earlier != null && store.madeByRunningRequest(Application.class, earlier.getId())) {
                return earlier; // this request's own, made by its try that died before its answer was recorded
            }
            throw new DomainException(409, "duplicate-application", "Already applied",
                    "this institution (credit code) has already applied in this tender",
                    List.of(DomainException.FieldError.coded("institution.creditCode", "application.already-applied",
                            "already applied in this tender")));
        }
    }

    /** An application the caller may read; {@link Readable#fullContacts()} says whether phones are shown whole. */
    public Readable readable(String id) {
        Application a = applications.findById(id).orElseThrow(() -> DomainException.notFound("application " + id));
        CurrentUser user = Jurisdiction.currentUser();
        if (Jurisdiction.readsDivision(user, a.getTenderDivision())) {
            return new Readable(a, true);
        }
        if (user.has(Role.BASE_STAFF) && a.isApplicant(user.subject(), user.baseId())) {
            return new Readable(a, true);
        }
        if (user.has(Role.EXPERT_REVIEWER) && participation.isPanelMember(a.getTenderId(), user.subject())) {
            return new Readable(a, false);
        }
        throw DomainException.notFound("application " + id);
    }

    public record Readable(Application application, boolean fullContacts) {
    }

    public Application find(String id) {
        return applications.findById(id).orElseThrow(() -> DomainException.notFound("application " + id));
    }

    public List<Application> ofTender(String tenderId) {
        return applications.findByTenderIdOrderBySubmissionAtAscIdAsc(tenderId);
    }

    /** The applications of a tender, for officers covering it and its panel. */
    public PageResult<ApplicationDtos.ApplicationView> listForTender(String tenderId, Integer page, Integer size) {
        Tender tender = tenders.readable(tenderId);
        boolean officer = Jurisdiction.readsDivision(Jurisdiction.currentUser(), tender.getDivisionCode());
        return PageResult.find(mongo, Query.query(Criteria.where("tenderId").is(tenderId)), Application.class, page,
                size, Sort.by("submission.at")).map(a -> ApplicationDtos.ApplicationView.of(a, officer));
    }

    /** Base staff: their own applications; officers: those of tenders in their jurisdiction. */
    public PageResult<Application> list(String tenderId, Integer page, Integer size) {
        CurrentUser user = Jurisdiction.currentUser();
        Criteria c;
        if (user.hasAny(Jurisdiction.OFFICIALS)) {
            c = Jurisdiction.scope("tenderDivision");
        } else if (user.has(Role.BASE_STAFF)) {
            c = user.baseId() == null ? Criteria.where("applicantSubject").is(user.subject())
                    : new Criteria().orOperator(Criteria.where("applicantSubject").is(user.subject()),
                    Criteria.where("applicantBaseId").is(user.baseId()));
        } else {
            throw new org.springframework.security.access.AccessDeniedException("officers and applicants only");
        }
        Query q = Query.query(tenderId == null ? c : new Criteria().andOperator(c, Criteria.where("tenderId").is(tenderId)));
        return PageResult.find(mongo, q, Application.class, page, size, Sort.by(Sort.Direction.DESC, "submission.at"));
    }

    public Application reject(String id, String ifMatch, List<String> reasons) {
        return changes.change(Application.class, id, ifMatch,
                a -> Jurisdiction.officerOver(a.getTenderDivision(), "application " + id),
                (Application a, CurrentUser user) -> {
                    if (tenders.outcome(a.getTenderId()).noticed()) {
                        throw DomainException.conflict("result-noticed", "The result is already noticed",
                                "the tender's result is publicly noticed; an objection is the way to change it now");
                    }
                    a.reject(reasons.stream().map(String::trim).toList(), user.subject(), clock);
                });
    }
}
