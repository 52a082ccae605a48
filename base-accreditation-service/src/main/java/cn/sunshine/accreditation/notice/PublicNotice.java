package cn.sunshine.accreditation.notice;

import cn.sunshine.accreditation.application.Application;
import cn.sunshine.accreditation.base.Decision;
import cn.sunshine.accreditation.base.Major;
import cn.sunshine.accreditation.review.RankedApplication;
import cn.sunshine.accreditation.review.Ranking;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.accreditation.tender.Tender;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The public notice (公示) of a tender's proposed result: the proposal and the frozen ranking, the
 * period in which anyone may object, the objections and their decisions, and the finalisation.
 */
@Document("public_notices")
public class PublicNotice extends AggregateRoot {

    public static final int DEFAULT_DAYS = 7;

    @Indexed(unique = true)
    private String tenderId;
    @Indexed
    private String divisionCode;
    private int year;
    private String title;
    private int basesRequested;
    private int scale;
    private int passingScore;
    private List<String> reviewers;
    private int days;
    private LocalDate firstDay;
    private LocalDate lastDay;
    private Instant startsAt;
    private Instant endsAt;
    private List<NoticeEntry> entries;
    private List<RankedApplication> ranking;
    private List<Objection> objections;
    private NoticeStatus status;
    private Decision publication;
    private Decision finalisation;

    protected PublicNotice() {
    }

    /**
     * Publishes the proposed result: the top {@code basesToAccredit} eligible applications of a
     * complete ranking, for {@code days} calendar days (Asia/Shanghai) counted from today.
     */
    public static PublicNotice publish(Tender tender, Ranking ranking, Map<String, Application> applications,
                                       int basesToAccredit, int days, String actor, Clock clock) {
        if (!ranking.complete()) {
            throw new DomainException(422, "ranking-incomplete", "The ranking is not complete",
                    "the result can be noticed once the ranking is complete: " + String.join("; ", ranking.missing()));
        }
        List<RankedApplication> eligible = ranking.entries().stream().filter(RankedApplication::eligible).toList();
        if (eligible.isEmpty()) {
            throw DomainException.rule("no-eligible-application", "No application is eligible",
                    "no application passed the inspection and reached the passing score");
        }
        List<NoticeEntry> proposed = new ArrayList<>();
        for (RankedApplication r : eligible.subList(0, Math.min(basesToAccredit, eligible.size()))) {
            Application a = applications.get(r.applicationId());
            proposed.add(new NoticeEntry(a.getId(), r.rank(), a.getInstitution().legalName(),
                    a.getInstitution().creditCode(), a.getInstitution().divisionCode(), a.getInstitution().address(),
                    a.getMajors().stream().map(m -> new Major(m.majorCode(), m.majorName(), m.annualCapacity(),
                            m.feeStandardFen())).toList(), NoticeEntry.Status.PROPOSED, List.of(), List.of(), null));
        }
        Instant now = clock.instant();
        PublicNotice n = new PublicNotice();
        n.id = Ids.newId();
        n.tenderId = tender.getId();
        n.divisionCode = tender.getDivisionCode();
        n.year = tender.getYear();
        n.title = tender.getTitle();
        n.basesRequested = basesToAccredit;
        n.scale = ranking.scale();
        n.passingScore = ranking.passingScore();
        n.reviewers = ranking.reviewers();
        n.days = days;
        n.firstDay = ProgramCalendar.dateOf(now);
        n.lastDay = n.firstDay.plusDays(days - 1L);
        n.startsAt = now;
        n.endsAt = ProgramCalendar.startOf(n.lastDay.plusDays(1));
        n.entries = List.copyOf(proposed);
        n.ranking = ranking.entries();
        n.objections = List.of();
        n.status = NoticeStatus.OPEN;
        n.publication = new Decision(actor, now, null);
        return n;
    }

    /** A phone as a key: its digits ({@code 0712-5221234} and {@code 07125221234} are one phone). */
    public static String phoneKey(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }

    /**
     * Whether an objection from this phone would be taken: during the period, naming an application
     * of this notice, fewer than {@code maxPerPhone} objections from the phone already, and within the
     * cap — which counts distinct phones ({@code maxObjectors}) for a phone not heard yet, so a flood
     * of objections from a few phones never shuts out another objector; a phone already heard adds
     * objections only while the notice holds fewer than {@code maxObjectors} in all.
     */
    public void checkObjection(String applicationId, String phoneKey, int maxPerPhone, int maxObjectors, Clock clock) {
        Instant now = clock.instant();
        if (status != NoticeStatus.OPEN || !now.isBefore(endsAt)) {
            throw new DomainException(422, "notice-period-over", "The notice period is over",
                    "objections were accepted until " + lastDay + " (Asia/Shanghai)");
        }
        if (applicationId != null && ranking.stream().noneMatch(r -> r.applicationId().equals(applicationId))) {
            throw DomainException.invalidField("applicationId", Phrase.coded("notice.application-not-in-notice",
                    "is not an application of this notice"));
        }
        long fromPhone = objections.stream().filter(o -> phoneKey(o.contact().phone()).equals(phoneKey)).count();
        if (fromPhone >= maxPerPhone) {
            throw new DomainException(429, "objection-limit", "Too many objections from this phone",
                    "this phone has filed " + fromPhone + " objections to this notice, the most one phone may; "
                            + "the office decides each of them and will reply");
        }
        boolean full = fromPhone == 0
                ? objections.stream().map(o -> phoneKey(o.contact().phone())).distinct().count() >= maxObjectors
                : objections.size() >= maxObjectors;
        if (full) {
            throw DomainException.rule("too-many-objections", "Too many objections",
                    "this notice has reached its limit of objections; contact the office directly");
        }
    }

    /**
     * A confirmed objection joins the notice while the period runs (see {@link #checkObjection});
     * filing the same objection id again returns it unchanged.
     */
    public Objection object(String objectionId, Objection.ObjectorContact contact, String applicationId,
                            String statement, int maxPerPhone, int maxObjectors, Clock clock) {
        Optional<Objection> already = objection(objectionId);
        if (already.isPresent()) {
            return already.get();
        }
        checkObjection(applicationId, phoneKey(contact.phone()), maxPerPhone, maxObjectors, clock);
        Objection o = new Objection(objectionId, clock.instant(), contact, applicationId, statement, null);
        List<Objection> all = new ArrayList<>(objections);
        all.add(o);
        objections = all;
        return o;
    }

    /** An officer decides an objection, once, with reasons; an upheld one changes the proposal by its consequence. */
    public Objection decide(String objectionId, Objection.Outcome outcome, Objection.Consequence consequence,
                            String reasons, String actor, Clock clock) {
        if (status != NoticeStatus.OPEN) {
            throw DomainException.invalidTransition("notice", status, "changed by an objection");
        }
        Objection o = objection(objectionId).orElseThrow(() -> DomainException.notFound("objection " + objectionId));
        if (o.decided()) {
            throw DomainException.invalidTransition("objection", o.ruling().outcome(), "decided again");
        }
        if (outcome == Objection.Outcome.UPHELD) {
            if (consequence == null) {
                throw DomainException.invalidField("consequence", Phrase.coded("notice.consequence-required",
                        "an upheld objection states its consequence"));
            }
            applyConsequence(objectionId, consequence);
        } else if (consequence != null) {
            throw DomainException.invalidField("consequence", Phrase.coded("notice.consequence-not-allowed",
                    "a dismissed objection has no consequence"));
        }
        Objection decided = o.decided(new Objection.Ruling(outcome, consequence, new Decision(actor, clock.instant(), reasons)));
        objections = objections.stream().map(x -> x.id().equals(objectionId) ? decided : x).toList();
        return decided;
    }

    private void applyConsequence(String objectionId, Objection.Consequence c) {
        NoticeEntry entry = entries.stream().filter(e -> e.applicationId().equals(c.applicationId())
                        && e.status() == NoticeEntry.Status.PROPOSED).findFirst()
                .orElseThrow(() -> DomainException.invalidField("consequence.applicationId",
                        Phrase.coded("notice.application-not-proposed",
                        "is not an application still proposed in this notice")));
        NoticeEntry changed;
        if (c.type() == Objection.ConsequenceType.EXCLUDE_APPLICATION) {
            changed = entry.with(entry.majors(), NoticeEntry.Status.EXCLUDED, objectionId, List.of());
        } else {
            List<String> codes = c.majorCodes() == null ? List.of() : c.majorCodes();
            if (codes.isEmpty()) {
                throw DomainException.invalidField("consequence.majorCodes", Phrase.coded("notice.majors-required",
                        "name the majors to remove"));
            }
            for (String code : codes) {
                if (entry.majors().stream().noneMatch(m -> m.majorCode().equals(code))) {
                    throw DomainException.invalidField("consequence.majorCodes", Phrase.coded("notice.major-not-proposed",
                            code + " is not proposed for this application", code));
                }
            }
            List<Major> remaining = entry.majors().stream().filter(m -> !codes.contains(m.majorCode())).toList();
            changed = remaining.isEmpty()
                    ? entry.with(entry.majors(), NoticeEntry.Status.EXCLUDED, objectionId, codes)
                    : entry.with(remaining, NoticeEntry.Status.PROPOSED, objectionId, codes);
        }
        entries = entries.stream().map(e -> e == entry ? changed : e).toList();
    }

    /**
     * Finalises the notice after its period with every objection decided; {@code baseIdFor} gives
     * the id each proposed entry's base will have.
     */
    public void finalise(Function<NoticeEntry, String> baseIdFor, String actor, Clock clock) {
        if (status != NoticeStatus.OPEN) {
            throw DomainException.invalidTransition("notice", status, "finalised");
        }
        Instant now = clock.instant();
        if (now.isBefore(endsAt)) {
            throw DomainException.rule("notice-period-running", "The notice period is still running",
                    "the period ends at the end of " + lastDay + " (Asia/Shanghai); finalise after it");
        }
        long undecided = objections.stream().filter(o -> !o.decided()).count();
        if (undecided > 0) {
            throw DomainException.rule("objections-undecided", "Objections are undecided",
                    undecided + " objection(s) must be decided, with reasons, before the result is final");
        }
        entries = entries.stream().map(e -> e.status() == NoticeEntry.Status.PROPOSED ? e.withBase(baseIdFor.apply(e)) : e)
                .toList();
        status = NoticeStatus.FINALISED;
        finalisation = new Decision(actor, now, null);
    }

    public List<NoticeEntry> accredited() {
        return entries.stream().filter(e -> e.status() == NoticeEntry.Status.PROPOSED).toList();
    }

    public Optional<Objection> objection(String id) {
        return objections.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public boolean isOpenAt(Instant now) {
        return status == NoticeStatus.OPEN && !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public String getTenderId() {
        return tenderId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public String getTitle() {
        return title;
    }

    public int getBasesRequested() {
        return basesRequested;
    }

    public int getScale() {
        return scale;
    }

    public int getPassingScore() {
        return passingScore;
    }

    public List<String> getReviewers() {
        return reviewers;
    }

    public int getDays() {
        return days;
    }

    public LocalDate getFirstDay() {
        return firstDay;
    }

    public LocalDate getLastDay() {
        return lastDay;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    public List<NoticeEntry> getEntries() {
        return entries;
    }

    public List<RankedApplication> getRanking() {
        return ranking;
    }

    public List<Objection> getObjections() {
        return objections;
    }

    public NoticeStatus getStatus() {
        return status;
    }

    public Decision getPublication() {
        return publication;
    }

    public Decision getFinalisation() {
        return finalisation;
    }
}
