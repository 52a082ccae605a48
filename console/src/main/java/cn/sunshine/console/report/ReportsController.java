package cn.sunshine.console.report;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import cn.sunshine.console.web.CurrentUser;
import cn.sunshine.console.web.Formats;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Progress reports (进度报告) across divisions for province, city and county officers (and the leaders, finance
 * officers and auditors the report API admits): the division's figures from {@code GET /api/reports/progress},
 * one row per division directly below it (the drill-down: province → city → county), and the same report as the
 * gateway's XLSX workbook, downloaded through the console with the person's own token. The person's jurisdiction
 * is the API's to decide: a division outside it is a polite "not found", on the page and for the download.
 */
@Controller
public class ReportsController {

    static final String DIVISION = "[1-9]\\d{5}";
    static final String PERIOD = "(20\\d\\d|2100)(-Q[1-4]|-(0[1-9]|1[0-2]))?";
    /** The figures of a report, in the order the page and the workbook show them. */
    static final List<String> FIGURES = List.of("quota", "enrolled", "completed", "completionRateBp", "placed",
            "placementRateBp", "committedPlacementRateBp", "shortfall", "subsidyCommittedFen", "subsidyPaidFen",
            "spotChecks", "findings", "basesAccredited", "complaintsReceived", "complaintsSubstantiated", "inspectionFindings");

    private final Gateway gateway;
    private final Regions regions;
    private final Clock clock;

    public ReportsController(Gateway gateway, Regions regions) {
        this.gateway = gateway;
        this.regions = regions;
        this.clock = Clock.system(Formats.PROGRAMME_ZONE);
    }

    String division(String asked, CurrentUser me) {
        if (asked != null && asked.matches(DIVISION)) {
            return asked;
        }
        return me != null && me.division() != null ? me.division() : "420000";
    }

    String period(String asked) {
        return asked != null && asked.matches(PERIOD) ? asked : String.valueOf(LocalDate.now(clock).getYear());
    }

    @GetMapping("/reports/progress")
    String progress(@RequestParam(required = false) String division, @RequestParam(required = false) String period,
                    @RequestParam(required = false) Integer year, @RequestParam(required = false) String part,
                    Authentication auth, Model model) {
        CurrentUser me = CurrentUser.of(auth);
        String code = division(division, me);
        // the form's two choices (a year, and optionally a quarter or a month of it), else the period of a link
        String chosen = period(year == null ? period
                : year + (part != null && part.matches("Q[1-4]|0[1-9]|1[0-2]") ? "-" + part : ""));
        Map<String, Object> report = gateway.get(query("/api/reports/progress", code, chosen)).body();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Regions.Region child : regions.children(code)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("region", child);
            try {
                row.put("report", gateway.get(query("/api/reports/progress", child.code(), chosen)).body());
            } catch (ApiException e) {
                row.put("unavailable", ApiErrors.kindOf(e.status()));
            }
            rows.add(row);
        }
        model.addAttribute("division", code);
        model.addAttribute("divisionName", regions.name(code));
        model.addAttribute("path", regions.path(me == null ? code : me.division(), code));
        model.addAttribute("period", chosen);
        model.addAttribute("year", Integer.parseInt(chosen.substring(0, 4)));
        model.addAttribute("part", chosen.length() > 4 ? chosen.substring(5) : "");
        model.addAttribute("years", List.of(LocalDate.now(clock).getYear(), LocalDate.now(clock).getYear() - 1,
                LocalDate.now(clock).getYear() - 2, LocalDate.now(clock).getYear() - 3));
        model.addAttribute("parts", List.of("", "Q1", "Q2", "Q3", "Q4", "01", "02", "03", "04", "05", "06", "07", "08", "09",
                "10", "11", "12"));
        model.addAttribute("report", report);
        model.addAttribute("figures", FIGURES);
        model.addAttribute("rows", rows);
        return "report/progress";
    }

    /** The gateway's workbook for the same division and period, as the person (their token), passed on as it came. */
    @GetMapping("/reports/progress.xlsx")
    ResponseEntity<byte[]> workbook(@RequestParam(required = false) String division, @RequestParam(required = false) String period,
                                    Authentication auth) {
        String code = division(division, CurrentUser.of(auth));
        Gateway.Download file = gateway.download(query("/api/reports/progress.xlsx", code, period(period)));
        HttpHeaders headers = new HttpHeaders();
        MediaType type = file.headers().getContentType();
        headers.setContentType(type != null ? type
                : MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        String disposition = file.headers().getFirst(HttpHeaders.CONTENT_DISPOSITION);
        headers.set(HttpHeaders.CONTENT_DISPOSITION, disposition != null ? disposition
                : "attachment; filename=\"progress-" + code + ".xlsx\"");
        headers.setCacheControl("no-store");
        return ResponseEntity.ok().headers(headers).body(file.bytes());
    }

    static String query(String path, String division, String period) {
        return path + "?division=" + division + "&period=" + period;
    }
}
