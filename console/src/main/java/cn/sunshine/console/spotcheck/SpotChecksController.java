package cn.sunshine.console.spotcheck;

import cn.sunshine.console.accreditation.Pages;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.export.ListExports;
import cn.sunshine.console.web.Formats;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.sunshine.console.web.FormFeedback.beside;
import static cn.sunshine.console.classes.BaseClassesController.blankToNull;
import static cn.sunshine.console.export.ListExports.column;
import static cn.sunshine.console.export.ListExports.text;
import static cn.sunshine.console.classes.ClassesController.seg;
import static cn.sunshine.console.year.ClassWorkController.ifMatch;
import static cn.sunshine.console.year.ClassWorkController.require;

/**
 * The county officer's spot checks (抽查): the county's rounds and spot checks, a county-wide round or one base's
 * check drawn (the seed is the server's; each draw carries an {@code Idempotency-Key}, so a double-click draws once),
 * a spot check's sample with its call form per trainee, the printable call sheet, the pending contacts fetched again,
 * and the conclusion (the phones erased). A call and the conclusion send the check's version as {@code If-Match}; a
 * call is recorded once (the API's 409). Findings are listed with the way to order a recovery.
 */
@Controller
public class SpotChecksController {

    static final String OFFICER = "COUNTY_OFFICER";
    static final int SIZE = 50;

    private final Gateway gateway;
    private final ListExports exports;

    public SpotChecksController(Gateway gateway, ListExports exports) {
        this.gateway = gateway;
        this.exports = exports;
    }

    @GetMapping("/spot-checks")
    String list(@RequestParam(required = false) String round, @RequestParam(defaultValue = "0") int page,
                Authentication auth, Model model) {
        require(auth, OFFICER);
        drawList(round, page, model);
        return "spotcheck/list";
    }

    /** The list's filter: a round's id, or null (anything that is not an id is not passed on). */
    static String round(String round) {
        return round != null && round.matches("[A-Za-z0-9_:.-]{1,100}") ? round : null;
    }

    /** The county's spot checks (or one round's) as Excel: every check in scope, not only the page on screen. */
    @GetMapping("/spot-checks/export.xlsx")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String round, Authentication auth) {
        require(auth, OFFICER);
        String r = round(round);
        Map<Object, Object> names = exports.baseNames();
        return exports.ledger("spotChecks", List.of(
                text("check.id", "id"),
                exports.dateTime("audit.drawnAt", "drawnAt"),
                text("audit.division", "divisionCode"),
                column("audit.base", c -> names.getOrDefault(c.get("baseId"), c.get("baseId"))),
                exports.date("check.export.periodFrom", "periodFrom"),
                exports.date("check.export.periodTo", "periodTo"),
                text("audit.spot.population", "population"),
                text("audit.spot.sampled", "sampled"),
                exports.label("audit.spot.status", "status", "audit.spot."),
                exports.dateTime("check.concludedAt", "concludedAt"),
                text("check.roundId", "roundId")),
                exports.all("/api/placement/spot-checks?" + (r == null ? "" : "roundId=" + r)));
    }

    private void drawList(String round, int page, Model model) {
        int p = Math.max(0, page);
        String r = round(round);
        model.addAttribute("list", gateway.get("/api/placement/spot-checks?size=" + SIZE + "&page=" + p
                + (r == null ? "" : "&roundId=" + r)).body());
        model.addAttribute("round", r);
        model.addAttribute("page", p);
        model.addAttribute("size", SIZE);
        List<?> bases = ListExports.bases(gateway);
        model.addAttribute("bases", bases);
        model.addAttribute("baseNames", ListExports.names(bases));
        LocalDate today = LocalDate.now(Formats.PROGRAMME_ZONE);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of("periodFrom", today.withDayOfYear(1).toString(), "periodTo", today.toString()));
        }
        model.addAttribute("drawKey", UUID.randomUUID().toString());
    }

    /** A county-wide round: one spot check per base that reported placements in the period. */
    @PostMapping("/spot-checks/rounds")
    String drawRound(@RequestParam(required = false) String periodFrom, @RequestParam(required = false) String periodTo,
                     @RequestParam(required = false) String key, Authentication auth, HttpServletResponse response, Model model) {
        require(auth, OFFICER);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("periodFrom", blankToNull(periodFrom));
        body.put("periodTo", blankToNull(periodTo));
        try {
            Map<String, Object> answer = gateway.post("/api/placement/spot-check-rounds", body, idempotent(key)).body();
            return "redirect:/spot-checks?round=" + seg(String.valueOf(answer.get("roundId")));
        } catch (ApiException e) {
            return refused(e, "round", body, response, model);
        }
    }

    /** One base's check (a round of one stratum). */
    @PostMapping("/spot-checks/draws")
    String drawBase(@RequestParam(required = false) String baseId, @RequestParam(required = false) String periodFrom,
                    @RequestParam(required = false) String periodTo, @RequestParam(required = false) String key,
                    Authentication auth, HttpServletResponse response, Model model) {
        require(auth, OFFICER);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("baseId", blankToNull(baseId));
        body.put("periodFrom", blankToNull(periodFrom));
        body.put("periodTo", blankToNull(periodTo));
        try {
            Map<String, Object> answer = gateway.post("/api/placement/spot-checks", body, idempotent(key)).body();
            return "redirect:/spot-checks/" + seg(String.valueOf(answer.get("id")));
        } catch (ApiException e) {
            return refused(e, "base", body, response, model);
        }
    }

    private String refused(ApiException e, String which, Map<String, Object> body, HttpServletResponse response, Model model) {
        beside("draw", e, model, response);
        model.addAttribute("drawWhich", which);
        Map<String, Object> form = new LinkedHashMap<>();
        body.forEach((k, v) -> form.put(k, v == null ? "" : v));
        model.addAttribute("form", form);
        drawList(null, 0, model);
        return "spotcheck/list";
    }

    public static java.util.function.Consumer<org.springframework.http.HttpHeaders> idempotent(String key) {
        return h -> {
            if (key != null && key.matches("[A-Za-z0-9-]{8,80}")) {
                h.set("Idempotency-Key", key);
            }
        };
    }

    @GetMapping("/spot-checks/{id}")
    String check(@PathVariable String id, @RequestParam(required = false) String done, Authentication auth, Model model) {
        require(auth, OFFICER);
        Pages.sayDone(model, done, "[a-z]{1,20}");
        drawCheck(id, model);
        return "spotcheck/check";
    }

    /** The call sheet for A4: each sampled trainee with employer and phone, and the columns for the call's outcome. */
    @GetMapping("/spot-checks/{id}/sheet")
    String sheet(@PathVariable String id, Authentication auth, Model model) {
        require(auth, OFFICER);
        drawCheck(id, model);
        model.addAttribute("printedAt", java.time.Instant.now().toString());
        return "spotcheck/sheet";
    }

    private void drawCheck(String id, Model model) {
        Gateway.Answer answer = gateway.get("/api/placement/spot-checks/" + seg(id));
        Map<String, Object> check = answer.body();
        model.addAttribute("check", check);
        model.addAttribute("checkId", id);
        model.addAttribute("baseName", baseName(gateway, check.get("baseId")));
        model.addAttribute("version", String.valueOf(check.get("version")));
        int called = 0;
        int findings = 0;
        if (check.get("items") instanceof List<?> items) {
            for (Object o : items) {
                if (o instanceof Map<?, ?> item && item.get("call") instanceof Map<?, ?> call) {
                    called++;
                    if (call.get("findingKinds") instanceof List<?> kinds && !kinds.isEmpty()) {
                        findings++;
                    }
                }
            }
        }
        model.addAttribute("called", called);
        model.addAttribute("findings", findings);
    }

    /** A base's name (enrollment's view of the base), or null when it cannot be read: the page then shows the id. */
    public static Object baseName(Gateway gateway, Object baseId) {
        if (baseId == null) {
            return null;
        }
        try {
            return gateway.get("/api/enrollment/bases/" + seg(String.valueOf(baseId))).body().get("name");
        } catch (ApiException e) {
            cn.sunshine.console.year.ClassWorkController.signInAgain(e);
            return null;
        }
    }

    @PostMapping("/spot-checks/{id}/calls")
    String call(@PathVariable String id, @RequestParam Map<String, String> f, Authentication auth,
                HttpServletResponse response, Model model) {
        require(auth, OFFICER);
        boolean reached = "true".equals(f.get("reached"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("placementId", blankToNull(f.get("placementId")));
        body.put("reached", reached);
        if (reached) {
            body.put("attendedTraining", yesNo(f.get("attendedTraining")));
            body.put("employedAsReported", yesNo(f.get("employedAsReported")));
            body.put("subsidyReceived", yesNo(f.get("subsidyReceived")));
            body.put("chargedFee", yesNo(f.get("chargedFee")));
        }
        body.put("note", blankToNull(f.get("note")));
        try {
            gateway.post("/api/placement/spot-checks/" + seg(id) + "/calls", body, ifMatch(f.get("version")));
            return "redirect:/spot-checks/" + seg(id) + "?done=called";
        } catch (ApiException e) {
            beside("call", e, model, response);
            model.addAttribute("callFor", f.get("placementId"));
            model.addAttribute("submitted", f);
            drawCheck(id, model);
            return "spotcheck/check";
        }
    }

    private static Boolean yesNo(String v) {
        return "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : null;
    }

    @PostMapping("/spot-checks/{id}/contacts")
    String contacts(@PathVariable String id, Authentication auth, HttpServletResponse response, Model model) {
        require(auth, OFFICER);
        return act(id, "/contacts", h -> { }, "contacts", response, model);
    }

    @PostMapping("/spot-checks/{id}/conclusion")
    String conclude(@PathVariable String id, @RequestParam(required = false) String version, Authentication auth,
                    HttpServletResponse response, Model model) {
        require(auth, OFFICER);
        return act(id, "/conclusion", ifMatch(version), "concluded", response, model);
    }

    private String act(String id, String path, java.util.function.Consumer<org.springframework.http.HttpHeaders> headers,
                       String done, HttpServletResponse response, Model model) {
        try {
            gateway.post("/api/placement/spot-checks/" + seg(id) + path, Map.of(), headers);
            return "redirect:/spot-checks/" + seg(id) + "?done=" + done;
        } catch (ApiException e) {
            beside("act", e, model, response);
            drawCheck(id, model);
            return "spotcheck/check";
        }
    }
}
