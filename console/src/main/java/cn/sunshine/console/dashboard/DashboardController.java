package cn.sunshine.console.dashboard;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.CurrentUser;
import cn.sunshine.console.web.Formats;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The county's year at a glance (本县年度进度): the gateway's progress report for the division and year — quota,
 * enrolled, completed, placed against the bases' committed placement rate (90 %), subsidy committed and paid —
 * and the same report month by month for the charts. Figures are the report's, never recomputed here; a part of
 * the report that did not answer is shown as "no answer", never as 0 (docs/reports.md). The charts are drawn by
 * /assets/dashboard.js from the page's data attributes (no inline script), with the figures also in a table.
 */
@Controller
public class DashboardController {

    private final Gateway gateway;
    private final JsonMapper json;
    private final cn.sunshine.console.api.ConsoleProperties properties;

    public DashboardController(Gateway gateway, JsonMapper json, cn.sunshine.console.api.ConsoleProperties properties) {
        this.gateway = gateway;
        this.json = json;
        this.properties = properties;
    }

    public static boolean sees(CurrentUser me) {
        return me != null && me.readsProgress();
    }

    @GetMapping("/dashboard")
    String dashboard(@RequestParam(required = false) Integer year, @RequestParam(required = false) String division,
                     Authentication auth, Model model) {
        CurrentUser me = CurrentUser.of(auth);
        if (!sees(me)) {
            throw new ApiException(404, null, "no dashboard for this role", Map.of());
        }
        int thisYear = LocalDate.now(Formats.PROGRAMME_ZONE).getYear();
        int y = year == null || year < 2000 || year > thisYear + 1 ? thisYear : year;
        String d = division != null && division.matches("\\d{6}") ? division : me.division();
        Map<String, Object> report = gateway.get("/api/reports/progress?division=" + d + "&period=" + y).body();
        @SuppressWarnings("unchecked")
        Map<String, Object> figures = report.get("figures") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();

        int months = y < thisYear ? 12 : y == thisYear ? LocalDate.now(Formats.PROGRAMME_ZONE).getMonthValue() : 0;
        List<String> paths = new ArrayList<>();
        for (int m = 1; m <= months; m++) {
            paths.add("/api/reports/progress?division=" + d + "&period=" + y + "-" + String.format("%02d", m));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Object> answers = paths.isEmpty() ? List.of() : gateway.getEach(paths);
        for (int i = 0; i < answers.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("month", i + 1);
            if (answers.get(i) instanceof Gateway.Answer a && a.body().get("figures") instanceof Map<?, ?> f) {
                row.put("enrolled", f.get("enrolled"));
                row.put("completed", f.get("completed"));
                row.put("placed", f.get("placed"));
                row.put("complete", a.body().get("complete"));
            } else {
                row.put("complete", false);
            }
            rows.add(row);
        }

        model.addAttribute("year", y);
        model.addAttribute("yearText", String.valueOf(y));
        model.addAttribute("years", List.of(thisYear, thisYear - 1, thisYear - 2, thisYear - 3));
        model.addAttribute("division", d);
        model.addAttribute("divisionName", properties.publicDivisions().stream().filter(x -> x.code().equals(d))
                .map(cn.sunshine.console.api.ConsoleProperties.Division::name).findFirst().orElse(d));
        model.addAttribute("report", report);
        model.addAttribute("figures", figures);
        model.addAttribute("months", rows);
        model.addAttribute("complete", Boolean.TRUE.equals(report.get("complete")));
        model.addAttribute("charts", charts(figures, rows));
        return "dashboard";
    }

    /** The same report as the gateway's XLSX (进度报告 and its sources), for the person's records or the city. */
    @GetMapping("/dashboard/report.xlsx")
    org.springframework.http.ResponseEntity<byte[]> xlsx(@RequestParam(required = false) Integer year,
                                                          @RequestParam(required = false) String division, Authentication auth) {
        CurrentUser me = CurrentUser.of(auth);
        if (!sees(me)) {
            throw new ApiException(404, null, "no report for this role", Map.of());
        }
        int thisYear = LocalDate.now(Formats.PROGRAMME_ZONE).getYear();
        int y = year == null || year < 2000 || year > thisYear + 1 ? thisYear : year;
        String d = division != null && division.matches("\\d{6}") ? division : me.division();
        Gateway.Download file = gateway.download("/api/reports/progress.xlsx?division=" + d + "&period=" + y);
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition
                        .attachment().filename("进度报告-" + d + "-" + y + ".xlsx", java.nio.charset.StandardCharsets.UTF_8)
                        .build().toString())
                .header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.bytes());
    }

    /** The charts' data, as JSON for data attributes: months (cumulative), the placement rate, the money. */
    private Map<String, String> charts(Map<String, Object> figures, List<Map<String, Object>> rows) {
        List<Object> months = new ArrayList<>();
        List<Object> enrolled = new ArrayList<>();
        List<Object> completed = new ArrayList<>();
        List<Object> placed = new ArrayList<>();
        long e = 0;
        long c = 0;
        long p = 0;
        for (Map<String, Object> r : rows) {
            months.add(r.get("month"));
            e += number(r.get("enrolled"));
            c += number(r.get("completed"));
            p += number(r.get("placed"));
            boolean known = Boolean.TRUE.equals(r.get("complete"));
            enrolled.add(known ? e : null);
            completed.add(known ? c : null);
            placed.add(known ? p : null);
        }
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("months", months);
        progress.put("enrolled", enrolled);
        progress.put("completed", completed);
        progress.put("placed", placed);
        progress.put("quota", figures.get("quota"));
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("placementRateBp", figures.get("placementRateBp"));
        rate.put("committedPlacementRateBp", figures.get("committedPlacementRateBp"));
        rate.put("completionRateBp", figures.get("completionRateBp"));
        Map<String, Object> money = new LinkedHashMap<>();
        money.put("committedFen", figures.get("subsidyCommittedFen"));
        money.put("paidFen", figures.get("subsidyPaidFen"));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("progress", json.writeValueAsString(progress));
        out.put("rate", json.writeValueAsString(rate));
        out.put("money", json.writeValueAsString(money));
        return out;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
