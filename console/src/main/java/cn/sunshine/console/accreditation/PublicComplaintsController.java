package cn.sunshine.console.accreditation;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.ConsoleProperties;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.portal.PublicPages;
import cn.sunshine.console.web.ApiErrors;
import cn.sunshine.console.web.Formats;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Year;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The public's complaint form (监督举报, no sign-in) and the counties' complaint statistics. Anonymous, the
 * complaint is received at once; with a name and a phone, a code goes to the phone and the complaint counts once
 * confirmed with it (the local run's simulated SMS puts the code in the answer, shown as the demo's code, as the
 * objections do). Each form carries an {@code Idempotency-Key} drawn with it.
 */
@Controller
public class PublicComplaintsController extends PublicPages {

    public PublicComplaintsController(Gateway gateway, ConsoleProperties properties) {
        super(gateway, properties);
    }

    @GetMapping("/public/complaints")
    String page(@RequestParam(required = false) String division, @RequestParam(required = false) Integer year,
                CsrfToken csrf, Model model) {
        if (csrf != null) {
            csrf.getToken();
        }
        String chosen = division(division, model);
        statistics(chosen, year, model);
        model.addAttribute("form", Map.of("subjectType", "BASE"));
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "complaint/public";
    }

    private void statistics(String division, Integer asked, Model model) {
        int year = asked != null && asked >= 2000 && asked <= 2100 ? asked : Year.now(Formats.PROGRAMME_ZONE).getValue();
        model.addAttribute("year", year);
        try {
            List<Map<String, Object>> counties = Pages.list(gateway.getPublic(
                    "/api/public/accreditation/complaint-statistics?division=" + division + "&year=" + year).body().get("counties"));
            model.addAttribute("statistics", counties.stream().filter(c -> division.equals(c.get("divisionCode"))).findFirst()
                    .orElse(Map.of("received", 0, "answered", 0, "answeredOnTime", 0, "substantiated", 0, "overdue", 0)));
        } catch (ApiException e) {
            model.addAttribute("statisticsUnavailable", true);
        }
        try {
            model.addAttribute("bases", Pages.items(gateway.getPublic("/api/public/accreditation/bases?size=200&division=" + division).body()));
        } catch (ApiException e) {
            model.addAttribute("bases", List.of());
        }
    }

    /** Step 1: anonymous → received (201); with name and phone → the code is sent (202). */
    @PostMapping("/public/complaints")
    String file(@RequestParam MultiValueMap<String, String> params, HttpServletRequest request, Model model) {
        String division = division(params.getFirst("division"), model);
        String key = Pages.key(params.getFirst("idempotencyKey"));
        try {
            Map<String, Object> filing = gateway.postPublic("/api/public/accreditation/complaints",
                    ComplaintsController.body(params, division), Pages.idempotent(key)).body();
            if ("RECEIVED".equals(filing.get("status"))) {
                model.addAttribute("filed", filing);
                return step(request, "filed", division, null, model);
            }
            model.addAttribute("pending", filing);
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
            return step(request, "confirm", division, null, model);
        } catch (ApiException e) {
            model.addAttribute("form", params.toSingleValueMap());
            model.addAttribute("idempotencyKey", key);
            refused(e, model);
            return step(request, "complaintForm", division, null, model);
        }
    }

    /** Step 2: the code sent to the phone; the complaint is received once confirmed (201). */
    @PostMapping("/public/complaints/pending/{confirmationId}/confirmation")
    String confirm(@PathVariable String confirmationId, @RequestParam MultiValueMap<String, String> params,
                   HttpServletRequest request, Model model) {
        String division = division(params.getFirst("division"), model);
        String key = Pages.key(params.getFirst("idempotencyKey"));
        String code = ComplaintsController.trimmed(params.getFirst("code"));
        try {
            Map<String, Object> filed = gateway.postPublic("/api/public/accreditation/pending-complaints/"
                    + Pages.id(confirmationId) + "/confirmation", Map.of("code", code), Pages.idempotent(key)).body();
            model.addAttribute("filed", filed);
            return step(request, "filed", division, null, model);
        } catch (ApiException e) {
            if (e.status() == 404) {
                model.addAttribute("expired", true);
                model.addAttribute("form", Map.of("subjectType", "BASE"));
                model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
                return step(request, "complaintForm", division, null, model);
            }
            Map<String, Object> pending = new LinkedHashMap<>();
            pending.put("confirmationId", confirmationId);
            pending.put("phone", params.getFirst("phone"));
            pending.put("expiresAt", params.getFirst("expiresAt"));
            model.addAttribute("pending", pending);
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
            refused(e, model);
            return step(request, "confirm", division, null, model);
        }
    }

    private static void refused(ApiException e, Model model) {
        model.addAttribute("kind", ApiErrors.kindOf(e.status()));
        model.addAttribute("problem", e);
    }

    /** An htmx request gets the step in place; a plain form post the whole page with the step in it. */
    private String step(HttpServletRequest request, String fragment, String division, Integer year, Model model) {
        model.addAttribute("step", fragment);
        statistics(division, year, model);
        return "true".equals(request.getHeader("HX-Request")) ? "complaint/steps :: " + fragment : "complaint/public";
    }
}
