package cn.sunshine.console.accreditation;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public notice as the office sees it (公示): the proposal, the frozen ranking, the objections received with
 * the filers' contacts, each decided with reasons (upheld with its consequence, or dismissed), and — once the
 * period is over and every objection decided — finalisation, which accredits the bases. Each decision carries the
 * notice's ETag as {@code If-Match}: a colleague's decision in between is answered 412 and the page asks to reload.
 */
@Controller
public class NoticesController {

    private final Gateway gateway;

    public NoticesController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/accreditation/notices/{noticeId}")
    String notice(@PathVariable String noticeId, @RequestParam(required = false) String done, Authentication auth, Model model) {
        Pages.officer(auth);
        load(noticeId, model);
        Pages.sayDone(model, done, "noticed|decided|finalised");
        return "accreditation/notice";
    }

    private void load(String noticeId, Model model) {
        Map<String, Object> n = Pages.drawRecord(gateway, "/api/accreditation/notices/", "notice", noticeId, model).body();
        Map<Object, Object> names = new LinkedHashMap<>();
        for (Map<String, Object> e : Pages.list(n.get("entries"))) {
            names.put(e.get("applicationId"), e.get("institutionName"));
        }
        model.addAttribute("names", names);
        model.addAttribute("undecided", Pages.list(n.get("objections")).stream().filter(o -> o.get("ruling") == null).count());
    }

    /** Decide one objection: upheld (with its consequence) or dismissed, with reasons. */
    @PostMapping("/accreditation/notices/{noticeId}/objections/{objectionId}/decision")
    String decide(@PathVariable String noticeId, @PathVariable String objectionId,
                  @RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String reasons,
                  @RequestParam(defaultValue = "") String consequenceType,
                  @RequestParam(defaultValue = "") String consequenceApplication,
                  @RequestParam(required = false) List<String> majorCodes, @RequestParam(defaultValue = "") String etag,
                  Authentication auth, HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome.matches("UPHELD|DISMISSED") ? outcome : null);
        body.put("reasons", reasons.trim());
        if ("UPHELD".equals(outcome)) {
            Map<String, Object> consequence = new LinkedHashMap<>();
            consequence.put("type", consequenceType.matches("EXCLUDE_APPLICATION|REMOVE_MAJORS") ? consequenceType : null);
            consequence.put("applicationId", consequenceApplication.trim());
            if ("REMOVE_MAJORS".equals(consequenceType)) {
                consequence.put("majorCodes", majorCodes == null ? List.of() : majorCodes);
            }
            body.put("consequence", consequence);
        }
        try {
            gateway.post("/api/accreditation/notices/" + Pages.id(noticeId) + "/objections/" + Pages.id(objectionId)
                    + "/decision", body, Pages.ifMatch(etag));
        } catch (ApiException e) {
            Pages.refusedUnless(model, "decision", e, 404);
            load(noticeId, model);
            model.addAttribute("refusedObjection", objectionId);
            model.addAttribute("decisionForm", Map.of("outcome", outcome, "reasons", reasons,
                    "consequenceType", consequenceType, "consequenceApplication", consequenceApplication));
            return "accreditation/notice";
        }
        return Pages.done(request, response, "/accreditation/notices/" + noticeId + "?done=decided");
    }

    /** Accredit the proposal: after the period, every objection decided ({@code If-Match}). */
    @PostMapping("/accreditation/notices/{noticeId}/finalisation")
    String finalise(@PathVariable String noticeId, @RequestParam(defaultValue = "") String etag, Authentication auth,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        try {
            gateway.post("/api/accreditation/notices/" + Pages.id(noticeId) + "/finalisation", Map.of(), Pages.ifMatch(etag));
        } catch (ApiException e) {
            Pages.refusedUnless(model, "finalise", e, 404);
            load(noticeId, model);
            return "accreditation/notice";
        }
        return Pages.done(request, response, "/accreditation/notices/" + noticeId + "?done=finalised");
    }
}
