package cn.sunshine.console.portal;

import cn.sunshine.console.accreditation.Pages;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.ConsoleProperties;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The public portal's other parts (no sign-in, public APIs through the gateway without a token): published
 * tenders, public notices (公示) of tender results with the objection form — filed, then confirmed with the code
 * the API sends to the objector's phone — and the voucher check (serial and code, sent in a POST body, never in
 * a URL). Each form carries an {@code Idempotency-Key} drawn with the page, so a double-click or a resend after
 * a lost answer files one objection; htmx disables the buttons while a request is in flight.
 */
@Controller
public class PortalController extends PublicPages {

    static final String ID = "[A-Za-z0-9_-]{1,100}";

    public PortalController(Gateway gateway, ConsoleProperties properties) {
        super(gateway, properties);
    }

    String divisionName(String code) {
        return properties.publicDivisionName(code);
    }

    static String id(String id) {
        return Pages.segment(id, ID);
    }

    @GetMapping("/public/tenders")
    String tenders(@RequestParam(required = false) String division, Model model) {
        listed("tenders", "/api/public/accreditation/tenders?size=100&division=" + division(division, model), model);
        return "portal/tenders";
    }

    /** A public list of the division's, or — the API not answering — why it is unavailable ({@code unavailable}). */
    private void listed(String name, String path, Model model) {
        try {
            model.addAttribute(name, gateway.getPublic(path).body());
        } catch (ApiException e) {
            model.addAttribute("unavailable", ApiErrors.kindOf(e.status()));
        }
    }

    @GetMapping("/public/tenders/{tenderId}")
    String tender(@PathVariable String tenderId, Model model) {
        Map<String, Object> tender = gateway.getPublic("/api/public/accreditation/tenders/" + id(tenderId)).body();
        model.addAttribute("tender", tender);
        model.addAttribute("divisionName", divisionName(String.valueOf(tender.get("divisionCode"))));
        return "portal/tender";
    }

    @GetMapping("/public/notices")
    String notices(@RequestParam(required = false) String division, Model model) {
        listed("notices", "/api/public/accreditation/notices?size=100&division=" + division(division, model), model);
        return "portal/notices";
    }

    @GetMapping("/public/notices/{noticeId}")
    String notice(@PathVariable String noticeId, org.springframework.security.web.csrf.CsrfToken csrf, Model model) {
        formToken(csrf);
        loadNotice(noticeId, model);
        model.addAttribute("form", new LinkedHashMap<String, String>());
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "portal/notice";
    }

    /**
     * A page with a form holds the CSRF token in the session: it is made now, before the page is written —
     * once a long page has begun to go out, the response is committed and no session can be made any more.
     */
    private static void formToken(org.springframework.security.web.csrf.CsrfToken csrf) {
        if (csrf != null) {
            csrf.getToken();
        }
    }

    private void loadNotice(String noticeId, Model model) {
        Map<String, Object> notice = gateway.getPublic("/api/public/accreditation/notices/" + id(noticeId)).body();
        model.addAttribute("notice", notice);
        model.addAttribute("noticeId", noticeId);
        model.addAttribute("divisionName", divisionName(String.valueOf(notice.get("divisionCode"))));
    }

    /** Step 1: the objection with the objector's contact; the API sends a code to the phone (202). */
    @PostMapping("/public/notices/{noticeId}/objections")
    String object(@PathVariable String noticeId, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String email,
                  @RequestParam(defaultValue = "") String applicationId, @RequestParam(defaultValue = "") String statement,
                  @RequestParam(defaultValue = "") String idempotencyKey, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.trim());
        body.put("phone", phone.trim());
        if (!email.isBlank()) {
            body.put("email", email.trim());
        }
        if (!applicationId.isBlank()) {
            body.put("applicationId", applicationId.trim());
        }
        body.put("statement", statement.trim());
        String key = idempotencyKey.matches("[A-Za-z0-9-]{8,64}") ? idempotencyKey : UUID.randomUUID().toString();
        model.addAttribute("noticeId", noticeId);
        try {
            Map<String, Object> pending = gateway.postPublic("/api/public/accreditation/notices/" + id(noticeId) + "/objections",
                    body, h -> h.set("Idempotency-Key", key)).body();
            model.addAttribute("pending", pending);
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
            return step(request, "confirm", noticeId, model);
        } catch (ApiException e) {
            model.addAttribute("form", Map.of("name", name, "phone", phone, "email", email, "applicationId", applicationId,
                    "statement", statement));
            model.addAttribute("idempotencyKey", key);
            refused(e, model);
            return step(request, "objectionForm", noticeId, model);
        }
    }

    /** Step 2: the code sent to the phone; the objection counts once confirmed (201). */
    @PostMapping("/public/notices/{noticeId}/pending-objections/{confirmationId}/confirmation")
    String confirm(@PathVariable String noticeId, @PathVariable String confirmationId,
                   @RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String phone,
                   @RequestParam(defaultValue = "") String expiresAt, @RequestParam(defaultValue = "") String idempotencyKey,
                   HttpServletRequest request, Model model) {
        model.addAttribute("noticeId", noticeId);
        String key = idempotencyKey.matches("[A-Za-z0-9-]{8,64}") ? idempotencyKey : UUID.randomUUID().toString();
        try {
            Map<String, Object> filed = gateway.postPublic("/api/public/accreditation/notices/" + id(noticeId)
                            + "/pending-objections/" + id(confirmationId) + "/confirmation", Map.of("code", code.trim()),
                    h -> h.set("Idempotency-Key", key)).body();
            model.addAttribute("filed", filed);
            return step(request, "filed", noticeId, model);
        } catch (ApiException e) {
            if (e.status() == 404) {
                // expired (10 minutes), or void after five wrong codes: the objection must be filed again
                model.addAttribute("expired", true);
                model.addAttribute("form", new LinkedHashMap<String, String>());
                model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
                return step(request, "objectionForm", noticeId, model);
            }
            model.addAttribute("pending", Map.of("confirmationId", confirmationId, "phone", phone, "expiresAt", expiresAt));
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
            refused(e, model);
            return step(request, "confirm", noticeId, model);
        }
    }

    private static void refused(ApiException e, Model model) {
        model.addAttribute("kind", ApiErrors.kindOf(e.status()));
        model.addAttribute("problem", e);
    }

    /** An htmx request gets the step in place; a plain form post the whole notice page with the step in it. */
    private String step(HttpServletRequest request, String fragment, String noticeId, Model model) {
        model.addAttribute("step", fragment);
        if ("true".equals(request.getHeader("HX-Request"))) {
            return "portal/objection :: " + fragment;
        }
        loadNotice(noticeId, model);
        return "portal/notice";
    }

    @GetMapping("/public/vouchers")
    String voucherCheck(org.springframework.security.web.csrf.CsrfToken csrf, Model model) {
        formToken(csrf);
        return "portal/voucher";
    }

    /** The voucher check: serial and code in the body (never in a URL); the answer says genuine or not, and its state. */
    @PostMapping("/public/vouchers")
    String checkVoucher(@RequestParam(defaultValue = "") String serial, @RequestParam(defaultValue = "") String code,
                        HttpServletRequest request, Model model) {
        model.addAttribute("serial", serial.trim());
        try {
            model.addAttribute("result", gateway.postPublic("/api/public/subsidy/vouchers/verification",
                    Map.of("serial", serial.trim(), "code", code.trim()), h -> { }).body());
        } catch (ApiException e) {
            refused(e, model);
        }
        return "true".equals(request.getHeader("HX-Request")) ? "portal/voucher :: result" : "portal/voucher";
    }
}
