package cn.sunshine.accreditation.inspection;

import cn.sunshine.accreditation.base.Decision;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.time.ProgramCalendar;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A rectification order (整改通知) issued by an inspection finding: what the base must correct and the day it must
 * have done so by. {@code OPEN → REPORTED} (the base's staff report the correction) {@code → CLOSED} (the officer
 * verifies it, 销号) or back to {@code OPEN} (rejected: not corrected). An order not closed after its deadline is
 * overdue — computed from the clock, never stored. Its id is the finding's.
 */
@Document("rectification_orders")
@CompoundIndex(name = "division_status_deadline", def = "{'divisionCode': 1, 'status': 1, 'deadline': 1}")
@CompoundIndex(name = "base_status", def = "{'baseId': 1, 'status': 1}")
public class RectificationOrder extends BaseYearRecord {

    public enum Status { OPEN, REPORTED, CLOSED }

    /** A correction as the base reported it. */
    public record Report(String correction, String by, Instant at) {
    }

    private String visitId;
    private InspectionKind kind;
    private String finding;
    private String itemCode;
    private String requirement;
    /** The last day to correct by (inclusive), {@code YYYY-MM-DD}. */
    private String deadline;
    private boolean involvesMoney;
    private Status status;
    private Instant issuedAt;
    private String issuedBy;
    private List<Report> reports;
    private List<Decision> rejections;
    private Decision closure;
    /** Closed with its accepted correction reported on or before the deadline. */
    private Boolean correctedOnTime;

    protected RectificationOrder() {
    }

    static RectificationOrder of(InspectionVisit v, InspectionVisit.Finding f) {
        RectificationOrder o = new RectificationOrder();
        o.id = f.findingId();
        o.about(v.getDivisionCode(), v.getBaseId(), v.getBaseName(), v.getYear());
        o.visitId = v.getId();
        o.kind = v.getKind();
        o.finding = f.description();
        o.itemCode = f.itemCode();
        o.requirement = f.rectification().requirement();
        o.deadline = f.rectification().deadline();
        o.involvesMoney = f.money() != null;
        o.status = Status.OPEN;
        o.issuedAt = v.getRecordedAt();
        o.issuedBy = v.getRecordedBy();
        o.reports = List.of();
        o.rejections = List.of();
        return o;
    }

    /** The base's staff report what they corrected (整改报告). */
    void report(String correction, String by, Clock clock) {
        if (status != Status.OPEN) {
            throw DomainException.invalidTransition("rectification order", status, "reported");
        }
        List<Report> all = new ArrayList<>(getReports());
        all.add(new Report(correction, by, clock.instant()));
        reports = List.copyOf(all);
        status = Status.REPORTED;
    }

    /** The officer verifies the reported correction and closes the order (验收销号). */
    void close(String note, String by, Clock clock) {
        if (status != Status.REPORTED) {
            throw DomainException.invalidTransition("rectification order", status, "closed");
        }
        Instant now = clock.instant();
        closure = new Decision(by, now, note);
        status = Status.CLOSED;
        Report last = getReports().get(getReports().size() - 1);
        correctedOnTime = !ProgramCalendar.dateOf(last.at()).isAfter(LocalDate.parse(deadline));
    }

    /** The officer finds the correction not made: the order is open again, its deadline unchanged. */
    void reject(String reason, String by, Clock clock) {
        if (status != Status.REPORTED) {
            throw DomainException.invalidTransition("rectification order", status, "rejected");
        }
        List<Decision> all = new ArrayList<>(getRejections());
        all.add(new Decision(by, clock.instant(), reason));
        rejections = List.copyOf(all);
        status = Status.OPEN;
    }

    /** Not closed, and today is after its deadline. */
    public boolean overdueOn(LocalDate today) {
        return status != Status.CLOSED && today.isAfter(LocalDate.parse(deadline));
    }

    /** Days past the deadline today (0 when not overdue). */
    public long daysOverdueOn(LocalDate today) {
        return overdueOn(today) ? today.toEpochDay() - LocalDate.parse(deadline).toEpochDay() : 0;
    }

    public String getVisitId() {
        return visitId;
    }

    public InspectionKind getKind() {
        return kind;
    }

    public String getFinding() {
        return finding;
    }

    public String getItemCode() {
        return itemCode;
    }

    public String getRequirement() {
        return requirement;
    }

    public String getDeadline() {
        return deadline;
    }

    public boolean isInvolvesMoney() {
        return involvesMoney;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getIssuedAt() {
        return issuedAt;
    }

    public String getIssuedBy() {
        return issuedBy;
    }

    public List<Report> getReports() {
        return reports == null ? List.of() : reports;
    }

    public List<Decision> getRejections() {
        return rejections == null ? List.of() : rejections;
    }

    public Decision getClosure() {
        return closure;
    }

    public Boolean getCorrectedOnTime() {
        return correctedOnTime;
    }
}
