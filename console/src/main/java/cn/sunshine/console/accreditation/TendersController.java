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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The county officer's (县阳光办) tenders: the list, a draft (majors, criteria and window as the API asks),
 * publication, the applications received (one opened, rejected with reasons), the review panel (appointed, its
 * declarations, the sheets as they come in the ranking) and the ranking, from which the result is publicly noticed.
 * Decisions carry the ETag they were drawn with as {@code If-Match}; creations an {@code Idempotency-Key} drawn
 * with the form; every button is disabled while its request is in flight.
 */
@Controller
public class TendersController {

    static final int PAGE_SIZE = 20;
    static final int MAJOR_ROWS = 5;
    static final int CRITERION_ROWS = 6;
    static final int MEMBER_ROWS = 5;
    static final List<String> MATERIALS = List.of("LEGAL_PERSON_CERTIFICATE", "TEACHER_ROSTER", "TEACHER_CERTIFICATES",
            "PLACEMENT_AGREEMENTS");

    private final Gateway gateway;
    private final AccreditationWork work;

    public TendersController(Gateway gateway, AccreditationWork work) {
        this.gateway = gateway;
        this.work = work;
    }

    @GetMapping("/accreditation/tenders")
    String tenders(@RequestParam(required = false) Integer year, @RequestParam(required = false) String waiting,
                   @RequestParam(required = false) Integer page, Authentication auth, Model model) {
        Pages.officer(auth);
        AccreditationWork.Waiting w = AccreditationWork.Waiting.of(waiting);
        int p = Pages.page(page);
        if (w != null && w != AccreditationWork.Waiting.UNSIGNED) {
            List<Map<String, Object>> rows = work.tenders().stream().filter(r -> r.waiting() == w)
                    .map(AccreditationWork.Row::tender).toList();
            model.addAttribute("list", Map.of("items", rows, "total", rows.size()));
            model.addAttribute("waiting", w.slug());
        } else {
            String path = "/api/accreditation/tenders?size=" + PAGE_SIZE + "&page=" + p
                    + (year != null && year >= 2000 && year <= 2100 ? "&year=" + year : "");
            model.addAttribute("list", gateway.get(path).body());
        }
        model.addAttribute("year", year);
        model.addAttribute("page", p);
        model.addAttribute("size", PAGE_SIZE);
        return "accreditation/tenders";
    }

    @GetMapping("/accreditation/tenders/new")
    String newTender(Authentication auth, Model model) {
        CurrentUser me = Pages.officer(auth);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("divisionCode", me.division());
        form.put("year", String.valueOf(Year.now(Formats.PROGRAMME_ZONE).getValue()));
        form.put("scale", "100");
        form.put("passingScore", "60");
        form.put("requiredMaterials", MATERIALS);
        drawTenderForm(model, form, rows(List.of(), MAJOR_ROWS), rows(List.of(), CRITERION_ROWS), UUID.randomUUID().toString());
        return "accreditation/tender-new";
    }

    private void drawTenderForm(Model model, Map<String, Object> form, List<Map<String, String>> majors,
                                List<Map<String, String>> criteria, String key) {
        model.addAttribute("form", form);
        model.addAttribute("majors", majors);
        model.addAttribute("criteria", criteria);
        model.addAttribute("materials", MATERIALS);
        model.addAttribute("idempotencyKey", key);
    }

    /** The rows a person filled (blank ones dropped, so the API's indexes name them), padded with blank rows. */
    static List<Map<String, String>> rows(List<Map<String, String>> filled, int atLeast) {
        List<Map<String, String>> rows = new ArrayList<>(filled);
        while (rows.size() < atLeast) {
            rows.add(Map.of());
        }
        return rows;
    }

    /** Rows of a repeated group of fields ({@code majorCode}, {@code majorName}, … one value per row). */
    static List<Map<String, String>> filledRows(MultiValueMap<String, String> params, String... fields) {
        int n = 0;
        for (String f : fields) {
            n = Math.max(n, params.getOrDefault(f, List.of()).size());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < n && i < 40; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            boolean any = false;
            for (String f : fields) {
                List<String> values = params.getOrDefault(f, List.of());
                String v = i < values.size() && values.get(i) != null ? values.get(i).trim() : "";
                row.put(f, v);
                any |= !v.isEmpty();
            }
            if (any) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Draft a tender: {@code POST /api/accreditation/tenders}, then its page (to publish it). */
    @PostMapping("/accreditation/tenders")
    String draft(@RequestParam MultiValueMap<String, String> params, Authentication auth,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        String key = Pages.key(params.getFirst("idempotencyKey"));
        List<Map<String, String>> majors = filledRows(params, "majorCode", "majorName", "capacitySought");
        List<Map<String, String>> criteria = filledRows(params, "criterionCode", "criterionName", "weightPercent");
        Map<String, String> invalid = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("divisionCode", text(params, "divisionCode"));
        body.put("year", integer(params, "year", "year", invalid));
        body.put("title", text(params, "title"));
        body.put("conditions", lines(params.getFirst("conditions")));
        body.put("procedure", text(params, "procedure"));
        body.put("whereToApply", text(params, "whereToApply"));
        body.put("requiredMaterials", params.getOrDefault("requiredMaterials", List.of()).stream()
                .filter(MATERIALS::contains).toList());
        body.put("majors", sent(majors, "majors", (m, at) -> {
            Map<String, Object> major = new LinkedHashMap<>();
            major.put("majorCode", m.get("majorCode").toUpperCase(java.util.Locale.ROOT));
            major.put("majorName", m.get("majorName"));
            major.put("capacitySought", integer(m.get("capacitySought"), at + "capacitySought", invalid));
            return major;
        }));
        body.put("criteria", sent(criteria, "criteria", (c, at) -> {
            Map<String, Object> criterion = new LinkedHashMap<>();
            criterion.put("code", c.get("criterionCode").toUpperCase(java.util.Locale.ROOT));
            criterion.put("name", c.get("criterionName"));
            criterion.put("weightBp", basisPoints(c.get("weightPercent"), at + "weightBp", invalid));
            return criterion;
        }));
        body.put("scale", integer(params, "scale", "scale", invalid));
        body.put("passingScore", integer(params, "passingScore", "passingScore", invalid));
        body.put("applicationOpensAt", instant(params.getFirst("applicationOpensAt"), "applicationOpensAt", invalid));
        body.put("applicationClosesAt", instant(params.getFirst("applicationClosesAt"), "applicationClosesAt", invalid));
        try {
            Pages.refuseInvalid(invalid);
            Gateway.Answer created = gateway.post("/api/accreditation/tenders", body, Pages.idempotent(key));
            return Pages.done(request, response, "/accreditation/tenders/" + Pages.id(String.valueOf(created.body().get("id"))) + "?done=drafted");
        } catch (ApiException e) {
            Pages.refusedUnless(model, "draft", e, 404, 401);
            Map<String, Object> form = new LinkedHashMap<>(params.toSingleValueMap());
            form.put("requiredMaterials", params.getOrDefault("requiredMaterials", List.of()));
            drawTenderForm(model, form, rows(majors, MAJOR_ROWS), rows(criteria, CRITERION_ROWS), key);
            return "accreditation/tender-new";
        }
    }

    private static String text(MultiValueMap<String, String> params, String name) {
        String v = params.getFirst(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    private static Integer integer(MultiValueMap<String, String> params, String name, String field, Map<String, String> invalid) {
        return integer(params.getFirst(name), field, invalid);
    }

    /**
     * The rows typed as the API takes them, each made by {@code row} with the prefix its fields are named by in a
     * refusal ({@code majors[0].}, {@code majors[1].}, …).
     */
    static List<Map<String, Object>> sent(List<Map<String, String>> typed, String list,
                                          BiFunction<Map<String, String>, String, Map<String, Object>> row) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            rows.add(row.apply(typed.get(i), list + "[" + i + "]."));
        }
        return rows;
    }

    /** A whole number as typed, or null (blank: the API names what is required; not a number: said here, never sent). */
    static Integer integer(String given, String field, Map<String, String> invalid) {
        return parsed(given, field, invalid, Integer::valueOf);
    }

    /** A weight typed in percent (30 or 12.5) as basis points (3000, 1250). */
    static Integer basisPoints(String percent, String field, Map<String, String> invalid) {
        return parsed(percent, field, invalid, p -> new BigDecimal(p.replace("%", "")).movePointRight(2).intValueExact());
    }

    /** A date and time typed in the form (the programme's time, Asia/Shanghai) as an instant. */
    static String instant(String local, String field, Map<String, String> invalid) {
        return parsed(local, field, invalid, l -> {
            try {
                return LocalDateTime.parse(l).atZone(Formats.PROGRAMME_ZONE).toInstant().toString();
            } catch (DateTimeParseException e) {
                return LocalDate.parse(l).atStartOfDay(Formats.PROGRAMME_ZONE).toInstant().toString();
            }
        });
    }

    /**
     * A value typed in the form ({@code given}, trimmed) as {@code parse} reads it, or null: blank, the API names
     * what is required; not readable, {@code field} is marked invalid here and nothing is sent.
     */
    static <T> T parsed(String given, String field, Map<String, String> invalid, Function<String, T> parse) {
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return parse.apply(given.trim());
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            invalid.put(field, "");
            return null;
        }
    }

    /** A tender: its terms, publication, the applications received, the panel and the way to the ranking and notice. */
    @GetMapping("/accreditation/tenders/{tenderId}")
    String tender(@PathVariable String tenderId, @RequestParam(required = false) String done, Authentication auth, Model model) {
        Pages.officer(auth);
        loadTender(tenderId, model);
        Pages.sayDone(model, done, "drafted|published|appointed");
        return "accreditation/tender";
    }

    private void loadTender(String tenderId, Model model) {
        String path = "/api/accreditation/tenders/" + Pages.id(tenderId);
        Gateway.Answer tender = Pages.drawRecord(gateway, "/api/accreditation/tenders/", "tender", tenderId, model);
        boolean published = "PUBLISHED".equals(tender.body().get("status"));
        model.addAttribute("applications", published ? gateway.get(path + "/applications?size=200").body() : Map.of("items", List.of()));
        Map<String, Object> panel = null;
        if (published) {
            try {
                panel = gateway.get(path + "/panel").body();
            } catch (ApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        model.addAttribute("panel", panel);
        if (!model.containsAttribute("members")) {
            model.addAttribute("members", rows(List.of(), panel == null ? 3 : 1));
        }
        if (!model.containsAttribute("idempotencyKey")) {
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        }
    }

    /** Publish the draft: {@code POST …/publication} with the ETag the page was drawn with. */
    @PostMapping("/accreditation/tenders/{tenderId}/publication")
    String publish(@PathVariable String tenderId, @RequestParam(defaultValue = "") String etag, Authentication auth,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        try {
            gateway.post("/api/accreditation/tenders/" + Pages.id(tenderId) + "/publication", Map.of(), Pages.ifMatch(etag));
        } catch (ApiException e) {
            Pages.refusedUnless(model, "publish", e, 404);
            loadTender(tenderId, model);
            return "accreditation/tender";
        }
        return Pages.done(request, response, "/accreditation/tenders/" + tenderId + "?done=published");
    }

    /** Appoint the panel (at least three the first time) or add reviewers: {@code POST …/panel}. */
    @PostMapping("/accreditation/tenders/{tenderId}/panel")
    String appoint(@PathVariable String tenderId, @RequestParam MultiValueMap<String, String> params, Authentication auth,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        String key = Pages.key(params.getFirst("idempotencyKey"));
        List<Map<String, String>> members = filledRows(params, "reviewerId", "name");
        try {
            gateway.post("/api/accreditation/tenders/" + Pages.id(tenderId) + "/panel", Map.of("members",
                    members.stream().map(m -> Map.of("reviewerId", m.get("reviewerId"), "name", m.get("name"))).toList()),
                    Pages.idempotent(key));
        } catch (ApiException e) {
            Pages.refusedUnless(model, "panel", e, 404);
            model.addAttribute("members", rows(members, 3));
            model.addAttribute("idempotencyKey", key);
            loadTender(tenderId, model);
            return "accreditation/tender";
        }
        return Pages.done(request, response, "/accreditation/tenders/" + tenderId + "?done=appointed");
    }

    /** An application received: the institution, its majors, documents; rejection with reasons (If-Match). */
    @GetMapping("/accreditation/applications/{applicationId}")
    String application(@PathVariable String applicationId, @RequestParam(required = false) String done,
                       Authentication auth, Model model) {
        Pages.officer(auth);
        loadApplication(applicationId, model);
        model.addAttribute("done", "rejected".equals(done) ? done : null);
        return "accreditation/application";
    }

    private void loadApplication(String applicationId, Model model) {
        Gateway.Answer application = gateway.get("/api/accreditation/applications/" + Pages.id(applicationId));
        model.addAttribute("applicant", application.body());
        model.addAttribute("applicationId", applicationId);
        model.addAttribute("etag", application.etag());
        model.addAttribute("tender", gateway.get("/api/accreditation/tenders/"
                + Pages.id(String.valueOf(application.body().get("tenderId")))).body());
    }

    @PostMapping("/accreditation/applications/{applicationId}/rejection")
    String reject(@PathVariable String applicationId, @RequestParam(defaultValue = "") String reasons,
                  @RequestParam(defaultValue = "") String etag, Authentication auth,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        try {
            gateway.post("/api/accreditation/applications/" + Pages.id(applicationId) + "/rejection",
                    Map.of("reasons", lines(reasons)), Pages.ifMatch(etag));
        } catch (ApiException e) {
            Pages.refusedUnless(model, "reject", e, 404);
            loadApplication(applicationId, model);
            model.addAttribute("reasons", reasons);
            return "accreditation/application";
        }
        return Pages.done(request, response, "/accreditation/applications/" + applicationId + "?done=rejected");
    }

    /** The ranking with its composition and each reviewer's sheet; from a complete one, the notice is published. */
    @GetMapping("/accreditation/tenders/{tenderId}/ranking")
    String ranking(@PathVariable String tenderId, Authentication auth, Model model) {
        Pages.officer(auth);
        loadRanking(tenderId, model);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "accreditation/ranking";
    }

    private void loadRanking(String tenderId, Model model) {
        String path = "/api/accreditation/tenders/" + Pages.id(tenderId);
        model.addAttribute("tender", gateway.get(path).body());
        model.addAttribute("tenderId", tenderId);
        Map<String, Object> ranking = gateway.get(path + "/ranking").body();
        model.addAttribute("ranking", ranking);
        long eligible = Pages.list(ranking.get("entries")).stream().filter(e -> Boolean.TRUE.equals(e.get("eligible"))).count();
        model.addAttribute("eligible", eligible);
        if (!model.containsAttribute("basesToAccredit")) {
            model.addAttribute("basesToAccredit", String.valueOf(Math.max(1, eligible)));
            model.addAttribute("days", "7");
        }
    }

    /** Publish the proposed result: {@code POST …/notice} (the top eligible applications, for so many days). */
    @PostMapping("/accreditation/tenders/{tenderId}/notice")
    String notice(@PathVariable String tenderId, @RequestParam(defaultValue = "") String basesToAccredit,
                  @RequestParam(defaultValue = "") String days, @RequestParam(defaultValue = "") String idempotencyKey,
                  Authentication auth, HttpServletRequest request, HttpServletResponse response, Model model) {
        Pages.officer(auth);
        String key = Pages.key(idempotencyKey);
        Map<String, String> invalid = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("basesToAccredit", integer(basesToAccredit, "basesToAccredit", invalid));
        Integer d = integer(days, "days", invalid);
        if (d != null) {
            body.put("days", d);
        }
        try {
            Pages.refuseInvalid(invalid);
            Gateway.Answer notice = gateway.post("/api/accreditation/tenders/" + Pages.id(tenderId) + "/notice", body,
                    Pages.idempotent(key));
            return Pages.done(request, response, "/accreditation/notices/" + Pages.id(String.valueOf(notice.body().get("id"))) + "?done=noticed");
        } catch (ApiException e) {
            Pages.refusedUnless(model, "notice", e, 404);
            model.addAttribute("basesToAccredit", basesToAccredit);
            model.addAttribute("days", days);
            model.addAttribute("idempotencyKey", key);
            loadRanking(tenderId, model);
            return "accreditation/ranking";
        }
    }
}
