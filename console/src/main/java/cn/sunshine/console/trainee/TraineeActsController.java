package cn.sunshine.console.trainee;

import cn.sunshine.console.accreditation.Pages;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trainee of a class and the acts on them alone (单个学员办理), from the class page: withdrawal (退学: place and
 * person-year released) and dropout (中途退出) by base staff or the county officer, a resit (补考) by base staff, and —
 * for the county officer — voiding the trainee's voucher that is in no claim (作废代金券). The acts on the trainee carry
 * the enrollment's ETag as {@code If-Match}; a refusal is shown beside its form.
 */
@Controller
public class TraineeActsController {

    /** Why the trainee is read whole (the enrollment API audits a county officer's read). */
    static final String PURPOSE = "single-trainee-act";

    private final Gateway gateway;

    public TraineeActsController(Gateway gateway) {
        this.gateway = gateway;
    }

    /** Base staff and county officers; anyone else gets "not found". */
    static CurrentUser actor(Authentication auth) {
        CurrentUser me = CurrentUser.of(auth);
        if (me == null || !(me.has("BASE_STAFF") || me.has("COUNTY_OFFICER"))) {
            throw new ApiException(404, null, "single-trainee acts are base staff's and county officers'", Map.of());
        }
        return me;
    }

    @GetMapping("/classes/{classId}/trainees/{enrollmentId}")
    String trainee(@PathVariable String classId, @PathVariable String enrollmentId, @RequestParam(required = false) String done,
                   Authentication auth, Model model) {
        CurrentUser me = actor(auth);
        load(classId, enrollmentId, me, model);
        Pages.sayDone(model, done, "withdrawal|dropout|assessment|voiding");
        return "trainee/trainee";
    }

    private void load(String classId, String enrollmentId, CurrentUser me, Model model) {
        Gateway.Answer answer = gateway.get("/api/enrollment/enrollments/" + Pages.id(enrollmentId) + "?purpose=" + PURPOSE);
        Map<String, Object> e = answer.body();
        if (!classId.equals(e.get("classId"))) {
            throw new ApiException(404, "urn:sunshine:problem:not-found", "not a trainee of this class", Map.of());
        }
        model.addAttribute("enrollment", e);
        model.addAttribute("etag", answer.etag());
        model.addAttribute("classId", classId);
        model.addAttribute("enrollmentId", enrollmentId);
        List<Map<String, Object>> assessments = Pages.list(e.get("assessments"));
        Map<String, Object> last = assessments.isEmpty() ? null : assessments.get(assessments.size() - 1);
        model.addAttribute("lastAssessment", last);
        model.addAttribute("resitDue", "ASSESSED".equals(e.get("status")) && last != null
                && !(Boolean.TRUE.equals(last.get("theoryPassed")) && Boolean.TRUE.equals(last.get("practicalPassed"))));
        if (me.has("COUNTY_OFFICER")) {
            try {
                Gateway.Answer vouchers = gateway.get("/api/subsidy/classes/" + Pages.id(classId) + "/vouchers");
                vouchers.list().stream().filter(v -> v instanceof Map<?, ?> m && enrollmentId.equals(m.get("enrollmentId")))
                        .findFirst().ifPresent(v -> model.addAttribute("voucher", v));
            } catch (ApiException ex) {
                if (ex.status() == 401) {
                    throw ex;
                }
                model.addAttribute("voucherUnavailable", true);
            }
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
    }

    /** Withdrawal, dropout (a reason) or a resit (two scores), with the ETag the page was drawn from. */
    @PostMapping("/classes/{classId}/trainees/{enrollmentId}/{act:withdrawal|dropout|assessment}")
    String act(@PathVariable String classId, @PathVariable String enrollmentId, @PathVariable String act,
               @RequestParam MultiValueMap<String, String> params, Authentication auth, HttpServletRequest request,
               HttpServletResponse response, Model model) {
        CurrentUser me = actor(auth);
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, String> invalid = new LinkedHashMap<>();
        if ("assessment".equals(act)) {
            body.put("theoryScore", score(params.getFirst("theoryScore"), "theoryScore", invalid));
            body.put("practicalScore", score(params.getFirst("practicalScore"), "practicalScore", invalid));
        } else {
            String reason = params.getFirst(act + "Reason");
            body.put("reason", reason == null ? "" : reason.trim());
        }
        try {
            Pages.refuseInvalid(invalid);
            gateway.post("/api/enrollment/enrollments/" + Pages.id(enrollmentId) + "/" + act, body,
                    Pages.ifMatch(params.getFirst("etag")));
        } catch (ApiException e) {
            return refused(classId, enrollmentId, me, act, e, params, model, 404, 401);
        }
        return Pages.done(request, response, "/classes/" + Pages.id(classId) + "/trainees/" + enrollmentId + "?done=" + act);
    }

    /** The county officer voids the trainee's voucher that is in no claim, with the reason. */
    @PostMapping("/classes/{classId}/trainees/{enrollmentId}/voiding")
    String voidVoucher(@PathVariable String classId, @PathVariable String enrollmentId,
                       @RequestParam MultiValueMap<String, String> params, Authentication auth, HttpServletRequest request,
                       HttpServletResponse response, Model model) {
        CurrentUser me = actor(auth);
        if (!me.has("COUNTY_OFFICER")) {
            throw new ApiException(404, null, "the county officer voids vouchers", Map.of());
        }
        String reason = params.getFirst("voidingReason");
        try {
            gateway.post("/api/subsidy/vouchers/voiding", Map.of("serial", String.valueOf(params.getFirst("serial")).trim(),
                    "reason", reason == null ? "" : reason.trim()), Pages.idempotent(Pages.key(params.getFirst("idempotencyKey"))));
        } catch (ApiException e) {
            return refused(classId, enrollmentId, me, "voiding", e, params, model, 401);
        }
        return Pages.done(request, response, "/classes/" + Pages.id(classId) + "/trainees/" + enrollmentId + "?done=voiding");
    }

    /** The trainee's page again with the act's refusal beside its form (statuses {@code passedOn} go to their pages). */
    private String refused(String classId, String enrollmentId, CurrentUser me, String act, ApiException e,
                           MultiValueMap<String, String> params, Model model, int... passedOn) {
        Pages.refusedUnless(model, act, e, passedOn);
        model.addAttribute("form", params.toSingleValueMap());
        load(classId, enrollmentId, me, model);
        return "trainee/trainee";
    }

    /** A score 0–100 as typed; anything else is said here, never sent. */
    static Integer score(String typed, String field, Map<String, String> invalid) {
        try {
            int n = Integer.parseInt(typed == null ? "" : typed.trim());
            if (n >= 0 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        invalid.put(field, "0–100");
        return null;
    }
}
