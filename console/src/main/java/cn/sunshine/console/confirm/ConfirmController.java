package cn.sunshine.console.confirm;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trainee's confirmation page (学员确认, no sign-in): with their phone, or the last six characters of their ID
 * number, and the code the county office sent by SMS, a trainee opens what the base claims of them — the class,
 * the base, the fee and subsidy — and answers: attended, completed, where they work, received the subsidy or the
 * refund. Everything goes in POST bodies (the code never in a URL), to enrollment-service's public API.
 */
@Controller
public class ConfirmController {

    static final String LOOKUP = "/api/public/enrollment/confirmations/lookup";
    static final String ANSWERS = "/api/public/enrollment/confirmations/answers";

    private final Gateway gateway;

    public ConfirmController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/public/confirm")
    String form(CsrfToken csrf, Model model) {
        if (csrf != null) {
            csrf.getToken();
        }
        model.addAttribute("who", who("", ""));
        return "confirm/confirm";
    }

    /** Step 1: who and the code → the statements and the answer form (or the answers given). */
    @PostMapping("/public/confirm")
    String open(@RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String idNumberTail,
                @RequestParam(defaultValue = "") String code, Model model) {
        Map<String, String> who = who(phone, idNumberTail);
        model.addAttribute("who", who);
        Map<String, Object> body = new LinkedHashMap<>(who);
        body.put("code", code.trim());
        try {
            model.addAttribute("confirmation", gateway.postPublic(LOOKUP, body, h -> { }).body());
            model.addAttribute("code", code.trim());
        } catch (ApiException e) {
            refused(e, model);
        }
        return "confirm/confirm";
    }

    /** Step 2: the answers; the same again answer the same, others after the first are refused (409). */
    @PostMapping("/public/confirm/answers")
    String answer(@RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String idNumberTail,
                  @RequestParam(defaultValue = "") String code, @RequestParam(required = false) Boolean attended,
                  @RequestParam(required = false) Boolean completed, @RequestParam(defaultValue = "") String employer,
                  @RequestParam(defaultValue = "") String subsidyReceived, Model model) {
        Map<String, String> who = who(phone, idNumberTail);
        model.addAttribute("who", who);
        Map<String, Object> body = new LinkedHashMap<>(who);
        body.put("code", code.trim());
        body.put("attended", attended);
        body.put("completed", completed);
        if (!employer.isBlank()) {
            body.put("employer", employer.trim());
        }
        body.put("subsidyReceived", subsidyReceived.isBlank() ? null : subsidyReceived);
        try {
            model.addAttribute("confirmation", gateway.postPublic(ANSWERS, body, h -> { }).body());
            model.addAttribute("answered", true);
        } catch (ApiException e) {
            refused(e, model);
            if (e.status() == 400 || e.status() == 409) {
                // a question left unanswered, or answers that differ from those given: show the confirmation again
                Map<String, Object> again = new LinkedHashMap<>(who);
                again.put("code", code.trim());
                try {
                    model.addAttribute("confirmation", gateway.postPublic(LOOKUP, again, h -> { }).body());
                    model.addAttribute("code", code.trim());
                } catch (ApiException ignored) {
                    // the first refusal is what the trainee is told
                }
            }
        }
        return "confirm/confirm";
    }

    /** Exactly one of the phone and the ID tail, as the trainee gave it (the phone wins when both are filled). */
    private static Map<String, String> who(String phone, String idNumberTail) {
        Map<String, String> who = new LinkedHashMap<>();
        if (!phone.isBlank() || idNumberTail.isBlank()) {
            who.put("phone", phone.trim());
        } else {
            who.put("idNumberTail", idNumberTail.trim().toUpperCase(java.util.Locale.ROOT));
        }
        return who;
    }

    private static void refused(ApiException e, Model model) {
        model.addAttribute("kind", ApiErrors.kindOf(e));
        model.addAttribute("problem", e);
    }
}
