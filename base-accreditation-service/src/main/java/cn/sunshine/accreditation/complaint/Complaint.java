package cn.sunshine.accreditation.complaint;

import cn.sunshine.accreditation.base.Decision;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.ComplaintAnswered;
import cn.sunshine.platform.events.accreditation.ComplaintClosed;
import cn.sunshine.platform.events.accreditation.ComplaintReceived;
import cn.sunshine.platform.time.ProgramCalendar;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A complaint or report (监督举报) about the programme in one county: from the public web form (its phone
 * confirmed by a one-time code, or anonymous) or taken on the county's hotline. It moves
 * {@code RECEIVED → ASSIGNED → INVESTIGATING → ANSWERED → CLOSED}; each open step has a due day counted in
 * working days ({@link ComplaintProperties}), and a case past its step's due day is overdue. The complainant's
 * contact is shown whole only to the assigned handling officer (the views mask it for everyone else).
 */
@Document("complaints")
@CompoundIndex(name = "division_status_due", def = "{'divisionCode': 1, 'status': 1, 'dueDate': 1}")
@CompoundIndex(name = "division_year", def = "{'divisionCode': 1, 'year': 1}")
public class Complaint extends AggregateRoot {

    public enum Status { RECEIVED, ASSIGNED, INVESTIGATING, ANSWERED, CLOSED }

    public enum Channel { WEB, HOTLINE }

    public enum SubjectType { BASE, CLASS, OFFICER_CONDUCT, OTHER }

    /** Whom or what the complaint is about: a base, a class (of a base), an officer's conduct, or anything else. */
    public record Subject(SubjectType type, String baseId, String classId, String description) {
    }

    /** The complainant's contact, as given (null for an anonymous complaint). */
    public record Contact(String name, String phone) {
    }

    /** The handling officer's answer: substantiated (属实) or not, the findings and the reply to the complainant. */
    public record Answer(boolean substantiated, List<String> findings, String reply, boolean onTime, Decision decision) {
    }

    @Indexed
    private String divisionCode;
    private int year;
    private Channel channel;
    private Contact contact;
    private Subject subject;
    private String statement;
    private Status status;
    private Instant receivedAt;
    private String receivedBy;
    /** The last day the complaint must be answered by (its receipt plus the answer period in working days). */
    private String answerDue;
    /** The due day of the current step (null once answered). */
    private String dueDate;
    @Indexed
    private String handler;
    private String handlerName;
    private Decision assignment;
    private Decision investigation;
    private Answer answer;
    private Decision closure;

    protected Complaint() {
    }

    /**
     * A complaint received now: through the web form (by nobody) or on the hotline (by the officer who took it);
     * {@code id} fixed beforehand (a confirmed web complaint) or null for a new one.
     */
    static Complaint receive(String id, String divisionCode, Channel channel, Contact contact, Subject subject, String statement,
                             String receivedBy, ComplaintProperties deadlines, Clock clock) {
        Complaint c = new Complaint();
        c.id = id != null ? id : Ids.newId();
        c.divisionCode = divisionCode;
        c.channel = channel;
        c.contact = contact;
        c.subject = subject;
        c.statement = statement;
        c.status = Status.RECEIVED;
        c.receivedAt = clock.instant();
        c.receivedBy = receivedBy;
        LocalDate today = ProgramCalendar.today(clock);
        c.year = today.getYear();
        c.answerDue = ProgramCalendar.workingDaysAfter(today, deadlines.answerWithinWorkingDays()).toString();
        c.dueDate = earlier(ProgramCalendar.workingDaysAfter(today, deadlines.assignWithinWorkingDays()).toString(), c.answerDue);
        c.recordEvent(EventTypes.COMPLAINT_RECEIVED, new ComplaintReceived(c.id, divisionCode, channel.name(),
                contact == null, subject.type().name(), subject.baseId(), c.receivedAt, LocalDate.parse(c.answerDue)),
                divisionCode, c.receivedAt);
        return c;
    }

    /** Assigns (or reassigns, before the answer) the handling officer. */
    void assign(String officer, String officerName, String by, ComplaintProperties deadlines, Clock clock) {
        if (status != Status.RECEIVED && status != Status.ASSIGNED && status != Status.INVESTIGATING) {
            throw DomainException.invalidTransition("complaint", status, "assigned");
        }
        handler = officer;
        handlerName = officerName;
        assignment = new Decision(by, clock.instant(), null);
        if (status == Status.RECEIVED) {
            status = Status.ASSIGNED;
            dueDate = earlier(ProgramCalendar.workingDaysAfter(ProgramCalendar.today(clock), deadlines.investigateWithinWorkingDays())
                    .toString(), answerDue);
        }
    }

    /** The handling officer starts the investigation (调查核实). */
    void investigate(String by, String note, Clock clock) {
        if (status != Status.ASSIGNED) {
            throw DomainException.invalidTransition("complaint", status, "investigated");
        }
        requireHandler(by);
        status = Status.INVESTIGATING;
        investigation = new Decision(by, clock.instant(), note);
        dueDate = answerDue;
    }

    /** The handling officer answers: substantiated or not, with findings and the reply to the complainant. */
    void answer(boolean substantiated, List<String> findings, String reply, String by, Clock clock) {
        if (status != Status.INVESTIGATING) {
            throw DomainException.invalidTransition("complaint", status, "answered");
        }
        requireHandler(by);
        if (substantiated && findings.isEmpty()) {
            throw DomainException.invalidField("findings", Phrase.coded("complaint.findings-required",
                    "state what was found to be true"));
        }
        Instant now = clock.instant();
        boolean onTime = !ProgramCalendar.today(clock).isAfter(LocalDate.parse(answerDue));
        answer = new Answer(substantiated, List.copyOf(findings), reply, onTime, new Decision(by, now, null));
        status = Status.ANSWERED;
        dueDate = null;
        recordEvent(EventTypes.COMPLAINT_ANSWERED, new ComplaintAnswered(id, divisionCode, subject.type().name(),
                subject.baseId(), year, substantiated, answer.findings(), onTime, now, by), divisionCode, now);
    }

    /** Closes an answered complaint (办结). */
    void close(String by, String note, Clock clock) {
        if (status != Status.ANSWERED) {
            throw DomainException.invalidTransition("complaint", status, "closed");
        }
        Instant now = clock.instant();
        closure = new Decision(by, now, note);
        status = Status.CLOSED;
        recordEvent(EventTypes.COMPLAINT_CLOSED, new ComplaintClosed(id, divisionCode, now, by), divisionCode, now);
    }

    /** True when the current step is past its due day. */
    public boolean overdueOn(LocalDate today) {
        return dueDate != null && today.isAfter(LocalDate.parse(dueDate));
    }

    /** True when this user is the assigned handling officer (the one who sees the contact whole). */
    public boolean handledBy(String subjectOfUser) {
        return handler != null && handler.equals(subjectOfUser);
    }

    private void requireHandler(String by) {
        if (!handledBy(by)) {
            throw new DomainException(403, "not-the-handler", "Only the handling officer",
                    "complaint " + id + " is handled by the officer it was assigned to; assign it to yourself first");
        }
    }

    private static String earlier(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public Channel getChannel() {
        return channel;
    }

    public Contact getContact() {
        return contact;
    }

    public Subject getSubject() {
        return subject;
    }

    public String getStatement() {
        return statement;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getReceivedBy() {
        return receivedBy;
    }

    public String getAnswerDue() {
        return answerDue;
    }

    public String getDueDate() {
        return dueDate;
    }

    public String getHandler() {
        return handler;
    }

    public String getHandlerName() {
        return handlerName;
    }

    public Decision getAssignment() {
        return assignment;
    }

    public Decision getInvestigation() {
        return investigation;
    }

    public Answer getAnswer() {
        return answer;
    }

    public Decision getClosure() {
        return closure;
    }
}
