package cn.sunshine.accreditation.tender;

import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** Use cases of tenders, and the one place that says who may read a tender. */
@Service
public class Tenders extends UseCase {

    private final TenderRepository tenders;
    private final TenderParticipation participation;
    private final TenderOutcomes outcomes;

    public Tenders(Changes changes, TenderRepository tenders, TenderParticipation participation,
                   TenderOutcomes outcomes, Clock clock) {
        super(changes, clock);
        this.tenders = tenders;
        this.participation = participation;
        this.outcomes = outcomes;
    }

    public Tender draft(TenderDtos.DraftTenderRequest r) {
        CurrentUser user = Jurisdiction.officerFor(r.divisionCode());
        if (DivisionCode.of(r.divisionCode()).level() == DivisionCode.Level.PROVINCE) {
            throw DomainException.invalidField("divisionCode", Phrase.coded("tender.division-level",
                    "tenders are run by a county or a city office"));
        }
        Tender t = Tender.draft(r.divisionCode(), r.year(), r.title().trim(), r.conditions().stream().map(String::trim).toList(),
                r.procedure() == null ? null : r.procedure().trim(), r.whereToApply().trim(), r.requiredMaterials(),
                r.majors().stream().map(TenderDtos.MajorSought::toMajor).toList(),
                r.criteria().stream().map(TenderDtos.CriterionDto::toCriterion).toList(),
                r.scale() == null ? 100 : r.scale(), r.passingScore(), r.applicationOpensAt(), r.applicationClosesAt(),
                user.subject(), clock);
        return store.insert(t);
    }

    public Tender publish(String id, String ifMatch) {
        return changes.change(Tender.class, id, ifMatch, t -> Jurisdiction.officerOver(t.getDivisionCode(), "tender " + id),
                (Tender t, CurrentUser user) -> t.publish(user.subject(), clock));
    }

    /** A tender the caller may read: officers covering its division, or a reviewer on its panel. */
    public Tender readable(String id) {
        Tender t = find(id);
        CurrentUser user = Jurisdiction.currentUser();
        if (!Jurisdiction.readsDivision(user, t.getDivisionCode()) && !isReviewer(user, id)) {
            throw DomainException.notFound("tender " + id);
        }
        return t;
    }

    /** True when the caller is an expert on the tender's panel. */
    public boolean isReviewer(CurrentUser user, String tenderId) {
        return user.has(Role.EXPERT_REVIEWER) && participation.isPanelMember(tenderId, user.subject());
    }

    public Tender find(String id) {
        return tenders.findById(id).orElseThrow(() -> DomainException.notFound("tender " + id));
    }

    public TenderOutcomes.TenderOutcome outcome(String tenderId) {
        return outcomes.outcome(tenderId);
    }

    public TenderStage stage(Tender t) {
        TenderOutcomes.TenderOutcome o = outcomes.outcome(t.getId());
        return t.stage(clock.instant(), o.noticed(), o.finalised());
    }

    public PageResult<Tender> list(String division, Integer year, TenderStatus status, Integer page, Integer size) {
        CurrentUser user = Jurisdiction.currentUser();
        Filters filters;
        if (user.hasAny(Jurisdiction.OFFICIALS)) {
            filters = Filters.within(Jurisdiction.scope("divisionCode"));
        } else if (user.has(Role.EXPERT_REVIEWER)) {
            filters = Filters.within(Criteria.where("_id").in(participation.tendersReviewedBy(user.subject())));
        } else {
            throw new org.springframework.security.access.AccessDeniedException("officers and reviewers only");
        }
        return filters.under(division).is("year", year).is("status", status).page(mongo, Tender.class, page, size,
                Sort.by(Sort.Direction.DESC, "year").and(Sort.by("divisionCode", "applicationClosesAt")));
    }

    public Tender publicGet(String id) {
        return tenders.findById(id).filter(t -> t.getStatus() == TenderStatus.PUBLISHED)
                .orElseThrow(() -> DomainException.notFound("tender " + id));
    }

    public PageResult<Tender> publicList(String division, Integer year, Integer page, Integer size) {
        return Filters.within(Criteria.where("status").is(TenderStatus.PUBLISHED)).under(division).is("year", year)
                .page(mongo, Tender.class, page, size, Sort.by(Sort.Direction.DESC, "applicationClosesAt"));
    }
}
