package cn.sunshine.accreditation.complaint;

import cn.sunshine.accreditation.support.CodeConfirmations;
import cn.sunshine.platform.sms.OneTimeCodes;
import cn.sunshine.platform.sms.SmsSender;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;

/**
 * The public web form of complaints, without login, as objections to a public notice: a complaint with a phone
 * counts once confirmed by the one-time code sent to it through the same SMS gateway ({@link SmsSender}); an
 * anonymous one (no complainant) is received at once. A client address sends at most {@code maxPerCaller} web
 * complaints in {@code callerWindow}, a phone has at most {@code maxPendingPerPhone} awaiting their code; over a
 * limit the caller gets 429 {@code complaint-limit}.
 */
@Service
public class PublicComplaints extends UseCase {

    private final Complaints complaints;
    private final SmsSender sms;
    private final ComplaintProperties properties;
    private final CodeConfirmations<PendingComplaint> confirmations;

    public PublicComplaints(Changes changes, Complaints complaints, SmsSender sms, ComplaintProperties properties,
                            Clock clock) {
        super(changes, clock);
        this.complaints = complaints;
        this.sms = sms;
        this.properties = properties;
        this.confirmations = new CodeConfirmations<>(mongo, PendingComplaint.class, PendingComplaint.Status.PENDING,
                PublicComplaints::voided, "complaint", "send it again");
    }

    /** Files a web complaint: received at once when anonymous, else awaiting the code sent to its phone. */
    public ComplaintDtos.PublicFiling file(ComplaintDtos.ComplaintRequest r, String callerKey) {
        complaints.check(r);
        Instant now = clock.instant();
        long byCaller = mongo.count(Query.query(Criteria.where("callerKey").is(callerKey)
                .and("at").gt(now.minus(properties.callerWindow()))), ComplaintSubmission.class);
        if (byCaller >= properties.maxPerCaller()) {
            throw limit("too many complaints from your connection; try again in "
                    + properties.callerWindow().toMinutes() + " minutes, or call the county's hotline");
        }
        if (r.complainant() == null) {
            record(callerKey, now);
            return ComplaintDtos.PublicFiling.received(complaints.receive(null, r, Complaint.Channel.WEB, null));
        }
        String phoneKey = phoneKey(r.complainant().phone());
        long byPhone = mongo.count(Query.query(Criteria.where("phoneKey").is(phoneKey)
                .and("status").is(PendingComplaint.Status.PENDING).and("expiresAt").gt(now)), PendingComplaint.class);
        if (byPhone >= properties.maxPendingPerPhone()) {
            throw limit("this phone already has " + byPhone + " complaints awaiting their code; confirm one with the "
                    + "code sent, or wait " + properties.codeTtl().toMinutes() + " minutes");
        }
        record(callerKey, now);
        String id = Ids.newId();
        String code = OneTimeCodes.newCode();
        Instant expires = now.plus(properties.codeTtl());
        mongo.insert(new PendingComplaint(id, phoneKey, callerKey, r, OneTimeCodes.hash(id, code), 0, now, expires,
                PendingComplaint.Status.PENDING, null));
        sms.send(r.complainant().phone(), "【阳光工程】您的监督举报确认码为 " + code + "，"
                + properties.codeTtl().toMinutes() + " 分钟内有效。如非本人操作请忽略。");
        return ComplaintDtos.PublicFiling.awaiting(id, r.complainant().phone(), expires,
                properties.echoCode() ? code : null);
    }

    /**
     * Confirms a web complaint with its code: it is received (its id fixed once, so a repeated or concurrent
     * confirmation answers the same complaint). A wrong code counts an attempt; after {@code maxAttempts} it is void.
     */
    public ComplaintDtos.PublicFiling confirm(String confirmationId, String code) {
        Instant now = clock.instant();
        PendingComplaint p = mongo.findById(confirmationId, PendingComplaint.class);
        if (p == null || p.status() == PendingComplaint.Status.VOID
                || (p.status() == PendingComplaint.Status.PENDING && !p.expiresAt().isAfter(now))) {
            throw confirmations.notFound(confirmationId);
        }
        if (p.status() == PendingComplaint.Status.CONFIRMED) {
            Complaint c = mongo.findById(p.complaintId(), Complaint.class);
            if (c == null) {
                throw DomainException.notFound("complaint " + p.complaintId());
            }
            return ComplaintDtos.PublicFiling.received(c);
        }
        if (!OneTimeCodes.matches(p.id(), code, p.codeHash())) {
            throw confirmations.wrongCode(p, properties.maxAttempts(), p.request().complainant().phone(),
                    "complaint.code-wrong");
        }
        String complaintId = confirmations.fixedId(p, "complaintId", PendingComplaint::complaintId);
        Complaint c = complaints.receive(complaintId, p.request(), Complaint.Channel.WEB, null);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(p.id())), new Update()
                .set("status", PendingComplaint.Status.CONFIRMED).unset("request").unset("codeHash"),
                PendingComplaint.class);
        return ComplaintDtos.PublicFiling.received(c);
    }

    private void record(String callerKey, Instant now) {
        mongo.insert(new ComplaintSubmission(Ids.newId(), callerKey, now, now.plus(properties.callerWindow())));
    }

    private static Update voided() {
        return new Update().set("status", PendingComplaint.Status.VOID).unset("request").unset("codeHash");
    }

    private static String phoneKey(String phone) {
        return phone.replaceAll("\\D", "");
    }

    private static DomainException limit(String detail) {
        return new DomainException(429, "complaint-limit", "Too many complaints", detail);
    }

}
