package cn.sunshine.console.expert;

import cn.sunshine.console.accreditation.Pages;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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
 * The expert reviewer's (评审专家) work: the panels they sit on (the tenders the API lists for a reviewer), for each
 * the declaration on conflicts of interest, then one score sheet per application — final once submitted. Every
 * write carries an {@code Idempotency-Key} drawn with the form (a double-click or a resend files one declaration
 * or sheet; the API's insert-only sheet answers 409 to a second one), and htmx disables the buttons in flight.
 */
@Controller
public class ExpertController {

    static final String ID = "[A-Za-z0-9_-]{1,100}";

    private final Gateway gateway;

    public ExpertController(Gateway gateway) {
        this.gateway = gateway;
    }

    static String id(String id) {
        return Pages.segment(id, ID);
    }

    static String subject(Authentication auth) {
        return auth != null && auth.getPrincipal() instanceof OidcUser u ? u.getSubject() : null;
    }

    /** The reviewer's own line of a panel (by the token's subject), or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> myMember(Map<String, Object> panel, String subject) {
        Object members = panel.get("members");
        if (members instanceof List<?> list) {
            for (Object m : list) {
                if (m instanceof Map<?, ?> member && Objects.equals(member.get("reviewerId"), subject)) {
                    return (Map<String, Object>) member;
                }
            }
        }
        return null;
    }

    /** The applications this reviewer has scored: the ranking's sheets name their reviewer (the name on the panel). */
    static List<String> scoredBy(Map<String, Object> ranking, String reviewerName) {
        List<String> scored = new ArrayList<>();
        if (reviewerName != null && ranking.get("entries") instanceof List<?> entries) {
            for (Object e : entries) {
                if (e instanceof Map<?, ?> entry && entry.get("sheets") instanceof List<?> sheets) {
                    for (Object s : sheets) {
                        if (s instanceof Map<?, ?> sheet && reviewerName.equals(sheet.get("reviewerName"))) {
                            scored.add(String.valueOf(entry.get("applicationId")));
                        }
                    }
                }
            }
        }
        return scored;
    }

    /** My panels: each tender I review, my declaration's state and how many of its applications I have scored. */
    @GetMapping("/expert")
    String panels(Authentication auth, Model model) {
        String me = subject(auth);
        List<Map<String, Object>> rows = new ArrayList<>();
        Object items = gateway.get("/api/accreditation/tenders?size=100").body().get("items");
        if (items instanceof List<?> list) {
            for (Object o : list) {
                @SuppressWarnings("unchecked")
                Map<String, Object> tender = (Map<String, Object>) o;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("tender", tender);
                String tenderId = id(String.valueOf(tender.get("id")));
                try {
                    Map<String, Object> member = myMember(gateway.get("/api/accreditation/tenders/" + tenderId + "/panel").body(), me);
                    row.put("member", member);
                    if (member != null) {
                        Map<String, Object> ranking = gateway.get("/api/accreditation/tenders/" + tenderId + "/ranking").body();
                        row.put("scored", scoredBy(ranking, (String) member.get("name")).size());
                        row.put("applications", ranking.get("entries") instanceof List<?> e ? e.size() : 0);
                    }
                } catch (ApiException e) {
                    row.put("unavailable", ApiErrors.kindOf(e.status()));
                }
                rows.add(row);
            }
        }
        model.addAttribute("rows", rows);
        return "expert/panels";
    }

    @GetMapping("/expert/tenders/{tenderId}")
    String tender(@PathVariable String tenderId, @RequestParam(required = false) String done, Authentication auth, Model model) {
        loadTender(tenderId, auth, model);
        model.addAttribute("done", "declared".equals(done) || "scored".equals(done) ? done : null);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "expert/tender";
    }

    private void loadTender(String tenderId, Authentication auth, Model model) {
        String path = "/api/accreditation/tenders/" + id(tenderId);
        Map<String, Object> tender = gateway.get(path).body();
        Map<String, Object> member = myMember(gateway.get(path + "/panel").body(), subject(auth));
        if (member == null) {
            throw new ApiException(404, "urn:sunshine:problem:not-found", "not on this panel", Map.of());
        }
        model.addAttribute("tender", tender);
        model.addAttribute("tenderId", tenderId);
        model.addAttribute("member", member);
        model.addAttribute("applications", gateway.get(path + "/applications?size=200").body());
        model.addAttribute("scored", scoredBy(gateway.get(path + "/ranking").body(), (String) member.get("name")));
    }

    /** The declaration on conflicts of interest: no conflict (then the reviewer may score), or a conflict (recused). */
    @PostMapping("/expert/tenders/{tenderId}/declaration")
    String declare(@PathVariable String tenderId, @RequestParam(required = false) String noConflict,
                   @RequestParam(defaultValue = "") String statement, @RequestParam(defaultValue = "") String idempotencyKey,
                   Authentication auth, HttpServletRequest request, HttpServletResponse response, Model model) {
        String key = idempotencyKey.matches("[A-Za-z0-9-]{8,64}") ? idempotencyKey : UUID.randomUUID().toString();
        model.addAttribute("tenderId", tenderId);
        model.addAttribute("idempotencyKey", key);
        model.addAttribute("statement", statement);
        model.addAttribute("member", Map.of("status", "APPOINTED"));
        if (noConflict == null || !(noConflict.equals("true") || noConflict.equals("false"))) {
            model.addAttribute("kind", ApiErrors.Kind.INVALID);
            model.addAttribute("problem", new ApiException(400, "urn:sunshine:problem:validation", null,
                    Map.of("noConflict", "")));
            return declarationRefused(tenderId, auth, request, model);
        }
        Map<String, Object> body = Map.of("noConflict", Boolean.valueOf(noConflict), "statement", statement.trim());
        try {
            gateway.post("/api/accreditation/tenders/" + id(tenderId) + "/panel/declarations", body,
                    h -> h.set("Idempotency-Key", key));
        } catch (ApiException e) {
            model.addAttribute("kind", ApiErrors.kindOf(e.status()));
            model.addAttribute("problem", e);
            return declarationRefused(tenderId, auth, request, model);
        }
        return Pages.done(request, response, "/expert/tenders/" + tenderId + "?done=declared");
    }

    private String declarationRefused(String tenderId, Authentication auth, HttpServletRequest request, Model model) {
        if ("true".equals(request.getHeader("HX-Request"))) {
            return "expert/tender :: declaration";
        }
        loadTender(tenderId, auth, model);
        return "expert/tender";
    }

    @GetMapping("/expert/applications/{applicationId}")
    String application(@PathVariable String applicationId, Authentication auth, Model model) {
        loadApplication(applicationId, auth, model);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute("form", Map.of());
        return "expert/application";
    }

    private void loadApplication(String applicationId, Authentication auth, Model model) {
        Map<String, Object> application = gateway.get("/api/accreditation/applications/" + id(applicationId)).body();
        String tenderId = String.valueOf(application.get("tenderId"));
        loadTender(tenderId, auth, model);
        model.addAttribute("applicant", application);
        model.addAttribute("applicationId", applicationId);
    }

    /** One score sheet: an integer per criterion on the tender's scale, the inspection, comments. Final once submitted. */
    @PostMapping("/expert/applications/{applicationId}/score-sheet")
    String score(@PathVariable String applicationId, @RequestParam Map<String, String> params, Authentication auth,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        String key = params.getOrDefault("idempotencyKey", "");
        String idempotencyKey = key.matches("[A-Za-z0-9-]{8,64}") ? key : UUID.randomUUID().toString();
        loadApplication(applicationId, auth, model);
        @SuppressWarnings("unchecked")
        Map<String, Object> tender = (Map<String, Object>) model.getAttribute("tender");
        List<Map<String, Object>> scores = new ArrayList<>();
        Map<String, String> invalid = new LinkedHashMap<>();
        List<?> criteria = tender.get("criteria") instanceof List<?> l ? l : List.of();
        for (int i = 0; i < criteria.size(); i++) {
            Map<?, ?> c = (Map<?, ?>) criteria.get(i);
            String given = params.getOrDefault("score-" + c.get("code"), "").trim();
            try {
                scores.add(Map.of("criterionCode", String.valueOf(c.get("code")), "score", Integer.parseInt(given)));
            } catch (NumberFormatException e) {
                invalid.put("scores[" + i + "].score", "");
            }
        }
        Map<String, Object> inspection = new LinkedHashMap<>();
        inspection.put("visitedOn", blankToNull(params.get("visitedOn")));
        inspection.put("result", blankToNull(params.get("result")));
        inspection.put("findings", params.getOrDefault("findings", "").trim());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scores", scores);
        body.put("inspection", inspection);
        String comments = params.getOrDefault("comments", "").trim();
        if (!comments.isEmpty()) {
            body.put("comments", comments);
        }
        model.addAttribute("form", params);
        model.addAttribute("idempotencyKey", idempotencyKey);
        try {
            Pages.refuseInvalid(invalid);
            gateway.post("/api/accreditation/applications/" + id(applicationId) + "/score-sheets", body,
                    h -> h.set("Idempotency-Key", idempotencyKey));
        } catch (ApiException e) {
            model.addAttribute("kind", "score-sheet-already-submitted".equals(e.kind()) ? ApiErrors.Kind.CHANGED
                    : ApiErrors.kindOf(e.status()));
            model.addAttribute("problem", e);
            return "true".equals(request.getHeader("HX-Request")) ? "expert/application :: sheet" : "expert/application";
        }
        return Pages.done(request, response, "/expert/tenders/" + model.getAttribute("tenderId") + "?done=scored");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
