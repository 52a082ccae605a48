package cn.sunshine.console.year;

import cn.sunshine.console.export.ListExports;
import cn.sunshine.console.export.Spreadsheet;
import cn.sunshine.console.web.Formats;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.sunshine.console.year.ClassWorkController.require;

/**
 * The follow-ups list as Excel (跟踪服务台账): every placement with a follow-up due (or overdue) in the person's scope,
 * as the API lists it page by page — trainee and masked ID number, employer and HR phone, job, wage, start, workplace,
 * the date the next contact is due.
 */
@Controller
public class FollowUpsExport {

    private final ListExports exports;
    private final MessageSource messages;
    private final Formats fmt;

    public FollowUpsExport(ListExports exports, MessageSource messages, Formats fmt) {
        this.exports = exports;
        this.messages = messages;
        this.fmt = fmt;
    }

    @GetMapping("/follow-ups/export.xlsx")
    ResponseEntity<byte[]> followUps(@RequestParam(defaultValue = "DUE") String state, Authentication auth) {
        require(auth, "COUNTY_OFFICER", "BASE_STAFF");
        String s = "OVERDUE".equals(state) ? "OVERDUE" : "DUE";
        List<String> keys = List.of("line.trainee", "line.idNumber", "year.employer", "year.field.hrPhone", "year.job",
                "year.wage", "year.startDate", "year.field.workplace", "year.nextDue");
        List<List<Object>> rows = new ArrayList<>();
        for (Map<?, ?> p : exports.all("/api/placement/follow-ups?state=" + s)) {
            Map<?, ?> employer = p.get("employer") instanceof Map<?, ?> e ? e : Map.of();
            List<Object> row = new ArrayList<>();
            row.add(p.get("traineeName"));
            row.add(p.get("maskedIdNumber"));
            row.add(employer.get("name"));
            row.add(employer.get("hrPhone"));
            row.add(p.get("job"));
            row.add(new Spreadsheet.Yuan(p.get("monthlyWageFen") instanceof Number n ? n.longValue() : null));
            row.add(fmt.date(p.get("startDate")));
            row.add(p.get("workplace") == null ? "" : messages.getMessage("year.workplace." + p.get("workplace"), null,
                    String.valueOf(p.get("workplace")), LocaleContextHolder.getLocale()));
            row.add(fmt.date(p.get("nextDueOn")));
            rows.add(row);
        }
        return exports.download("followUps" + s, keys, rows);
    }
}
