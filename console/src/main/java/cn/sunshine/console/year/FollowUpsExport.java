package cn.sunshine.console.year;

import cn.sunshine.console.export.ListExports;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

import static cn.sunshine.console.export.ListExports.text;
import static cn.sunshine.console.export.ListExports.yuan;
import static cn.sunshine.console.year.ClassWorkController.require;

/**
 * The follow-ups list as Excel (跟踪服务台账): every placement with a follow-up due (or overdue) in the person's scope,
 * as the API lists it page by page — trainee and masked ID number, employer and HR phone, job, wage, start, workplace,
 * the date the next contact is due. And the escalation cases (维权案件) open or resolved, as their page lists them.
 */
@Controller
public class FollowUpsExport {

    private final ListExports exports;

    public FollowUpsExport(ListExports exports) {
        this.exports = exports;
    }

    @GetMapping("/follow-ups/export.xlsx")
    ResponseEntity<byte[]> followUps(@RequestParam(defaultValue = "DUE") String state, Authentication auth) {
        require(auth, "COUNTY_OFFICER", "BASE_STAFF");
        String s = "OVERDUE".equals(state) ? "OVERDUE" : "DUE";
        return exports.ledger("followUps" + s, List.of(
                text("line.trainee", "traineeName"),
                text("line.idNumber", "maskedIdNumber"),
                text("year.employer", "employer.name"),
                text("year.field.hrPhone", "employer.hrPhone"),
                text("year.job", "job"),
                yuan("year.wage", "monthlyWageFen"),
                exports.date("year.startDate", "startDate"),
                exports.label("year.field.workplace", "workplace", "year.workplace."),
                exports.date("year.nextDue", "nextDueOn")),
                exports.all("/api/placement/follow-ups?state=" + s));
    }

    /** The escalation cases of the person's scope (the county's, or their base's trainees'), open or resolved. */
    @GetMapping("/escalations/export.xlsx")
    ResponseEntity<byte[]> escalations(@RequestParam(required = false) String status, Authentication auth) {
        require(auth, FollowUpsController.ESCALATION_READERS);
        String s = FollowUpsController.escalationStatus(status);
        return exports.ledger("escalations" + s, List.of(
                text("year.escalation.id", "id"),
                text("line.trainee", "traineeName"),
                text("year.employer", "employerName"),
                exports.labels("year.escalation.problems", "problems", "year.problem."),
                yuan("year.escalation.unpaid", "unpaidWagesFen"),
                text("year.escalation.note", "note"),
                exports.label("year.escalation.status", "status", "year.escalation."),
                exports.date("year.escalation.openedAt", "openedAt"),
                text("year.escalation.resolution", "resolution"),
                yuan("year.escalation.recovered", "recoveredWagesFen"),
                exports.date("year.escalation.resolvedAt", "resolvedAt")),
                exports.all("/api/placement/escalations?status=" + s));
    }
}
