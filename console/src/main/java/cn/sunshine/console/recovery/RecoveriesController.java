package cn.sunshine.console.recovery;

import cn.sunshine.console.accreditation.Pages;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.export.ListExports;
import cn.sunshine.console.web.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.sunshine.console.classes.BaseClassesController.blankToNull;
import static cn.sunshine.console.classes.BaseClassesController.fen;
import static cn.sunshine.console.classes.ClassesController.seg;
import static cn.sunshine.console.export.ListExports.column;
import static cn.sunshine.console.export.ListExports.count;
import static cn.sunshine.console.export.ListExports.text;
import static cn.sunshine.console.export.ListExports.yuan;
import static cn.sunshine.console.spotcheck.SpotChecksController.idempotent;
import static cn.sunshine.console.web.FormFeedback.refused;
import static cn.sunshine.console.year.ClassWorkController.require;

/**
 * Recoveries (追回): the county officer orders what was paid for some trainees of a base recovered (from a spot
 * check's finding, or a duplicate found later); the county's orders, each base's read from the subsidy API; a
 * recovery's page with its state. Finance records the base's repayment (the bureau's receipt reference and the
 * whole amount), and another finance officer confirms it re-keying both from the statement, or rejects it — the
 * API keeps the two people apart (422 {@code separation-of-duties}), shown in its words.
 */
@Controller
public class RecoveriesController {

    static final String[] READERS = {"COUNTY_OFFICER", "FINANCE_OFFICER", "COUNTY_LEADER", "CITY_OFFICER", "PROVINCE_OFFICER", "AUDITOR"};
    static final Set<String> STATUSES = Set.of("OPEN", "SETTLEMENT_RECORDED", "SETTLED");

    private final Gateway gateway;
    private final ListExports exports;

    public RecoveriesController(Gateway gateway, ListExports exports) {
        this.gateway = gateway;
        this.exports = exports;
    }

    /** The list's filter: a status of an order, or null (anything else is not applied). */
    static String status(String status) {
        return status != null && STATUSES.contains(status) ? status : null;
    }

    /** The county's recovery orders: every base's (the subsidy API lists them per base), newest first. */
    public record Listing(List<Map<String, Object>> orders, Map<Object, Object> baseNames, int unavailable) {

        /** The orders of a status; all of them for null. */
        public List<Map<String, Object>> withStatus(String status) {
            return status == null ? orders : orders.stream().filter(o -> status.equals(o.get("status"))).toList();
        }
    }

    public static Listing listing(Gateway gateway) {
        Gateway.Answer answer = gateway.get("/api/enrollment/bases?size=200");
        List<?> bases = answer != null && answer.body().get("items") instanceof List<?> l ? l : List.of();
        Map<Object, Object> names = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>();
        for (Object b : bases) {
            if (b instanceof Map<?, ?> m && m.get("baseId") != null) {
                names.put(m.get("baseId"), m.get("name"));
                paths.add("/api/subsidy/bases/" + seg(String.valueOf(m.get("baseId"))) + "/recoveries");
            }
        }
        List<Map<String, Object>> orders = new ArrayList<>();
        int unavailable = 0;
        for (Object each : paths.isEmpty() ? List.of() : gateway.getEach(paths)) {
            if (each instanceof Gateway.Answer a) {
                for (Object o : a.list()) {
                    if (o instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> order = (Map<String, Object>) m;
                        orders.add(order);
                    }
                }
            } else if (each instanceof ApiException e) {
                cn.sunshine.console.year.ClassWorkController.signInAgain(e);
                unavailable++;
            }
        }
        orders.sort(Comparator.comparing((Map<String, Object> o) -> String.valueOf(o.get("orderedAt"))).reversed());
        return new Listing(orders, names, unavailable);
    }

    @GetMapping("/recoveries")
    String list(@RequestParam(required = false) String status, Authentication auth, Model model) {
        require(auth, READERS);
        Listing listing = listing(gateway);
        String s = status(status);
        model.addAttribute("status", s);
        model.addAttribute("orders", listing.withStatus(s));
        model.addAttribute("baseNames", listing.baseNames());
        model.addAttribute("unavailable", listing.unavailable());
        return "recovery/list";
    }

    /**
     * The recovery orders of the list as Excel. A base's orders that cannot be read make the ledger incomplete: it is
     * refused (try again later) rather than handed out short.
     */
    @GetMapping("/recoveries/export.xlsx")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String status, Authentication auth) {
        require(auth, READERS);
        Listing listing = listing(gateway);
        if (listing.unavailable() > 0) {
            throw new ApiException(503, null, listing.unavailable() + " bases' recoveries could not be read", Map.of());
        }
        Map<Object, Object> names = listing.baseNames();
        return exports.ledger("recoveries", List.of(
                text("recovery.number", "recoveryId"),
                exports.dateTime("recovery.orderedAt", "orderedAt"),
                column("check.base", r -> names.get(r.get("baseId")) != null ? names.get(r.get("baseId")) : r.get("baseId")),
                column("recovery.source", r -> exports.label("recovery.", r.get("findingId") != null ? "fromFinding" : "fromOfficer")),
                text("recovery.reason", "reason"),
                count("recovery.trainees", "items"),
                yuan("recovery.amount", "amountFen"),
                exports.label("recovery.state", "status", "recovery.status."),
                text("recovery.reference", "settlementReference"),
                exports.dateTime("recovery.settledAt", "settledAt")),
                listing.withStatus(status(status)));
    }

    @GetMapping("/recoveries/new")
    String form(@RequestParam(required = false) String baseId, @RequestParam(required = false) List<String> enrollmentId,
                @RequestParam(required = false) String reason, Authentication auth, Model model) {
        require(auth, "COUNTY_OFFICER");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("baseId", baseId == null ? "" : baseId);
        form.put("enrollmentIds", enrollmentId == null ? "" : String.join("\n", enrollmentId));
        form.put("reason", reason == null ? "" : reason);
        drawForm(form, model);
        return "recovery/new";
    }

    private void drawForm(Map<String, String> form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("bases", gateway.get("/api/enrollment/bases?size=200").body().getOrDefault("items", List.of()));
        model.addAttribute("key", UUID.randomUUID().toString());
    }

    @PostMapping("/recoveries")
    String order(@RequestParam(required = false) String baseId, @RequestParam(required = false) String enrollmentIds,
                 @RequestParam(required = false) String reason, @RequestParam(required = false) String key,
                 Authentication auth, HttpServletResponse response, Model model) {
        require(auth, "COUNTY_OFFICER");
        List<String> ids = enrollmentIds == null ? List.of() : Arrays.stream(enrollmentIds.split("[\\s,，;；]+"))
                .map(String::strip).filter(x -> !x.isEmpty()).distinct().toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("baseId", blankToNull(baseId));
        body.put("enrollmentIds", ids);
        body.put("reason", blankToNull(reason));
        try {
            Map<String, Object> answer = gateway.post("/api/subsidy/recoveries", body, idempotent(key)).body();
            return "redirect:/recoveries/" + seg(String.valueOf(answer.get("recoveryId"))) + "?done=ordered";
        } catch (ApiException e) {
            refused(e, model, response);
            drawForm(Map.of("baseId", baseId == null ? "" : baseId, "enrollmentIds", enrollmentIds == null ? "" : enrollmentIds,
                    "reason", reason == null ? "" : reason), model);
            return "recovery/new";
        }
    }

    @GetMapping("/recoveries/{id}")
    String recovery(@PathVariable String id, @RequestParam(required = false) String done, Authentication auth, Model model) {
        CurrentUser me = require(auth, READERS);
        Pages.sayDone(model, done, "[a-z]{1,20}");
        drawRecovery(id, me, model);
        return "recovery/recovery";
    }

    private void drawRecovery(String id, CurrentUser me, Model model) {
        Map<String, Object> r = gateway.get("/api/subsidy/recoveries/" + seg(id)).body();
        model.addAttribute("recovery", r);
        model.addAttribute("recoveryId", id);
        model.addAttribute("baseName", cn.sunshine.console.spotcheck.SpotChecksController.baseName(gateway, r.get("baseId")));
        model.addAttribute("finance", me.has("FINANCE_OFFICER"));
        Object settlement = r.get("settlement");
        model.addAttribute("recordedByMe", settlement instanceof Map<?, ?> s && me.username().equals(s.get("recordedBy")));
    }

    // ---- finance's part: on the finance desk's paths -------------------------------------------------------

    @PostMapping("/finance/recoveries/{id}/settlement")
    String record(@PathVariable String id, @RequestParam(required = false) String reference,
                  @RequestParam(required = false) String amountYuan, Authentication auth, HttpServletResponse response, Model model) {
        return finance(id, "/settlement", settlement(reference, amountYuan), typed(reference, amountYuan), "recorded", auth, response, model);
    }

    @PostMapping("/finance/recoveries/{id}/confirmation")
    String confirm(@PathVariable String id, @RequestParam(required = false) String reference,
                   @RequestParam(required = false) String amountYuan, Authentication auth, HttpServletResponse response, Model model) {
        return finance(id, "/settlement/confirmation", settlement(reference, amountYuan), typed(reference, amountYuan), "confirmed", auth, response, model);
    }

    @PostMapping("/finance/recoveries/{id}/rejection")
    String reject(@PathVariable String id, @RequestParam(required = false) String reason, Authentication auth,
                  HttpServletResponse response, Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", blankToNull(reason));
        return finance(id, "/settlement/rejection", body, Map.of("reason", reason == null ? "" : reason), "rejected", auth, response, model);
    }

    private static Map<String, Object> settlement(String reference, String amountYuan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", reference == null ? null : blankToNull(reference.strip()));
        body.put("amountFen", fen(amountYuan));
        return body;
    }

    private static Map<String, String> typed(String reference, String amountYuan) {
        return Map.of("reference", reference == null ? "" : reference, "amountYuan", amountYuan == null ? "" : amountYuan);
    }

    private String finance(String id, String path, Map<String, Object> body, Map<String, String> typed, String done, Authentication auth,
                           HttpServletResponse response, Model model) {
        CurrentUser me = require(auth, "FINANCE_OFFICER");
        try {
            gateway.post("/api/subsidy/recoveries/" + seg(id) + path, body, h -> { });
            return "redirect:/recoveries/" + seg(id) + "?done=" + done;
        } catch (ApiException e) {
            refused(e, model, response);
            model.addAttribute("failed", done);
            model.addAttribute("submitted", typed);
            drawRecovery(id, me, model);
            return "recovery/recovery";
        }
    }
}
