package cn.sunshine.accreditation.notice;

import cn.sunshine.accreditation.support.CodeConfirmations;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.identifiers.PersonalData;
import cn.sunshine.platform.sms.OneTimeCodes;
import cn.sunshine.platform.sms.SmsSender;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;

/**
 * The phone confirmation of objections. Filing stores an unconfirmed objection and sends a one-time
 * code (6 digits) to the phone given; only the code confirms it into the notice. Limits, per notice:
 * a phone has at most {@code maxPendingPerPhone} unconfirmed objections (so at most that many SMS at
 * a time), a client address at most {@code maxPendingPerCaller}, and a phone at most
 * {@code maxPerPhone} confirmed ones; over a limit the caller gets 429 {@code objection-limit}.
 * Unconfirmed objections expire after {@code codeTtl} and never count towards the notice's cap,
 * which counts distinct confirmed phones: a flood from one caller cannot shut out anyone else.
 */
@Service
@EnableConfigurationProperties(ObjectionProperties.class)
public class ObjectionConfirmations extends UseCase {

    private final Notices notices;
    private final SmsSender sms;
    private final ObjectionProperties properties;
    private final CodeConfirmations<PendingObjection> confirmations;

    public ObjectionConfirmations(Changes changes, Notices notices, SmsSender sms, ObjectionProperties properties,
                                  Clock clock) {
        super(changes, clock);
        this.notices = notices;
        this.sms = sms;
        this.properties = properties;
        this.confirmations = new CodeConfirmations<>(mongo, PendingObjection.class, PendingObjection.Status.PENDING,
                ObjectionConfirmations::voided, "objection", "file it again");
    }

    /** What the filer is told: where to confirm, until when, the phone masked (and the code, only when simulated). */
    public record Pending(String confirmationId, String noticeId, String phone, Instant expiresAt, String simulatedCode) {
    }

    /** Files an unconfirmed objection and sends its code; nothing counts until it is confirmed. */
    public Pending file(String noticeId, NoticeDtos.ObjectionRequest r, String callerKey) {
        PublicNotice notice = notices.publicGet(noticeId);
        Instant now = clock.instant();
        // the notice's own rules first (period, application), so no SMS is sent for a refused objection
        notice.checkObjection(r.applicationId() == null || r.applicationId().isBlank() ? null : r.applicationId(),
                PublicNotice.phoneKey(r.phone()), properties.maxPerPhone(), properties.maxObjectors(), clock);
        String phoneKey = PublicNotice.phoneKey(r.phone());
        Criteria open = Criteria.where("noticeId").is(noticeId).and("status").is(PendingObjection.Status.PENDING)
                .and("expiresAt").gt(now);
        long byPhone = mongo.count(Query.query(Criteria.where("phoneKey").is(phoneKey)).addCriteria(open),
                PendingObjection.class);
        if (byPhone >= properties.maxPendingPerPhone()) {
            throw limit("this phone already has " + byPhone + " objections to this notice awaiting their code; "
                    + "confirm one with the code sent, or wait " + properties.codeTtl().toMinutes() + " minutes");
        }
        long byCaller = mongo.count(Query.query(Criteria.where("callerKey").is(callerKey)).addCriteria(open),
                PendingObjection.class);
        if (byCaller >= properties.maxPendingPerCaller()) {
            throw limit("too many unconfirmed objections to this notice from your connection; confirm them with "
                    + "their codes, or wait " + properties.codeTtl().toMinutes() + " minutes");
        }
        String id = Ids.newId();
        String code = OneTimeCodes.newCode();
        Instant expires = now.plus(properties.codeTtl());
        mongo.insert(new PendingObjection(id, noticeId, phoneKey, callerKey, r.name().trim(), r.phone(), r.email(),
                r.applicationId() == null || r.applicationId().isBlank() ? null : r.applicationId(), r.statement().trim(),
                OneTimeCodes.hash(id, code), 0, now, expires, PendingObjection.Status.PENDING, null));
        sms.send(r.phone(), "【阳光工程】您对公示的异议确认码为 " + code + "，" + properties.codeTtl().toMinutes()
                + " 分钟内有效。如非本人操作请忽略。");
        return new Pending(id, noticeId, PersonalData.maskPhone(r.phone()), expires, properties.echoCode() ? code : null);
    }

    /**
     * Confirms an unconfirmed objection with its code: it becomes an objection of the notice (counted,
     * decided by an officer). A wrong code counts an attempt; after {@code maxAttempts} the objection is
     * void. Confirming again answers the same objection.
     */
    public Notices.Filed confirm(String noticeId, String confirmationId, String code) {
        Instant now = clock.instant();
        PendingObjection p = mongo.findById(confirmationId, PendingObjection.class);
        if (p == null || !p.noticeId().equals(noticeId) || p.status() == PendingObjection.Status.VOID
                || (p.status() == PendingObjection.Status.PENDING && !p.expiresAt().isAfter(now))) {
            throw confirmations.notFound(confirmationId);
        }
        if (p.status() == PendingObjection.Status.CONFIRMED) {
            PublicNotice n = notices.publicGet(noticeId);
            return new Notices.Filed(n, n.objection(p.objectionId()).orElseThrow(
                    () -> DomainException.notFound("objection " + p.objectionId())));
        }
        if (!OneTimeCodes.matches(p.id(), code, p.codeHash())) {
            throw confirmations.wrongCode(p, properties.maxAttempts(), p.phone(), "notice.code-wrong");
        }
        // Fix the objection's id once (a repeated or concurrent confirmation files the same objection).
        String objectionId = confirmations.fixedId(p, "objectionId", PendingObjection::objectionId);
        Notices.Filed filed;
        try {
            filed = notices.object(noticeId, objectionId, new Objection.ObjectorContact(p.name(), p.phone(), p.email()),
                    p.applicationId(), p.statement(), properties.maxPerPhone(), properties.maxObjectors());
        } catch (RuntimeException refused) {
            confirmations.voidRequest(p);
            throw refused;
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(p.id())), new Update()
                .set("status", PendingObjection.Status.CONFIRMED).unset("name").unset("phone").unset("email")
                .unset("statement").unset("codeHash"), PendingObjection.class);
        return filed;
    }

    private static Update voided() {
        return new Update().set("status", PendingObjection.Status.VOID).unset("name").unset("phone").unset("email")
                .unset("statement").unset("codeHash");
    }

    private static DomainException limit(String detail) {
        return new DomainException(429, "objection-limit", "Too many objections awaiting confirmation", detail);
    }

}
