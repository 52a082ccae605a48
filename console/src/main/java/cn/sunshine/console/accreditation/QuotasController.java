package cn.sunshine.console.accreditation;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.year.ClassWorkController;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.report.Regions;
import cn.sunshine.console.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Quota ledgers (培训转移任务名额) of the officer's division: each ledger with what it received from above and what
 * it allocated below; the province officer makes the year's plan; an officer allocates to a division directly
 * below (province → city or county, city → county) or, from a county, to a base for a major. Allocating to a
 * recipient that already holds a current allocation reallocates it: the console names that allocation as
 * {@code replaces}. Every write carries an {@code Idempotency-Key} drawn with its form.
 */
@Controller
public class QuotasController {

    private final Gateway gateway;
    private final Regions regions;

    public QuotasController(Gateway gateway, Regions regions) {
        this.gateway = gateway;
        this.regions = regions;
    }

    @GetMapping("/accreditation/quotas")
    String ledgers(@RequestParam(required = false) Integer year, Authentication auth, Model model) {
        CurrentUser me = Pages.officer(auth);
        int y = ReviewsController.year(year);
        drawLedgers(y, me, model, Map.of("year", String.valueOf(y)), UUID.randomUUID().toString());
        return "quota/ledgers";
    }

    private void drawLedgers(int year, CurrentUser me, Model model, Map<String, ?> form, String key) {
        List<Map<String, Object>> ledgers = Pages.items(gateway.get("/api/accreditation/quota-ledgers?size=100&year=" + year).body());
        model.addAttribute("ledgers", ledgers);
        model.addAttribute("year", year);
        model.addAttribute("regions", regions);
        model.addAttribute("plans", me.has("PROVINCE_OFFICER"));
        model.addAttribute("form", form);
        model.addAttribute("idempotencyKey", key);
    }

    /** The province officer's plan of the year (the province's ledger). */
    @PostMapping("/accreditation/quotas")
    String plan(@RequestParam MultiValueMap<String, String> params, Authentication auth, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        CurrentUser me = Pages.officer(auth);
        String key = Pages.key(params.getFirst("idempotencyKey"));
        Map<String, String> invalid = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("divisionCode", me.division());
        body.put("year", TendersController.integer(params.getFirst("year"), "year", invalid));
        body.put("total", TendersController.integer(params.getFirst("total"), "total", invalid));
        body.put("reason", ComplaintsController.trimmed(params.getFirst("reason")));
        try {
            Pages.refuseInvalid(invalid);
            Gateway.Answer created = gateway.post("/api/accreditation/quota-ledgers", body, Pages.idempotent(key));
            return Pages.done(request, response, "/accreditation/quotas/" + Pages.id(String.valueOf(created.body().get("id"))) + "?done=planned");
        } catch (ApiException e) {
            Pages.refusedUnless(model, "plan", e, 401);
            Integer y = (Integer) body.get("year");
            drawLedgers(ReviewsController.year(y), me, model, params.toSingleValueMap(), key);
            return "quota/ledgers";
        }
    }

    @GetMapping("/accreditation/quotas/{ledgerId}")
    String ledger(@PathVariable String ledgerId, @RequestParam(required = false) String done, Authentication auth, Model model) {
        Pages.officer(auth);
        load(ledgerId, model, Map.of(), UUID.randomUUID().toString());
        Pages.sayDone(model, done, "planned|allocated");
        return "quota/ledger";
    }

    /** The ledger, and the recipients its officer may allocate to: the divisions below, or the county's bases' majors. */
    private void load(String ledgerId, Model model, Map<String, ?> form, String key) {
        Map<String, Object> ledger = gateway.get("/api/accreditation/quota-ledgers/" + Pages.id(ledgerId)).body();
        model.addAttribute("ledger", ledger);
        model.addAttribute("ledgerId", ledgerId);
        model.addAttribute("regions", regions);
        model.addAttribute("form", form);
        model.addAttribute("idempotencyKey", key);
        List<Map<String, String>> recipients = new ArrayList<>();
        Map<String, Object> baseNames = new LinkedHashMap<>();
        model.addAttribute("baseNames", baseNames);
        String division = String.valueOf(ledger.get("divisionCode"));
        if ("COUNTY".equals(ledger.get("level"))) {
            try {
                for (Map<String, Object> b : Pages.items(gateway.get("/api/accreditation/bases?status=ACCREDITED&size=200&division=" + division).body())) {
                    baseNames.put(String.valueOf(b.get("id")), b.get("name"));
                    for (Map<String, Object> m : Pages.list(b.get("majors"))) {
                        recipients.add(recipient(ledger, "base:" + b.get("id") + ":" + m.get("majorCode"),
                                b.get("name") + " · " + (m.get("majorName") != null ? m.get("majorName") : m.get("majorCode")),
                                null, String.valueOf(b.get("id")), String.valueOf(m.get("majorCode"))));
                    }
                }
            } catch (ApiException e) {
                ClassWorkController.signInAgain(e);
            }
        } else {
            for (Regions.Region r : regions.children(division)) {
                recipients.add(recipient(ledger, "division:" + r.code(), r.name(), r.code(), null, null));
                if ("PROVINCE".equals(ledger.get("level"))) {
                    for (Regions.Region c : regions.children(r.code())) {
                        recipients.add(recipient(ledger, "division:" + c.code(), r.name() + " · " + c.name(), c.code(), null, null));
                    }
                }
            }
        }
        model.addAttribute("recipients", recipients);
    }

    /**
     * A recipient of the form: its value names the current allocation it would replace, as the page was drawn (so a
     * resent form is the same request, and one drawn before another's allocation is refused by the API, not lost).
     */
    private static Map<String, String> recipient(Map<String, Object> ledger, String value, String label, String toDivision,
                                                 String baseId, String majorCode) {
        String replaces = current(ledger, toDivision, baseId, majorCode);
        return Map.of("value", replaces == null ? value : value + "~" + replaces, "label", label);
    }

    /** The current allocation of this ledger to the same recipient, if any: the one a new allocation replaces. */
    static String current(Map<String, Object> ledger, String toDivision, String baseId, String majorCode) {
        return Pages.list(ledger.get("allocations")).stream()
                .filter(a -> "CURRENT".equals(a.get("status")))
                .filter(a -> Objects.equals(a.get("toDivision"), toDivision) && Objects.equals(a.get("baseId"), baseId)
                        && Objects.equals(a.get("majorCode"), majorCode))
                .map(a -> String.valueOf(a.get("id"))).findFirst().orElse(null);
    }

    @PostMapping("/accreditation/quotas/{ledgerId}/allocations")
    String allocate(@PathVariable String ledgerId, @RequestParam MultiValueMap<String, String> params, Authentication auth,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        String key = Pages.key(params.getFirst("idempotencyKey"));
        Map<String, String> invalid = new LinkedHashMap<>();
        String recipient = params.getFirst("recipient");
        String replaces = null;
        if (recipient != null && recipient.contains("~")) {
            replaces = recipient.substring(recipient.indexOf('~') + 1);
            recipient = recipient.substring(0, recipient.indexOf('~'));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (recipient != null && recipient.matches("division:[1-9]\\d{5}")) {
            body.put("toDivision", recipient.substring("division:".length()));
        } else if (recipient != null && recipient.matches("base:[A-Za-z0-9_:-]{1,100}:[A-Z][A-Z0-9_]{1,39}")) {
            int last = recipient.lastIndexOf(':');
            body.put("baseId", recipient.substring("base:".length(), last));
            body.put("majorCode", recipient.substring(last + 1));
        } else {
            invalid.put("recipient", "");
        }
        body.put("amount", TendersController.integer(params.getFirst("amount"), "amount", invalid));
        body.put("reason", ComplaintsController.trimmed(params.getFirst("reason")));
        try {
            Pages.refuseInvalid(invalid);
            body.put("replaces", replaces != null && replaces.matches("[A-Za-z0-9_:-]{1,100}") ? replaces : null);
            gateway.post("/api/accreditation/quota-ledgers/" + Pages.id(ledgerId) + "/allocations", body, Pages.idempotent(key));
        } catch (ApiException e) {
            Pages.refusedUnless(model, "allocate", e, 404, 401);
            load(ledgerId, model, params.toSingleValueMap(), key);
            return "quota/ledger";
        }
        return Pages.done(request, response, "/accreditation/quotas/" + ledgerId + "?done=allocated");
    }
}
