package cn.sunshine.accreditation.notice;

import cn.sunshine.accreditation.application.Application;
import cn.sunshine.accreditation.application.Applications;
import cn.sunshine.accreditation.base.Base;
import cn.sunshine.accreditation.base.BaseRepository;
import cn.sunshine.accreditation.base.BaseStatus;
import cn.sunshine.accreditation.base.Origin;
import cn.sunshine.accreditation.review.Ranking;
import cn.sunshine.accreditation.review.Reviews;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.accreditation.support.Retry;
import cn.sunshine.accreditation.tender.Tender;
import cn.sunshine.accreditation.tender.Tenders;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Use cases of the public notice: publish the proposal, take and decide objections, finalise into bases. */
@Service
public class Notices extends UseCase {

    private final PublicNoticeRepository notices;
    private final BaseRepository bases;
    private final Tenders tenders;
    private final Applications applications;
    private final Reviews reviews;

    public Notices(Changes changes, PublicNoticeRepository notices, BaseRepository bases, Tenders tenders,
                   Applications applications, Reviews reviews, Clock clock) {
        super(changes, clock);
        this.notices = notices;
        this.bases = bases;
        this.tenders = tenders;
        this.applications = applications;
        this.reviews = reviews;
    }

    public PublicNotice publish(String tenderId, int basesToAccredit, Integer days) {
        Tender tender = tenders.find(tenderId);
        CurrentUser user = Jurisdiction.officerOver(tender.getDivisionCode(), "tender " + tenderId);
        tender.requireClosed(clock.instant(), "notice the result");
        Ranking ranking = reviews.compute(tender);
        Map<String, Application> byId = new HashMap<>();
        applications.ofTender(tenderId).forEach(a -> byId.put(a.getId(), a));
        PublicNotice notice = PublicNotice.publish(tender, ranking, byId, basesToAccredit,
                days == null ? PublicNotice.DEFAULT_DAYS : days, user.subject(), clock);
        try {
            return store.insert(notice);
        } catch (DuplicateKeyException e) {
            PublicNotice earlier = notices.findByTenderId(tenderId).orElse(null);
            if (earlier != null && store.madeByRunningRequest(PublicNotice.class, earlier.getId())) {
                return earlier; // this request's own, made by its try that died before its answer was recorded
            }
            throw DomainException.conflict("result-noticed", "The result is already noticed",
                    "this tender's result has been publicly noticed already");
        }
    }

    public PublicNotice get(String id) {
        PublicNotice n = find(id);
        if (!Jurisdiction.readsDivision(cn.sunshine.platform.security.Jurisdiction.currentUser(), n.getDivisionCode())) {
            throw DomainException.notFound("notice " + id);
        }
        return n;
    }

    public PublicNotice publicGet(String id) {
        return find(id);
    }

    public PageResult<PublicNotice> publicList(String division, Integer page, Integer size) {
        Criteria c = division == null ? new Criteria()
                : Criteria.where("divisionCode").regex("^" + DivisionCode.of(division).prefix());
        return PageResult.find(mongo, Query.query(c), PublicNotice.class, page, size,
                Sort.by(Sort.Direction.DESC, "startsAt"));
    }

    /**
     * A confirmed objection (anyone, without a token, during the period) joins the notice. Concurrent
     * filings serialise on the notice's version; the same objection id twice is filed once.
     */
    public Filed object(String noticeId, String objectionId, Objection.ObjectorContact contact, String applicationId,
                        String statement, int maxPerPhone, int maxObjectors) {
        return Retry.onStaleVersion(() -> {
            PublicNotice n = find(noticeId);
            if (n.objection(objectionId).isPresent()) {
                return new Filed(n, n.objection(objectionId).get());
            }
            Objection o = n.object(objectionId, contact, applicationId, statement, maxPerPhone, maxObjectors, clock);
            return new Filed(store.update(n), o);
        });
    }

    public record Filed(PublicNotice notice, Objection objection) {
    }

    public PublicNotice decide(String noticeId, String objectionId, String ifMatch, NoticeDtos.ObjectionDecisionRequest r) {
        return changes.change(PublicNotice.class, noticeId, ifMatch,
                n -> Jurisdiction.officerOver(n.getDivisionCode(), "notice " + noticeId),
                (PublicNotice n, CurrentUser user) -> n.decide(objectionId, r.outcome(),
                        r.consequence() == null ? null : r.consequence().toConsequence(), r.reasons().trim(),
                        user.subject(), clock));
    }

    /**
     * Finalises the notice and accredits its proposal. The notice is marked first (fixing each
     * base's id), then each base is accredited in its own idempotent step; calling this again on a
     * finalised notice completes whatever step was left undone.
     */
    public PublicNotice finalise(String noticeId, String ifMatch) {
        PublicNotice n = find(noticeId);
        CurrentUser user = Jurisdiction.officerOver(n.getDivisionCode(), "notice " + noticeId);
        if (n.getStatus() == NoticeStatus.OPEN) {
            ETags.requireMatch(ifMatch, n.getVersion(), "notice " + noticeId);
            n.finalise(this::baseIdFor, user.subject(), clock);
            n = store.update(n);
        }
        LocalDate from = ProgramCalendar.dateOf(n.getFinalisation().at());
        for (NoticeEntry e : n.accredited()) {
            accredit(n, e, from, from.plusYears(1).minusDays(1), n.getFinalisation().by());
        }
        return n;
    }

    /** A returning institution keeps its base; a new one gets an id derived from notice and application. */
    private String baseIdFor(NoticeEntry e) {
        return bases.findByCreditCodeAndDivisionCode(e.creditCode(), e.institutionDivision()).map(b -> {
            if (b.getStatus() == BaseStatus.REVOKED) {
                throw DomainException.rule("institution-revoked", "An institution's base was revoked",
                        e.institutionName() + "'s base was revoked since it applied; decide the notice's proposal "
                                + "without it (an objection) or run a new tender");
            }
            return b.getId();
        }).orElseGet(() -> UUID.nameUUIDFromBytes(("base:" + e.applicationId()).getBytes(StandardCharsets.UTF_8)).toString());
    }

    private void accredit(PublicNotice n, NoticeEntry e, LocalDate from, LocalDate until, String actor) {
        Origin origin = Origin.tender(n.getTenderId(), n.getId(), e.applicationId());
        Retry.onStaleVersion(() -> {
            Base existing = bases.findById(e.baseId()).orElse(null);
            if (existing == null) {
                try {
                    store.insert(Base.accredit(e.baseId(), e.institutionName(), e.creditCode(), e.institutionDivision(),
                            e.address(), e.majors(), from, until, origin, actor, clock));
                    return true;
                } catch (DuplicateKeyException race) {
                    // inserted by a concurrent finalisation: the re-read sees it
                    throw DomainException.staleVersion("base " + e.baseId());
                }
            }
            if (existing.accreditAgain(e.majors(), from, until, origin, actor, clock)) {
                store.update(existing);
            }
            return true;
        });
    }

    public List<Base> basesOf(PublicNotice n) {
        List<Base> out = new ArrayList<>();
        n.accredited().forEach(e -> bases.findById(e.baseId()).ifPresent(out::add));
        return out;
    }

    private PublicNotice find(String id) {
        return notices.findById(id).orElseThrow(() -> DomainException.notFound("notice " + id));
    }
}
