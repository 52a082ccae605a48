package cn.sunshine.console.accreditation;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.year.ClassWorkController;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.Formats;
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

import java.time.Year;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bases of the officer's division and their standing (年度审核/再认定): a base's annual reviews, a review
 * opened with the year's facts as the officer confirms them (filled from what enrollment and placement reported),
 * its decision (renew, renew with conditions, revoke) with the review's ETag, and revocation at once (取缔) with
 * the reason, the base's ETag and a confirmation step.
 */
@Controller
public class ReviewsController {

    static final Set<String> BASE_STATUSES = Set.of("ACCREDITED", "REVOKED");
    static final Set<String> OUTCOMES = Set.of("RENEW", "RENEW_WITH_CONDITIONS", "REVOKE");

    private final Gateway gateway;

    public ReviewsController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/accreditation/bases")
    String bases(@RequestParam(required = false) String status, Authentication auth, Model model) {
        Pages.officer(auth);
        String s = status != null && BASE_STATUSES.contains(status) ? status : null;
        model.addAttribute("list", gateway.get("/api/accreditation/bases?size=200" + (s != null ? "&status=" + s : "")).body());
        model.addAttribute("status", s);
        return "review/bases";
    }

    static int year(Integer asked) {
        return asked != null && asked >= 2000 && asked <= 2100 ? asked : Year.now(Formats.PROGRAMME_ZONE).getValue();
    }

    @GetMapping("/accreditation/bases/{baseId}")
    String base(@PathVariable String baseId, @RequestParam(required = false) Integer year,
                @RequestParam(required = false) String done, Authentication auth, Model model) {
        Pages.officer(auth);
        load(baseId, year(year), model);
        model.addAttribute("done", "revoked".equals(done) ? done : null);
        model.addAttribute("idempotencyKey", java.util.UUID.randomUUID().toString());
        return "review/base";
    }

    /** The base, its reviews, and the form to open the year's review filled from the recorded performance. */
    private void load(String baseId, int year, Model model) {
        Pages.drawRecord(gateway, "/api/accreditation/bases/", "base", baseId, model);
        model.addAttribute("year", year);
        model.addAttribute("reviews", gateway.get("/api/accreditation/bases/" + Pages.id(baseId) + "/annual-reviews").list());
        if (!model.containsAttribute("form")) {
            Map<String, Object> form = new LinkedHashMap<>();
            try {
                Map<String, Object> p = gateway.get("/api/accreditation/bases/" + Pages.id(baseId) + "/performance?year=" + year).body();
                model.addAttribute("performance", p);
                for (String k : List.of("enrolled", "completed", "placed", "spotChecksCalled", "spotChecksConfirmed")) {
                    form.put(k, p.get(k) == null ? "0" : String.valueOf(p.get(k)));
                }
                form.put("findings", p.get("findings") instanceof List<?> l
                        ? String.join("\n", l.stream().map(String::valueOf).toList()) : "");
            } catch (ApiException e) {
                ClassWorkController.signInAgain(e);
                model.addAttribute("performanceUnavailable", true);
            }
            form.put("year", String.valueOf(year));
            model.addAttribute("form", form);
        }
    }

    @PostMapping("/accreditation/bases/{baseId}/annual-reviews")
    String open(@PathVariable String baseId, @RequestParam MultiValueMap<String, String> params, Authentication auth,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        Map<String, String> invalid = new LinkedHashMap<>();
        Integer year = TendersController.integer(params.getFirst("year"), "year", invalid);
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String k : List.of("enrolled", "completed", "placed", "spotChecksCalled", "spotChecksConfirmed")) {
            facts.put(k, TendersController.integer(params.getFirst(k), "facts." + k, invalid));
        }
        String rate = params.getFirst("committedPlacementRate");
        if (rate != null && !rate.isBlank()) {
            facts.put("committedPlacementRateBp", TendersController.basisPoints(rate, "facts.committedPlacementRateBp", invalid));
        }
        facts.put("findings", ComplaintsController.lines(params.getFirst("findings")));
        try {
            Pages.refuseInvalid(invalid);
            Gateway.Answer opened = gateway.post("/api/accreditation/bases/" + Pages.id(baseId) + "/annual-reviews",
                    Map.of("year", year, "facts", facts), Pages.idempotent(Pages.key(params.getFirst("idempotencyKey"))));
            return Pages.done(request, response, "/accreditation/reviews/" + Pages.id(String.valueOf(opened.body().get("id"))) + "?done=opened");
        } catch (ApiException e) {
            Pages.refusedUnless(model, "open", e, 404, 401);
            model.addAttribute("form", params.toSingleValueMap());
            model.addAttribute("idempotencyKey", Pages.key(params.getFirst("idempotencyKey")));
            load(baseId, year == null ? year(null) : year, model);
            return "review/base";
        }
    }

    /** Revocation at once: the first post shows what will happen and asks again; the second (confirmed) revokes. */
    @PostMapping("/accreditation/bases/{baseId}/revocation")
    String revoke(@PathVariable String baseId, @RequestParam(defaultValue = "") String reason,
                  @RequestParam(defaultValue = "") String etag, @RequestParam(required = false) String confirmed,
                  Authentication auth, HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        if (!"yes".equals(confirmed) && !reason.isBlank()) {
            load(baseId, year(null), model);
            model.addAttribute("revokeReason", reason.trim());
            model.addAttribute("revokeEtag", etag);
            model.addAttribute("confirmRevocation", true);
            return "review/base";
        }
        try {
            gateway.post("/api/accreditation/bases/" + Pages.id(baseId) + "/revocation", Map.of("reason", reason.trim()),
                    Pages.ifMatch(etag));
        } catch (ApiException e) {
            Pages.refusedUnless(model, "revoke", e, 404, 401);
            load(baseId, year(null), model);
            model.addAttribute("revokeReason", reason);
            return "review/base";
        }
        return Pages.done(request, response, "/accreditation/bases/" + baseId + "?done=revoked");
    }

    @GetMapping("/accreditation/reviews/{reviewId}")
    String review(@PathVariable String reviewId, @RequestParam(required = false) String done, Authentication auth, Model model) {
        Pages.officer(auth);
        loadReview(reviewId, model);
        Pages.sayDone(model, done, "opened|decided");
        return "review/review";
    }

    private void loadReview(String reviewId, Model model) {
        Pages.drawRecord(gateway, "/api/accreditation/annual-reviews/", "review", reviewId, model);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
    }

    @PostMapping("/accreditation/reviews/{reviewId}/decision")
    String decide(@PathVariable String reviewId, @RequestParam MultiValueMap<String, String> params, Authentication auth,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        String outcome = params.getFirst("outcome");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome != null && OUTCOMES.contains(outcome) ? outcome : null);
        body.put("reasons", ComplaintsController.trimmed(params.getFirst("reasons")));
        body.put("conditions", ComplaintsController.lines(params.getFirst("conditions")));
        try {
            gateway.post("/api/accreditation/annual-reviews/" + Pages.id(reviewId) + "/decision", body,
                    Pages.ifMatch(params.getFirst("etag")));
        } catch (ApiException e) {
            Pages.refusedUnless(model, "decide", e, 404, 401);
            model.addAttribute("form", params.toSingleValueMap());
            loadReview(reviewId, model);
            return "review/review";
        }
        return Pages.done(request, response, "/accreditation/reviews/" + reviewId + "?done=decided");
    }
}
