package cn.sunshine.accreditation.review;

import cn.sunshine.accreditation.base.Decision;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The expert panel (评审专家组) of one tender: at least three reviewers, each declaring on conflicts of interest. */
@Document("review_panels")
public class ReviewPanel extends AggregateRoot {

    public static final int MINIMUM_REVIEWERS = 3;

    @Indexed(unique = true)
    private String tenderId;
    private String divisionCode;
    private List<PanelMember> members;

    protected ReviewPanel() {
    }

    /** A reviewer to appoint: the subject of their account and their name. */
    public record Appointee(String reviewerId, String name) {
    }

    public static ReviewPanel appoint(String tenderId, String divisionCode, List<Appointee> appointees, String actor,
                                      Clock clock) {
        if (appointees.size() < MINIMUM_REVIEWERS) {
            throw new DomainException(422, "panel-too-small", "A panel has at least three reviewers",
                    "appoint at least " + MINIMUM_REVIEWERS + " reviewers; " + appointees.size() + " named",
                    List.of(DomainException.FieldError.coded("members", "review.members-minimum",
                            "at least " + MINIMUM_REVIEWERS + " reviewers", MINIMUM_REVIEWERS)));
        }
        ReviewPanel p = new ReviewPanel();
        p.id = Ids.newId();
        p.tenderId = tenderId;
        p.divisionCode = divisionCode;
        p.members = new ArrayList<>();
        p.add(appointees, actor, clock);
        return p;
    }

    /** Adds reviewers (e.g. to replace one who declared a conflict). */
    public void add(List<Appointee> appointees, String actor, Clock clock) {
        Set<String> present = new HashSet<>();
        members.forEach(m -> present.add(m.reviewerId()));
        List<PanelMember> next = new ArrayList<>(members);
        for (Appointee a : appointees) {
            if (!present.add(a.reviewerId())) {
                throw DomainException.invalidField("members", Phrase.coded("review.member-twice",
                        a.reviewerId() + " is already on the panel or named twice", a.reviewerId()));
            }
            next.add(new PanelMember(a.reviewerId(), a.name(), new Decision(actor, clock.instant(), null),
                    PanelMember.Status.APPOINTED, null));
        }
        members = next;
    }

    /**
     * Whether the reviewer has already made exactly this declaration: sending it again (a retry whose answer was
     * lost) is the same act, not a second declaration.
     */
    public boolean hasDeclared(String reviewerId, boolean noConflict, String statement) {
        return member(reviewerId).filter(m -> m.status() == (noConflict ? PanelMember.Status.DECLARED : PanelMember.Status.RECUSED)
                && m.declaration() != null && java.util.Objects.equals(m.declaration().reason(), statement)).isPresent();
    }

    /** The reviewer's own declaration: no conflict of interest (may score), or a conflict (recused). */
    public PanelMember declare(String reviewerId, boolean noConflict, String statement, Clock clock) {
        PanelMember m = member(reviewerId).orElseThrow(() -> DomainException.notFound("panel"));
        if (m.status() == PanelMember.Status.RECUSED || (noConflict && m.status() == PanelMember.Status.DECLARED)) {
            throw DomainException.invalidTransition("panel member", m.status(),
                    noConflict ? "declared free of conflicts" : "recused");
        }
        PanelMember changed = new PanelMember(m.reviewerId(), m.name(), m.appointment(),
                noConflict ? PanelMember.Status.DECLARED : PanelMember.Status.RECUSED,
                new Decision(reviewerId, clock.instant(), statement));
        members = members.stream().map(x -> x.reviewerId().equals(reviewerId) ? changed : x).toList();
        return changed;
    }

    public Optional<PanelMember> member(String reviewerId) {
        return members.stream().filter(m -> m.reviewerId().equals(reviewerId)).findFirst();
    }

    /** The members who declared no conflict: they score, and their sheets count. */
    public List<PanelMember> active() {
        return members.stream().filter(m -> m.status() == PanelMember.Status.DECLARED).toList();
    }

    public String getTenderId() {
        return tenderId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public List<PanelMember> getMembers() {
        return members;
    }
}
