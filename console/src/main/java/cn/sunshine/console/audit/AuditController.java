package cn.sunshine.console.audit;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.Formats;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The auditor's read-only pages, each one of the APIs' own audit lists read as the auditor (so their jurisdiction
 * and role rules apply): who read trainees' personal data whole, and why ({@code GET /api/enrollment/audit-records});
 * the contact lookups ({@code GET /api/enrollment/contact-lookups}); the spot checks and each round's recorded
 * draw with its seed, commitment, population and sample, so the draw can be repeated
 * ({@code GET /api/placement/spot-checks}, {@code GET /api/placement/spot-check-rounds/{roundId}}). Claims are
 * the console's claims pages. Nothing here changes anything.
 */
@Controller
public class AuditController {

    static final String ID = "[A-Za-z0-9_:.-]{1,100}";
    static final int SIZE = 50;

    private final Gateway gateway;

    public AuditController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/audit")
    String index() {
        return "audit/index";
    }

    /** Reads of whole personal data: filters by who, class, enrollment and calendar dates (Asia/Shanghai, inclusive). */
    @GetMapping("/audit/personal-data-reads")
    String reads(@RequestParam(required = false) String readBy, @RequestParam(required = false) String classId,
                 @RequestParam(required = false) String enrollmentId, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page, Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "readBy", readBy);
        put(filters, "classId", classId);
        put(filters, "enrollmentId", enrollmentId);
        LocalDate fromDate = date(from);
        LocalDate toDate = date(to);
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/enrollment/audit-records")
                .queryParam("size", SIZE).queryParam("page", Math.max(page, 0));
        filters.forEach(uri::queryParam);
        if (fromDate != null) {
            uri.queryParam("from", fromDate.atStartOfDay(Formats.PROGRAMME_ZONE).toInstant().toString());
        }
        if (toDate != null) {
            uri.queryParam("to", toDate.plusDays(1).atStartOfDay(Formats.PROGRAMME_ZONE).toInstant().toString());
        }
        model.addAttribute("list", gateway.get(uri.encode().build().toUriString()).body());
        model.addAttribute("readBy", readBy);
        model.addAttribute("classId", classId);
        model.addAttribute("enrollmentId", enrollmentId);
        model.addAttribute("from", fromDate);
        model.addAttribute("to", toDate);
        model.addAttribute("page", Math.max(page, 0));
        model.addAttribute("size", SIZE);
        return "audit/reads";
    }

    @GetMapping("/audit/contact-lookups")
    String lookups(@RequestParam(required = false) String enrollmentId, @RequestParam(defaultValue = "0") int page, Model model) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/enrollment/contact-lookups")
                .queryParam("size", SIZE).queryParam("page", Math.max(page, 0));
        if (enrollmentId != null && enrollmentId.matches(ID)) {
            uri.queryParam("enrollmentId", enrollmentId);
        }
        model.addAttribute("list", gateway.get(uri.encode().build().toUriString()).body());
        model.addAttribute("enrollmentId", enrollmentId);
        model.addAttribute("page", Math.max(page, 0));
        model.addAttribute("size", SIZE);
        return "audit/lookups";
    }

    @GetMapping("/audit/spot-checks")
    String spotChecks(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("list", gateway.get("/api/placement/spot-checks?size=" + SIZE + "&page=" + Math.max(page, 0)).body());
        model.addAttribute("page", Math.max(page, 0));
        model.addAttribute("size", SIZE);
        return "audit/spot-checks";
    }

    /** A round's draw as recorded before it was drawn: the seed, its commitment and source, the rule, each base's stratum. */
    @GetMapping("/audit/spot-check-rounds/{roundId}")
    String round(@PathVariable String roundId, Model model) {
        if (!roundId.matches(ID)) {
            throw new ApiException(404, "urn:sunshine:problem:not-found", "no such round", Map.of());
        }
        model.addAttribute("round", gateway.get("/api/placement/spot-check-rounds/" + roundId).body());
        return "audit/round";
    }

    private static void put(Map<String, String> filters, String name, String value) {
        if (value != null && value.matches(ID)) {
            filters.put(name, value);
        }
    }

    private static LocalDate date(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
