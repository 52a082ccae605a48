package cn.sunshine.console.accreditation;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.CurrentUser;
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

import java.math.BigDecimal;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Training-and-transfer agreements (培训转移协议), per base and year, in versions: the county proposes (and signs
 * for the county), amends (a new version; the effective one stays until the base signs), the base's staff sign.
 * Quotas per major, fees typed in yuan and sent in fen, the committed placement rate typed in percent and sent
 * in basis points. Amendments and signatures carry the agreement's ETag as {@code If-Match}.
 */
@Controller
public class AgreementsController {

    static final int PAGE_SIZE = 20;
    static final int MAJOR_ROWS = 4;

    private final Gateway gateway;

    public AgreementsController(Gateway gateway) {
        this.gateway = gateway;
    }

    /** Officers, and a base's staff for their own base's agreements (the API decides which). */
    static CurrentUser reader(Authentication auth) {
        CurrentUser me = CurrentUser.of(auth);
        if (me != null && me.has("BASE_STAFF")) {
            return me;
        }
        return Pages.officer(auth);
    }

    @GetMapping("/accreditation/agreements")
    String agreements(@RequestParam(required = false) Integer year, @RequestParam(required = false) String waiting,
                      @RequestParam(required = false) Integer page, Authentication auth, Model model) {
        reader(auth);
        int p = Pages.page(page);
        boolean unsigned = "unsigned".equals(waiting);
        String path = "/api/accreditation/agreements?size=" + (unsigned ? 200 : PAGE_SIZE) + "&page=" + (unsigned ? 0 : p)
                + (year != null && year >= 2000 && year <= 2100 ? "&year=" + year : "");
        Map<String, Object> list = gateway.get(path).body();
        if (unsigned) {
            List<Map<String, Object>> rows = Pages.items(list).stream().filter(AccreditationWork::unsigned).toList();
            list = Map.of("items", rows, "total", rows.size());
        }
        model.addAttribute("list", list);
        model.addAttribute("waiting", unsigned ? "unsigned" : null);
        model.addAttribute("year", year);
        model.addAttribute("page", p);
        model.addAttribute("size", PAGE_SIZE);
        return "accreditation/agreements";
    }

    /** Propose an agreement: the base (its accredited majors and fee standards fill the rows), year, terms. */
    @GetMapping("/accreditation/agreements/new")
    String newAgreement(@RequestParam(required = false) String baseId, Authentication auth, Model model) {
        Pages.officer(auth);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("year", String.valueOf(Year.now(Formats.PROGRAMME_ZONE).getValue()));
        form.put("subsidyPaymentMode", "REDUCED_FEE");
        form.put("committedPlacementRate", "90");
        List<Map<String, String>> majors = new ArrayList<>();
        List<Map<String, Object>> bases = bases();
        if (baseId != null) {
            form.put("baseId", baseId);
            bases.stream().filter(b -> baseId.equals(b.get("id"))).findFirst().ifPresent(b -> {
                for (Map<String, Object> m : Pages.list(b.get("majors"))) {
                    majors.add(Map.of("majorCode", String.valueOf(m.get("majorCode")), "quota", "",
                            "feeYuan", yuan(m.get("feeStandardFen"))));
                }
            });
        }
        draw(model, form, majors, bases, UUID.randomUUID().toString());
        return "accreditation/agreement-new";
    }

    private List<Map<String, Object>> bases() {
        return Pages.items(gateway.get("/api/accreditation/bases?status=ACCREDITED&size=200").body());
    }

    private void draw(Model model, Map<String, Object> form, List<Map<String, String>> majors,
                      List<Map<String, Object>> bases, String key) {
        model.addAttribute("form", form);
        model.addAttribute("majors", TendersController.rows(majors, MAJOR_ROWS));
        model.addAttribute("bases", bases);
        model.addAttribute("idempotencyKey", key);
    }

    static String yuan(Object fen) {
        return fen instanceof Number n ? BigDecimal.valueOf(n.longValue()).movePointLeft(2).stripTrailingZeros().toPlainString() : "";
    }

    /** Yuan as typed (1260 or 1260.50) → fen; not money: said here, never sent. */
    static Long fen(String yuan, String field, Map<String, String> invalid) {
        return TendersController.parsed(yuan, field, invalid,
                y -> new BigDecimal(y.replace(",", "").replace("¥", "")).movePointRight(2).longValueExact());
    }

    /** The terms of a version as the API takes them (majors, payment mode, committed rate), checked for numbers. */
    static Map<String, Object> terms(MultiValueMap<String, String> params, List<Map<String, String>> majors,
                                     Map<String, String> invalid) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("majors", TendersController.sent(majors, "majors", (m, at) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("majorCode", m.get("majorCode").toUpperCase(java.util.Locale.ROOT));
            t.put("quota", TendersController.integer(m.get("quota"), at + "quota", invalid));
            t.put("feeFen", fen(m.get("feeYuan"), at + "feeFen", invalid));
            return t;
        }));
        String mode = params.getFirst("subsidyPaymentMode");
        body.put("subsidyPaymentMode", mode != null && mode.matches("REDUCED_FEE|REFUND_AFTER") ? mode : null);
        body.put("committedPlacementRateBp", TendersController.basisPoints(params.getFirst("committedPlacementRate"),
                "committedPlacementRateBp", invalid));
        return body;
    }

    @PostMapping("/accreditation/agreements")
    String propose(@RequestParam MultiValueMap<String, String> params, Authentication auth,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        String key = Pages.key(params.getFirst("idempotencyKey"));
        List<Map<String, String>> majors = TendersController.filledRows(params, "majorCode", "quota", "feeYuan");
        Map<String, String> invalid = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("baseId", params.getFirst("baseId"));
        body.put("year", TendersController.integer(params.getFirst("year"), "year", invalid));
        body.putAll(terms(params, majors, invalid));
        try {
            Pages.refuseInvalid(invalid);
            Gateway.Answer created = gateway.post("/api/accreditation/agreements", body, Pages.idempotent(key));
            return Pages.done(request, response, "/accreditation/agreements/" + Pages.id(String.valueOf(created.body().get("id"))) + "?done=proposed");
        } catch (ApiException e) {
            Pages.refusedUnless(model, "propose", e, 401);
            draw(model, new LinkedHashMap<>(params.toSingleValueMap()), majors, bases(), key);
            return "accreditation/agreement-new";
        }
    }

    @GetMapping("/accreditation/agreements/{agreementId}")
    String agreement(@PathVariable String agreementId, @RequestParam(required = false) String done, Authentication auth,
                     Model model) {
        reader(auth);
        load(agreementId, model, null);
        Pages.sayDone(model, done, "proposed|amended|signed");
        return "accreditation/agreement";
    }

    /** The agreement, and the amendment form filled from its newest version (or as the person typed it). */
    private void load(String agreementId, Model model, List<Map<String, String>> typed) {
        Map<String, Object> a = Pages.drawRecord(gateway, "/api/accreditation/agreements/", "agreement", agreementId, model).body();
        List<Map<String, Object>> versions = Pages.list(a.get("versions"));
        Map<String, Object> newest = versions.isEmpty() ? Map.of() : versions.get(versions.size() - 1);
        model.addAttribute("newest", newest);
        List<Map<String, String>> majors = typed;
        if (majors == null) {
            majors = new ArrayList<>();
            for (Map<String, Object> m : Pages.list(newest.get("majors"))) {
                majors.add(Map.of("majorCode", String.valueOf(m.get("majorCode")), "quota", String.valueOf(m.get("quota")),
                        "feeYuan", yuan(m.get("feeFen"))));
            }
        }
        model.addAttribute("majors", TendersController.rows(majors, Math.max(majors.size(), 1)));
        if (!model.containsAttribute("form")) {
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("subsidyPaymentMode", newest.get("subsidyPaymentMode"));
            form.put("committedPlacementRate", newest.get("committedPlacementRateBp") instanceof Number n
                    ? BigDecimal.valueOf(n.longValue()).movePointLeft(2).stripTrailingZeros().toPlainString() : "");
            model.addAttribute("form", form);
        }
    }

    /** Amend: a new version with its reason; the effective version stays until the base signs it. */
    @PostMapping("/accreditation/agreements/{agreementId}/amendments")
    String amend(@PathVariable String agreementId, @RequestParam MultiValueMap<String, String> params, Authentication auth,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        List<Map<String, String>> majors = TendersController.filledRows(params, "majorCode", "quota", "feeYuan");
        Map<String, String> invalid = new LinkedHashMap<>();
        Map<String, Object> body = terms(params, majors, invalid);
        String reason = params.getFirst("reason");
        body.put("reason", reason == null ? "" : reason.trim());
        try {
            Pages.refuseInvalid(invalid);
            gateway.post("/api/accreditation/agreements/" + Pages.id(agreementId) + "/amendments", body,
                    Pages.ifMatch(params.getFirst("etag")));
        } catch (ApiException e) {
            Pages.refusedUnless(model, "amend", e, 404);
            model.addAttribute("form", new LinkedHashMap<>(params.toSingleValueMap()));
            load(agreementId, model, majors);
            return "accreditation/agreement";
        }
        return Pages.done(request, response, "/accreditation/agreements/" + agreementId + "?done=amended");
    }

    /** The base's staff sign the proposed version (signatory name and title): it takes effect. */
    @PostMapping("/accreditation/agreements/{agreementId}/signature")
    String sign(@PathVariable String agreementId, @RequestParam(defaultValue = "") String signatoryName,
                @RequestParam(defaultValue = "") String signatoryTitle, @RequestParam(defaultValue = "") String etag,
                Authentication auth, HttpServletRequest request, HttpServletResponse response, Model model) {
        CurrentUser me = CurrentUser.of(auth);
        if (me == null || !me.has("BASE_STAFF")) {
            throw new ApiException(404, null, "the base's staff sign", Map.of());
        }
        try {
            gateway.post("/api/accreditation/agreements/" + Pages.id(agreementId) + "/signature",
                    Map.of("signatoryName", signatoryName.trim(), "signatoryTitle", signatoryTitle.trim()), Pages.ifMatch(etag));
        } catch (ApiException e) {
            Pages.refusedUnless(model, "sign", e, 404);
            load(agreementId, model, null);
            model.addAttribute("signatoryName", signatoryName);
            model.addAttribute("signatoryTitle", signatoryTitle);
            return "accreditation/agreement";
        }
        return Pages.done(request, response, "/accreditation/agreements/" + agreementId + "?done=signed");
    }
}
