package cn.sunshine.accreditation.reaccreditation;

import cn.sunshine.accreditation.agreement.AgreementRepository;
import cn.sunshine.accreditation.agreement.AgreementVersion;
import cn.sunshine.accreditation.base.Base;
import cn.sunshine.accreditation.base.BaseRepository;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/**
 * Use cases of the annual review. The decision changes the base first — recording the review's id
 * in the same write, so it is applied once — then marks the review decided; a decision repeated
 * after a failure in between completes it.
 */
@Service
public class AnnualReviews extends UseCase {

    private final AnnualReviewRepository reviews;
    private final BaseRepository bases;
    private final AgreementRepository agreements;

    public AnnualReviews(Changes changes, AnnualReviewRepository reviews, BaseRepository bases,
                         AgreementRepository agreements, Clock clock) {
        super(changes, clock);
        this.reviews = reviews;
        this.bases = bases;
        this.agreements = agreements;
    }

    public AnnualReview open(String baseId, AnnualReviewDtos.OpenRequest r) {
        Base base = bases.findById(baseId).orElseThrow(() -> DomainException.notFound("base " + baseId));
        CurrentUser user = Jurisdiction.officerOver(base.getDivisionCode(), "base " + baseId);
        AnnualReviewDtos.FactsDto f = r.facts();
        Integer committed = f.committedPlacementRateBp();
        if (committed == null) {
            committed = agreements.findByBaseIdAndYear(baseId, r.year())
                    .flatMap(a -> a.effective().map(AgreementVersion::committedPlacementRateBp))
                    .orElseThrow(() -> DomainException.invalidField("facts.committedPlacementRateBp",
                            Phrase.coded("annual-review.no-agreement",
                            "there is no effective agreement for " + r.year() + " to take it from: enter it", r.year())));
        }
        BasePerformance p = mongo.findById(BasePerformance.idOf(baseId, r.year()), BasePerformance.class);
        int committedBp = committed;
        AnnualReview.Recorded recorded = p == null ? null : new AnnualReview.Recorded(p.getEnrolled(), p.getCompleted(),
                p.getPlaced(), p.getSpotChecksCalled(), p.getSpotChecksConfirmed(), p.getFindings(), p.getDisproved(),
                p.placementRateBp(), p.placementRateBp() == null ? null : p.placementRateBp() >= committedBp,
                p.getConfirmationsAsked(), p.getConfirmationsDenied(), p.confirmationRateBp());
        AnnualReview review = AnnualReview.open(baseId, base.getName(), base.getDivisionCode(), r.year(),
                new AnnualReview.Facts(f.enrolled(), f.completed(), f.placed(), committed, f.spotChecksCalled(),
                        f.spotChecksConfirmed(), f.findings() == null ? List.of() : List.copyOf(f.findings())),
                recorded, user.subject(), clock);
        try {
            return store.insert(review);
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("duplicate", "Already reviewed",
                    "the base has a review for " + r.year() + " already");
        }
    }

    public AnnualReview decide(String id, String ifMatch, AnnualReviewDtos.ReviewDecisionRequest r) {
        AnnualReview review = find(id);
        CurrentUser user = Jurisdiction.officerOver(review.getDivisionCode(), "annual review " + id);
        ETags.requireMatch(ifMatch, review.getVersion(), "annual review " + id);
        List<String> conditions = r.conditions() == null ? List.of() : r.conditions().stream().map(String::trim).toList();
        String reasons = r.reasons().trim();
        review.check(r.outcome(), conditions);
        Base base = bases.findById(review.getBaseId()).orElseThrow();
        if (!base.appliedReview(id)) {
            if (r.outcome() == AnnualReview.Outcome.REVOKE) {
                base.revokeByReview(id, "年度再认定：" + reasons, user.subject(), clock);
            } else {
                base.renew(id, review.getYear(), r.outcome().name(), conditions, reasons, ProgramCalendar.today(clock),
                        user.subject(), clock);
            }
            store.update(base);
        }
        review.decide(r.outcome(), conditions, reasons, user.subject(), clock);
        return store.update(review);
    }

    public AnnualReview get(String id) {
        AnnualReview r = find(id);
        Jurisdiction.requireOfficerOrOwnBase(r.getDivisionCode(), r.getBaseId(), "annual review " + id);
        return r;
    }

    public List<AnnualReview> ofBase(String baseId) {
        Base base = bases.findById(baseId).orElseThrow(() -> DomainException.notFound("base " + baseId));
        Jurisdiction.requireOfficerOrOwnBase(base.getDivisionCode(), baseId, "base " + baseId);
        return reviews.findByBaseIdOrderByYearDesc(baseId);
    }

    public BasePerformance performance(String baseId, int year) {
        Base base = bases.findById(baseId).orElseThrow(() -> DomainException.notFound("base " + baseId));
        Jurisdiction.requireOfficerOrOwnBase(base.getDivisionCode(), baseId, "base " + baseId);
        BasePerformance p = mongo.findById(BasePerformance.idOf(baseId, year), BasePerformance.class);
        return p != null ? p : BasePerformance.start(baseId, base.getDivisionCode(), year);
    }

    private AnnualReview find(String id) {
        return reviews.findById(id).orElseThrow(() -> DomainException.notFound("annual review " + id));
    }
}
