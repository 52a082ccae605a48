package cn.sunshine.accreditation.review;

import cn.sunshine.accreditation.application.Application;
import cn.sunshine.accreditation.application.ApplicationStatus;
import cn.sunshine.accreditation.application.Applications;
import cn.sunshine.accreditation.tender.Tender;
import cn.sunshine.accreditation.tender.TenderStatus;
import cn.sunshine.accreditation.tender.Tenders;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/** Use cases of the expert review: appoint the panel, declare, score, rank. */
@Service
public class Reviews extends UseCase {

    private final ReviewPanelRepository panels;
    private final ScoreSheetRepository sheets;
    private final Tenders tenders;
    private final Applications applications;

    public Reviews(Changes changes, ReviewPanelRepository panels, ScoreSheetRepository sheets, Tenders tenders,
                   Applications applications, Clock clock) {
        super(changes, clock);
        this.panels = panels;
        this.sheets = sheets;
        this.tenders = tenders;
        this.applications = applications;
    }

    /** Appoints the panel, or adds members to it (e.g. a replacement for a recused reviewer). */
    public ReviewPanel appoint(String tenderId, List<ReviewPanel.Appointee> appointees) {
        Tender tender = tenders.find(tenderId);
        CurrentUser user = Jurisdiction.officerOver(tender.getDivisionCode(), "tender " + tenderId);
        if (tender.getStatus() != TenderStatus.PUBLISHED) {
            throw DomainException.rule("tender-not-open", "The tender is not published",
                    "appoint the panel of a published tender");
        }
        requireNotNoticed(tenderId);
        java.util.Optional<ReviewPanel> existing = panels.findByTenderId(tenderId);
        if (existing.isPresent() && store.madeByRunningRequest(ReviewPanel.class, existing.get().getId())) {
            return existing.get(); // this request's own, made by its try that died before its answer was recorded
        }
        return existing.map(p -> changes.change(ReviewPanel.class, p.getId(), null, panel -> user,
                (ReviewPanel panel, CurrentUser by) -> panel.add(appointees, by.subject(), clock))).orElseGet(() -> {
            try {
                return store.insert(ReviewPanel.appoint(tenderId, tender.getDivisionCode(), appointees,
                        user.subject(), clock));
            } catch (DuplicateKeyException e) {
                ReviewPanel earlier = panels.findByTenderId(tenderId).orElse(null);
                if (earlier != null && store.madeByRunningRequest(ReviewPanel.class, earlier.getId())) {
                    return earlier;
                }
                throw DomainException.conflict("duplicate", "The panel exists",
                        "the panel was appointed at the same time by someone else: reload it and add members");
            }
        });
    }

    public ReviewPanel panel(String tenderId) {
        tenders.readable(tenderId);
        return panels.findByTenderId(tenderId).orElseThrow(() -> DomainException.notFound("panel of tender " + tenderId));
    }

    /** A reviewer declares, for themself, that they have no conflict of interest with the applicants (or that they have one). */
    public ReviewPanel declare(String tenderId, boolean noConflict, String statement) {
        CurrentUser user = Jurisdiction.requireRole(Role.EXPERT_REVIEWER);
        ReviewPanel panel = panels.findByTenderId(tenderId).filter(p -> p.member(user.subject()).isPresent())
                .orElseThrow(() -> DomainException.notFound("tender " + tenderId));
        if (panel.hasDeclared(user.subject(), noConflict, statement.trim())) {
            return panel; // the same declaration sent again (found by the fault year: a retry after a lost answer)
        }
        panel.declare(user.subject(), noConflict, statement.trim(), clock);
        return store.update(panel);
    }

    /** A declared reviewer's score sheet for an application: final once submitted. */
    public ScoreSheet score(String applicationId, ReviewDtos.ScoreSheetRequest r) {
        CurrentUser user = Jurisdiction.requireRole(Role.EXPERT_REVIEWER);
        Application application = applications.find(applicationId);
        ReviewPanel panel = panels.findByTenderId(application.getTenderId())
                .filter(p -> p.member(user.subject()).filter(m -> m.status() != PanelMember.Status.RECUSED).isPresent())
                .orElseThrow(() -> DomainException.notFound("application " + applicationId));
        PanelMember member = panel.member(user.subject()).orElseThrow();
        if (member.status() != PanelMember.Status.DECLARED) {
            throw DomainException.rule("conflict-not-declared", "Declare on conflicts of interest first",
                    "declare that you have no conflict of interest in this tender before you score");
        }
        Tender tender = tenders.find(application.getTenderId());
        tender.requireClosed(clock.instant(), "score applications");
        requireNotNoticed(tender.getId());
        if (application.getStatus() != ApplicationStatus.SUBMITTED) {
            throw DomainException.invalidTransition("application", application.getStatus(), "scored");
        }
        ScoreSheet sheet = ScoreSheet.submit(tender, application, member,
                r.scores().stream().map(s -> new ScoreSheet.CriterionScore(s.criterionCode(), s.score())).toList(),
                new ScoreSheet.Inspection(r.inspection().visitedOn(), r.inspection().result(),
                        r.inspection().findings().trim()), r.comments() == null ? null : r.comments().trim(), clock);
        try {
            return store.insert(sheet);
        } catch (DuplicateKeyException e) {
            // The same sheet sent again (its answer lost to a dropped connection or a crash after it was stored)
            // answers the sheet submitted; another sheet is refused: a submitted sheet is final.
            ScoreSheet submitted = sheets.findByTenderId(tender.getId()).stream()
                    .filter(s -> s.getApplicationId().equals(applicationId) && s.getReviewerId().equals(user.subject()))
                    .findFirst().orElse(null);
            if (submitted != null && submitted.isSameSheetAs(sheet)) {
                return submitted;
            }
            throw new DomainException(409, "score-sheet-already-submitted", "Already scored",
                    "you have already submitted your score sheet for this application; a submitted sheet is final",
                    List.of(DomainException.FieldError.coded("applicationId", "review.already-scored", "already scored by you")));
        }
    }

    /** The ranking as it stands, for officers covering the tender and its panel. */
    public Ranking ranking(String tenderId) {
        Tender tender = tenders.readable(tenderId);
        return compute(tender);
    }

    /** The ranking without an access check, for the notice feature (which checked already). */
    public Ranking compute(Tender tender) {
        return Ranking.compute(tender, panels.findByTenderId(tender.getId()).orElse(null),
                applications.ofTender(tender.getId()), sheets.findByTenderId(tender.getId()));
    }

    private void requireNotNoticed(String tenderId) {
        if (tenders.outcome(tenderId).noticed()) {
            throw DomainException.conflict("result-noticed", "The result is already noticed",
                    "the ranking is frozen in the public notice");
        }
    }
}
