package cn.sunshine.console.finance;

import cn.sunshine.console.accreditation.Pages;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import cn.sunshine.console.web.CurrentUser;
import cn.sunshine.console.web.Formats;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static cn.sunshine.console.classes.BaseClassesController.fen;
import static cn.sunshine.console.web.FormFeedback.formProblem;

/**
 * The finance bureau's desk (财政局): the county's fund of a year (deposited, committed, available, recovered; the
 * deposits), a deposit recorded by one officer and confirmed by another who re-keys reference and amount from the
 * bank statement (four eyes, the API's rule), a payment run sent now, and the reconciliation of a day's statement
 * from the bureau with the instructions paid (every difference listed).
 */
@Controller
public class FinanceController {

    static final Set<String> SOURCES = Set.of("CENTRAL", "PROVINCIAL", "CITY", "COUNTY");

    private final Gateway gateway;

    public FinanceController(Gateway gateway) {
        this.gateway = gateway;
    }

    static int year(Integer year) {
        int now = LocalDate.now(Formats.PROGRAMME_ZONE).getYear();
        return year == null || year < 2000 || year > now + 1 ? now : year;
    }

    private static CurrentUser finance(Authentication auth) {
        CurrentUser me = CurrentUser.of(auth);
        if (me == null || !me.has("FINANCE_OFFICER")) {
            throw new ApiException(404, null, "the finance desk is the finance officer's", Map.of());
        }
        return me;
    }

    @GetMapping("/finance")
    String desk(@RequestParam(required = false) Integer year, @RequestParam(required = false) String done,
                Authentication auth, Model model) {
        CurrentUser me = finance(auth);
        draw(me, year(year), model);
        Pages.sayDone(model, done, "[a-z-]{1,20}");
        return "finance";
    }

    private void draw(CurrentUser me, int year, Model model) {
        model.addAttribute("year", year);
        model.addAttribute("yearText", String.valueOf(year));
        model.addAttribute("division", me.division());
        model.addAttribute("today", LocalDate.now(Formats.PROGRAMME_ZONE).toString());
        try {
            model.addAttribute("fund", gateway.get("/api/subsidy/funds/" + me.division() + "/" + year).body());
        } catch (ApiException e) {
            if (ApiErrors.kindOf(e.status()) != ApiErrors.Kind.NOT_FOUND) {
                throw e;
            }
            model.addAttribute("noFund", true); // no deposit yet: the fund opens with the first
        }
        if (!model.containsAttribute("depositKey")) {
            model.addAttribute("depositKey", java.util.UUID.randomUUID().toString());
        }
    }

    @PostMapping("/finance/deposits")
    String deposit(@RequestParam Integer year, @RequestParam String source, @RequestParam(required = false) String amountYuan,
                   @RequestParam String reference, @RequestParam String depositKey, Authentication auth,
                   HttpServletResponse response, Model model) {
        CurrentUser me = finance(auth);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("divisionCode", me.division());
        body.put("year", year(year));
        body.put("source", source != null && SOURCES.contains(source) ? source : null);
        body.put("amountFen", fen(amountYuan));
        body.put("reference", reference == null ? null : reference.strip());
        return act(me, year(year), "deposit", model, response, () ->
                gateway.post("/api/subsidy/funds/deposits", body, h -> h.set("Idempotency-Key", depositKey)), "depositProblem",
                Map.of("source", source == null ? "" : source, "amountYuan", amountYuan == null ? "" : amountYuan,
                        "reference", reference == null ? "" : reference));
    }

    @PostMapping("/finance/deposits/{depositId}/confirmation")
    String confirm(@PathVariable String depositId, @RequestParam Integer year, @RequestParam String reference,
                   @RequestParam(required = false) String amountYuan, Authentication auth, HttpServletResponse response,
                   Model model) {
        CurrentUser me = finance(auth);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", reference == null ? null : reference.strip());
        body.put("amountFen", fen(amountYuan));
        return act(me, year(year), "confirmed", model, response, () -> gateway.post("/api/subsidy/funds/" + me.division() + "/"
                + year(year) + "/deposits/" + UriUtils.encodePathSegment(depositId, StandardCharsets.UTF_8) + "/confirmation",
                body, h -> { }), "confirmProblem", Map.of("depositId", depositId));
    }

    /**
     * A second finance officer rejects a recorded deposit that is not on the bank's statement: it never counts. The
     * reason is required (the API refuses a blank one next to the field).
     */
    @PostMapping("/finance/deposits/{depositId}/rejection")
    String reject(@PathVariable String depositId, @RequestParam Integer year, @RequestParam(required = false) String reason,
                  Authentication auth, HttpServletResponse response, Model model) {
        CurrentUser me = finance(auth);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason == null ? null : reason.strip());
        return act(me, year(year), "rejected", model, response, () -> gateway.post("/api/subsidy/funds/" + me.division() + "/"
                + year(year) + "/deposits/" + UriUtils.encodePathSegment(depositId, StandardCharsets.UTF_8) + "/rejection",
                body, h -> { }), "rejectProblem", Map.of("depositId", depositId, "reason", reason == null ? "" : reason));
    }

    @PostMapping("/finance/payment-runs")
    String run(@RequestParam Integer year, @RequestParam(required = false) String note, Authentication auth,
               HttpServletResponse response, Model model) {
        CurrentUser me = finance(auth);
        Map<String, Object> body = new LinkedHashMap<>();
        if (note != null && !note.isBlank()) {
            body.put("note", note.strip());
        }
        try {
            model.addAttribute("runResult", gateway.post("/api/subsidy/payment-runs", body, h -> { }).body());
        } catch (ApiException e) {
            refuse(e, "runProblem", model, response);
        }
        draw(me, year(year), model);
        return "finance";
    }

    @PostMapping("/finance/reconciliations")
    String reconcile(@RequestParam Integer year, @RequestParam String date, Authentication auth, HttpServletResponse response,
                     Model model) {
        CurrentUser me = finance(auth);
        model.addAttribute("reconcileDate", date);
        try {
            model.addAttribute("reconciliation", gateway.post("/api/subsidy/reconciliations", Map.of("date", date), h -> { }).body());
        } catch (ApiException e) {
            refuse(e, "reconcileProblem", model, response);
        }
        draw(me, year(year), model);
        return "finance";
    }

    private String act(CurrentUser me, int year, String done, Model model, HttpServletResponse response,
                       java.util.function.Supplier<Gateway.Answer> call, String problemName, Map<String, String> form) {
        try {
            call.get();
            return "redirect:/finance?year=" + year + "&done=" + done;
        } catch (ApiException e) {
            refuse(e, problemName, model, response);
            model.addAttribute(problemName + "Form", form);
            draw(me, year, model);
            return "finance";
        }
    }

    private static void refuse(ApiException e, String name, Model model, HttpServletResponse response) {
        ApiErrors.Kind kind = formProblem(e);
        model.addAttribute(name, e);
        model.addAttribute(name + "Kind", kind);
        response.setStatus(kind.pageStatus());
    }
}
