package cn.sunshine.console.year;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
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

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.sunshine.console.web.FormFeedback.besideSwapped;
import static cn.sunshine.console.web.FormFeedback.beside;
import static cn.sunshine.console.classes.BaseClassesController.blankToNull;
import static cn.sunshine.console.classes.BaseClassesController.fen;
import static cn.sunshine.console.classes.BaseClassesController.htmx;
import static cn.sunshine.console.classes.BaseClassesController.integer;
import static cn.sunshine.console.classes.ClassesController.seg;
import static cn.sunshine.console.year.ClassWorkController.ifMatch;
import static cn.sunshine.console.year.ClassWorkController.next;
import static cn.sunshine.console.year.ClassWorkController.require;

/**
 * Follow-up after placement (跟踪服务) and the labour-rights cases it escalates: the placements with a contact due
 * (or overdue), a placement with its schedule and the form for the contact due, and the county's escalation cases
 * with their resolution. Recording a contact and resolving a case send the record's version as {@code If-Match}, so
 * a double-click or a colleague's record in between is answered 412/409 and never recorded twice.
 */
@Controller
public class FollowUpsController {

    static final List<String> PROBLEMS = List.of("UNPAID_WAGES", "NO_CONTRACT", "UNSAFE_WORK", "EXCESSIVE_HOURS", "OTHER");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final Gateway gateway;

    public FollowUpsController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/follow-ups")
    String followUps(@RequestParam(defaultValue = "DUE") String state, @RequestParam(defaultValue = "0") int page,
                     Authentication auth, Model model) {
        require(auth, "COUNTY_OFFICER", "BASE_STAFF");
        String s = "OVERDUE".equals(state) ? "OVERDUE" : "DUE";
        int p = Math.max(0, page);
        model.addAttribute("state", s);
        model.addAttribute("page", p);
        model.addAttribute("list", gateway.get("/api/placement/follow-ups?state=" + s + "&size=50&page=" + p).body());
        return "year/follow-ups";
    }

    @GetMapping("/placements/{placementId}")
    String placement(@PathVariable String placementId, @RequestParam(required = false) Integer recorded,
                     @RequestParam(required = false) String escalated, @RequestParam(required = false) String changed,
                     Authentication auth, Model model) {
        require(auth, "COUNTY_OFFICER", "BASE_STAFF");
        model.addAttribute("recorded", recorded);
        model.addAttribute("escalated", escalated);
        model.addAttribute("changed", "left".equals(changed) || "replaced".equals(changed) ? changed : null);
        model.addAttribute("isBaseStaff", CurrentUser.of(auth) != null && CurrentUser.of(auth).has("BASE_STAFF"));
        drawPlacement(placementId, model);
        return "year/placement";
    }

    /**
     * Base staff record that the trainee left the job (离岗): the remaining follow-ups are cancelled, and a
     * re-placement may follow. Sent with the placement's version (If-Match): a page older than the record is told so.
     */
    @PostMapping("/placements/{placementId}/departure")
    String departure(@PathVariable String placementId, @RequestParam MultiValueMap<String, String> form, Authentication auth,
                     HttpServletResponse response, Model model) {
        require(auth, "BASE_STAFF");
        Map<String, String> f = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leftOn", blankToNull(f.get("leftOn")));
        body.put("reason", blankToNull(f.get("reason")));
        try {
            gateway.post("/api/placement/placements/" + seg(placementId) + "/departure", body, ifMatch(f.get("version")));
            return "redirect:/placements/" + seg(placementId) + "?changed=left";
        } catch (ApiException e) {
            return changeRefused(e, "departure", placementId, f, auth, response, model);
        }
    }

    /**
     * Base staff report the trainee's next job after a departure (再就业): a new placement that replaces the one left,
     * with its own follow-ups. Sent once (Idempotency-Key of the page): a double click records one placement.
     */
    @PostMapping("/placements/{placementId}/replacement")
    String replacement(@PathVariable String placementId, @RequestParam MultiValueMap<String, String> form,
                       Authentication auth, HttpServletResponse response, Model model) {
        require(auth, "BASE_STAFF");
        Map<String, String> f = form.toSingleValueMap();
        Map<String, Object> left = gateway.get("/api/placement/placements/" + seg(placementId)).body();
        Map<String, Object> employer = new LinkedHashMap<>();
        employer.put("name", blankToNull(f.get("employerName")));
        employer.put("creditCode", ClassWorkController.upper(f.get("creditCode")));
        employer.put("address", blankToNull(f.get("address")));
        employer.put("hrPhone", blankToNull(f.get("hrPhone")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enrollmentId", left.get("enrollmentId"));
        body.put("employer", employer);
        body.put("job", blankToNull(f.get("job")));
        body.put("monthlyWageFen", fen(f.get("wageYuan")));
        body.put("startDate", blankToNull(f.get("startDate")));
        String workplace = f.get("workplace");
        body.put("workplace", workplace != null && ClassWorkController.WORKPLACES.contains(workplace) ? workplace : null);
        body.put("contractSigned", "true".equals(f.get("contractSigned")));
        body.put("replacesPlacementId", placementId);
        String key = f.get("key");
        try {
            Map<String, Object> placed = gateway.post("/api/placement/placements", body, h -> {
                if (key != null && key.matches("[0-9a-f-]{36}")) {
                    h.set("Idempotency-Key", key);
                }
            }).body();
            return "redirect:/placements/" + seg(String.valueOf(placed.get("id"))) + "?changed=replaced";
        } catch (ApiException e) {
            return changeRefused(e, "replacement", placementId, f, auth, response, model);
        }
    }

    private String changeRefused(ApiException e, String which, String placementId, Map<String, String> form,
                                 Authentication auth, HttpServletResponse response, Model model) {
        ApiErrors.Kind kind = beside(which, e, model, response);
        model.addAttribute(which + "Form", form);
        model.addAttribute("isBaseStaff", true);
        String key = form.get("key");
        if ("replacement".equals(which) && kind != ApiErrors.Kind.INVALID && key != null && key.matches("[0-9a-f-]{36}")) {
            // Refused for a reason other than the input (unavailable, in progress): it may yet have landed, so the
            // same key goes again — a second placement is not possible. A refused input recorded nothing: new key.
            model.addAttribute("replacementKey", key);
        }
        drawPlacement(placementId, model);
        return "year/placement";
    }

    @PostMapping("/placements/{placementId}/follow-ups/{number}")
    String record(@PathVariable String placementId, @PathVariable int number,
                  @RequestParam MultiValueMap<String, String> form, Authentication auth, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        require(auth, "COUNTY_OFFICER", "BASE_STAFF");
        Map<String, String> f = form.toSingleValueMap();
        boolean reached = "true".equals(f.get("reached"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactedOn", blankToNull(f.get("contactedOn")));
        body.put("reached", reached);
        if (reached) {
            body.put("stillEmployed", "true".equals(f.get("stillEmployed")));
            body.put("monthlyWageFen", fen(f.get("wageYuan")));
            body.put("satisfaction", integer(f.get("satisfaction")));
        }
        List<String> problems = form.getOrDefault("problem", List.of()).stream().filter(PROBLEMS::contains).toList();
        body.put("problems", problems);
        body.put("unpaidWagesFen", problems.contains("UNPAID_WAGES") ? fen(f.get("unpaidYuan")) : null);
        body.put("note", blankToNull(f.get("note")));
        String version = f.get("version");
        try {
            Map<String, Object> answer = gateway.post("/api/placement/placements/" + seg(placementId) + "/follow-ups/" + number,
                    body, ifMatch(version)).body();
            Object caseId = answer.get("escalationCaseId");
            return next("/placements/" + seg(placementId) + "?recorded=" + number
                    + (caseId == null ? "" : "&escalated=" + seg(String.valueOf(caseId))), request, response);
        } catch (ApiException e) {
            besideSwapped("contact", e, model, request, response);
            model.addAttribute("submitted", f);
            model.addAttribute("submittedProblems", problems);
            drawPlacement(placementId, model);
            return htmx(request) ? "year/placement :: contact" : "year/placement";
        }
    }

    private void drawPlacement(String placementId, Model model) {
        Map<String, Object> p = gateway.get("/api/placement/placements/" + seg(placementId)).body();
        model.addAttribute("placement", p);
        model.addAttribute("placementId", placementId);
        model.addAttribute("problems", PROBLEMS);
        model.addAttribute("today", LocalDate.now(SHANGHAI).toString());
        Object due = null;
        if ("CURRENT".equals(p.get("status")) && p.get("followUps") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> fu && "DUE".equals(fu.get("status"))) {
                    due = fu;
                    break;
                }
            }
        }
        model.addAttribute("due", due);
        if (!model.containsAttribute("replacementKey")) {
            model.addAttribute("replacementKey", java.util.UUID.randomUUID().toString());
        }
    }

    // ---- escalations ------------------------------------------------------------------------------------------

    static final String[] ESCALATION_READERS = {"COUNTY_OFFICER", "BASE_STAFF"};

    /** The escalations' filter: RESOLVED, or else OPEN (anything else is not passed on). */
    static String escalationStatus(String status) {
        return "RESOLVED".equals(status) ? "RESOLVED" : "OPEN";
    }

    @GetMapping("/escalations")
    String escalations(@RequestParam(defaultValue = "OPEN") String status, @RequestParam(defaultValue = "0") int page,
                       @RequestParam(required = false) String resolved, Authentication auth, Model model) {
        require(auth, ESCALATION_READERS);
        drawEscalations(escalationStatus(status), Math.max(0, page), model);
        model.addAttribute("resolved", resolved);
        return "year/escalations";
    }

    @PostMapping("/escalations/{caseId}/resolution")
    String resolve(@PathVariable String caseId, @RequestParam(required = false) String resolution,
                   @RequestParam(required = false) String recoveredYuan, @RequestParam(required = false) String version,
                   Authentication auth, HttpServletRequest request, HttpServletResponse response, Model model) {
        require(auth, "COUNTY_OFFICER");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resolution", blankToNull(resolution));
        body.put("recoveredWagesFen", recoveredYuan == null || recoveredYuan.isBlank() ? Long.valueOf(0) : fen(recoveredYuan));
        try {
            gateway.post("/api/placement/escalations/" + seg(caseId) + "/resolution", body, ifMatch(version));
            return next("/escalations?resolved=" + seg(caseId), request, response);
        } catch (ApiException e) {
            beside("case", e, model, response);
            model.addAttribute("caseId", caseId);
            model.addAttribute("submitted", Map.of("resolution", resolution == null ? "" : resolution,
                    "recoveredYuan", recoveredYuan == null ? "" : recoveredYuan));
            drawEscalations("OPEN", 0, model);
            return "year/escalations";
        }
    }

    private void drawEscalations(String status, int page, Model model) {
        model.addAttribute("status", status);
        model.addAttribute("page", page);
        model.addAttribute("list", gateway.get("/api/placement/escalations?status=" + status + "&size=50&page=" + page).body());
    }
}
