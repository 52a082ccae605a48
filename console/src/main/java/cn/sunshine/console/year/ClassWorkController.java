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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.sunshine.console.web.FormFeedback.besideSwapped;
import static cn.sunshine.console.classes.BaseClassesController.blankToNull;
import static cn.sunshine.console.classes.BaseClassesController.fen;
import static cn.sunshine.console.classes.BaseClassesController.htmx;
import static cn.sunshine.console.classes.BaseClassesController.integer;
import static cn.sunshine.console.classes.ClassesController.seg;

/**
 * The year's work on one class after enrollment. The county officer confirms the opening he attended
 * ({@code POST …/opening}, If-Match the class's version) and issues the class's vouchers at the first lesson (the
 * answer carries each voucher's code, printed here for the trainees to fill in). Base staff, from their class page,
 * redeem the vouchers the trainees handed in, record the assessments, the completions (结业) and the placements of
 * the class, each act one class batch of the API: every row checked first, any bad row named on its row and nothing
 * changed, and a batch sent again (a double-click, a lost answer) applies nothing twice — so these forms need no
 * Idempotency-Key; their buttons are disabled in flight all the same.
 */
@Controller
public class ClassWorkController {

    /** The acts of base staff on a class: the page's slug, the API's path and list, the answer's count. */
    enum Act {
        REDEMPTIONS("vouchers", "/api/subsidy/classes/%s/voucher-redemptions", "redemptions", "redeemed"),
        ASSESSMENTS("assessments", "/api/enrollment/classes/%s/assessments", "assessments", "applied"),
        COMPLETIONS("completions", "/api/enrollment/classes/%s/completions", "completions", "applied"),
        PLACEMENTS("placements", "/api/placement/classes/%s/placements", "placements", "placed");

        final String slug;
        final String api;
        final String list;
        final String count;

        Act(String slug, String api, String list, String count) {
            this.slug = slug;
            this.api = api;
            this.list = list;
            this.count = count;
        }

        public String slug() {
            return slug;
        }
    }

    /** A class's placements read for its page, at most (a class's trainees, each with a job or two). */
    static final int MAX_PLACEMENTS = 2_000;
    static final List<String> WORKPLACES = List.of("HOME_COUNTY", "IN_PROVINCE", "OUT_OF_PROVINCE", "ABROAD");
    private static final Pattern ENTRY_INDEX = Pattern.compile("\\[(\\d+)]");

    private final Gateway gateway;

    public ClassWorkController(Gateway gateway) {
        this.gateway = gateway;
    }

    // ---- the county officer: the opening ------------------------------------------------------------------

    @PostMapping("/classes/{classId}/opening")
    String open(@PathVariable String classId, @RequestParam(required = false) String notes,
                @RequestParam(required = false) String version, Authentication auth, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        require(auth, "COUNTY_OFFICER");
        Map<String, Object> body = new LinkedHashMap<>();
        if (blankToNull(notes) != null) {
            body.put("notes", notes.strip());
        }
        try {
            gateway.post("/api/enrollment/classes/" + seg(classId) + "/opening", body, ifMatch(version));
            return next("/classes/" + seg(classId) + "?opened=1", request, response);
        } catch (ApiException e) {
            besideSwapped("opening", e, model, request, response);
            model.addAttribute("notes", notes);
            model.addAttribute("klass", gateway.get("/api/enrollment/classes/" + seg(classId)).body());
            model.addAttribute("classId", classId);
            return htmx(request) ? "year/opening :: panel" : "year/opening";
        }
    }

    // ---- the vouchers: issued by the officer, redeemed by the base ---------------------------------------------

    @GetMapping("/classes/{classId}/vouchers")
    String vouchers(@PathVariable String classId, @RequestParam(required = false) Integer done,
                    @RequestParam(required = false) Integer already, Authentication auth, Model model) {
        CurrentUser me = CurrentUser.of(auth);
        if (me != null && me.has("BASE_STAFF")) {
            return page(Act.REDEMPTIONS, classId, done, already, model);
        }
        require(auth, "COUNTY_OFFICER");
        drawVouchers(classId, model);
        return "year/vouchers";
    }

    @PostMapping("/classes/{classId}/vouchers")
    String issue(@PathVariable String classId, Authentication auth, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        require(auth, "COUNTY_OFFICER");
        try {
            // Issuing again is harmless: the API answers the vouchers already issued, with their codes.
            model.addAttribute("issued", gateway.post("/api/subsidy/classes/" + seg(classId) + "/vouchers", Map.of(),
                    h -> { }).list());
        } catch (ApiException e) {
            besideSwapped("issue", e, model, request, response);
        }
        drawVouchers(classId, model);
        return htmx(request) ? "year/vouchers :: issue" : "year/vouchers";
    }

    private void drawVouchers(String classId, Model model) {
        model.addAttribute("klass", gateway.get("/api/enrollment/classes/" + seg(classId)).body());
        model.addAttribute("classId", classId);
        try {
            model.addAttribute("vouchers", gateway.get("/api/subsidy/classes/" + seg(classId) + "/vouchers").list());
        } catch (ApiException e) {
            signInAgain(e);
            model.addAttribute("vouchersUnavailable", true);
        }
    }

    @PostMapping("/classes/{classId}/voucher-redemptions")
    String redeem(@PathVariable String classId, @RequestParam MultiValueMap<String, String> form, Authentication auth,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        return batch(Act.REDEMPTIONS, classId, form, auth, request, response, model, f -> {
            List<Entry> entries = new ArrayList<>();
            for (String serial : form.getOrDefault("serial", List.of())) {
                String code = blankToNull(f.get("code-" + serial));
                if (code != null) {
                    entries.add(new Entry(serial, Map.of("serial", serial, "code", code.toUpperCase(java.util.Locale.ROOT),
                            "enrollmentId", String.valueOf(f.get("enrollment-" + serial)))));
                }
            }
            return entries;
        });
    }

    // ---- base staff: assessments, completions, placements -----------------------------------------------------

    @GetMapping("/classes/{classId}/{act:assessments|completions|placements}")
    String act(@PathVariable String classId, @PathVariable String act, @RequestParam(required = false) Integer done,
               @RequestParam(required = false) Integer already, Authentication auth, Model model) {
        require(auth, "BASE_STAFF");
        return page(Act.valueOf(act.toUpperCase(java.util.Locale.ROOT)), classId, done, already, model);
    }

    @PostMapping("/classes/{classId}/assessments")
    String assess(@PathVariable String classId, @RequestParam MultiValueMap<String, String> form, Authentication auth,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        return batch(Act.ASSESSMENTS, classId, form, auth, request, response, model, f -> perEnrollment(form, (id, e) -> {
            String theory = blankToNull(f.get("theory-" + id));
            String practical = blankToNull(f.get("practical-" + id));
            if (theory == null && practical == null) {
                return false;
            }
            e.put("theoryScore", integer(theory));
            e.put("practicalScore", integer(practical));
            return true;
        }));
    }

    @PostMapping("/classes/{classId}/completions")
    String complete(@PathVariable String classId, @RequestParam MultiValueMap<String, String> form, Authentication auth,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        return batch(Act.COMPLETIONS, classId, form, auth, request, response, model, f -> perEnrollment(form, (id, e) -> {
            String certificate = blankToNull(f.get("certificate-" + id));
            if (certificate == null) {
                return false;
            }
            e.put("certificateNumber", certificate);
            e.put("skillCertificateNumber", blankToNull(f.get("skillCertificate-" + id)));
            e.put("skillLevel", blankToNull(f.get("skillLevel-" + id)));
            return true;
        }));
    }

    @PostMapping("/classes/{classId}/placements")
    String place(@PathVariable String classId, @RequestParam MultiValueMap<String, String> form, Authentication auth,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        return batch(Act.PLACEMENTS, classId, form, auth, request, response, model, f -> perEnrollment(form, (id, e) -> {
            if (!"true".equals(f.get("report-" + id))) {
                return false;
            }
            Map<String, Object> employer = new LinkedHashMap<>();
            employer.put("name", blankToNull(f.get("employerName-" + id)));
            employer.put("creditCode", upper(f.get("creditCode-" + id)));
            employer.put("address", blankToNull(f.get("address-" + id)));
            employer.put("hrPhone", blankToNull(f.get("hrPhone-" + id)));
            e.put("employer", employer);
            e.put("job", blankToNull(f.get("job-" + id)));
            e.put("monthlyWageFen", fen(f.get("wageYuan-" + id)));
            e.put("startDate", blankToNull(f.get("startDate-" + id)));
            String workplace = f.get("workplace-" + id);
            e.put("workplace", workplace != null && WORKPLACES.contains(workplace) ? workplace : null);
            e.put("contractSigned", "true".equals(f.get("contract-" + id)));
            return true;
        }));
    }

    /** How a sheet's row for one trainee is filled in: the row sent, after its {@code enrollmentId}. */
    @FunctionalInterface
    interface RowFill {
        /** Fills {@code row} for the enrollment; false when the row was left empty (it is not sent). */
        boolean fill(String enrollmentId, Map<String, Object> row);
    }

    /** The rows of a sheet listing the class's trainees ({@code enrollmentId} each), those filled in, in order. */
    private static List<Entry> perEnrollment(MultiValueMap<String, String> form, RowFill rows) {
        List<Entry> entries = new ArrayList<>();
        for (String id : form.getOrDefault("enrollmentId", List.of())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("enrollmentId", id);
            if (rows.fill(id, row)) {
                entries.add(new Entry(id, row));
            }
        }
        return entries;
    }

    // ---- the batch: send, or show each refused row on its row ---------------------------------------------------

    /** A row of a batch: the key the page shows it by (an enrollment id or a voucher serial) and what is sent. */
    record Entry(String key, Map<String, Object> body) {
    }

    private String batch(Act act, String classId, MultiValueMap<String, String> form, Authentication auth,
                         HttpServletRequest request, HttpServletResponse response, Model model,
                         Function<Map<String, String>, List<Entry>> rows) {
        require(auth, "BASE_STAFF");
        Map<String, String> f = form.toSingleValueMap();
        List<Entry> entries = rows.apply(f);
        BatchRefusal refusal;
        if (entries.isEmpty()) {
            refusal = BatchRefusal.nothingTicked(model);
        } else {
            try {
                Map<String, Object> done = gateway.post(String.format(act.api, seg(classId)),
                        Map.of(act.list, entries.stream().map(Entry::body).toList()), h -> { }).body();
                return next("/classes/" + seg(classId) + "/" + act.slug + "?done=" + done.getOrDefault(act.count, 0)
                        + "&already=" + done.getOrDefault("alreadyDone", 0), request, response);
            } catch (ApiException e) {
                refusal = BatchRefusal.refused(e);
                for (Map<String, Object> r : e.rows()) {
                    int row = r.get("row") instanceof Number n ? n.intValue() : 0;
                    String key = row >= 1 && row <= entries.size() ? entries.get(row - 1).key() : null;
                    refusal.onRow(key == null ? "" : key, fieldName(r.get("field")) + String.valueOf(r.get("message")));
                }
                e.fieldErrors().forEach((field, message) -> {
                    Matcher m = ENTRY_INDEX.matcher(field);
                    int i = m.find() ? Integer.parseInt(m.group(1)) : -1;
                    String key = i >= 0 && i < entries.size() ? entries.get(i).key() : "";
                    refusal.onRow(key, field.replaceFirst("^.*\\]\\.?", "") + ": " + message);
                });
            }
        }
        refusal.show(f, model, request, response);
        page(act, classId, null, null, model);
        return htmx(request) ? "year/batch :: batch" : "year/batch";
    }

    private static String fieldName(Object field) {
        return field == null || String.valueOf(field).isBlank() ? "" : field + ": ";
    }

    private String page(Act act, String classId, Integer done, Integer already, Model model) {
        Map<String, Object> klass = gateway.get("/api/enrollment/classes/" + seg(classId)).body();
        model.addAttribute("klass", klass);
        model.addAttribute("classId", classId);
        model.addAttribute("act", act.slug);
        model.addAttribute("done", done);
        model.addAttribute("already", already);
        List<?> enrollments = (List<?>) gateway.get("/api/enrollment/classes/" + seg(classId) + "/enrollments?size=500")
                .body().getOrDefault("items", List.of());
        model.addAttribute("enrollments", enrollments);
        model.addAttribute("workplaces", WORKPLACES);
        try {
            if (act == Act.REDEMPTIONS) {
                model.addAttribute("vouchers", gateway.get("/api/subsidy/classes/" + seg(classId) + "/vouchers").list());
            } else if (act == Act.PLACEMENTS) {
                Map<Object, Object> placed = new LinkedHashMap<>();
                for (Map<?, ?> p : cn.sunshine.console.api.PagedLists.all(gateway, "/api/placement/placements?classId=" + seg(classId),
                        MAX_PLACEMENTS)) {
                    if (!"DISPROVED".equals(p.get("status"))) {
                        placed.putIfAbsent(p.get("enrollmentId"), p);
                    }
                }
                model.addAttribute("placed", placed);
            }
        } catch (ApiException e) {
            signInAgain(e);
            model.addAttribute("partUnavailable", true);
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> placed = (Map<Object, Object>) model.getAttribute("placed");
        List<Object> open = new ArrayList<>();
        for (Object o : enrollments) {
            if (o instanceof Map<?, ?> e && opens(act, e, placed)) {
                open.add(e.get("id"));
            }
        }
        model.addAttribute("open", open);
        return "year/batch";
    }

    /** Whether a trainee's row takes the act now: the state the API's rules allow the act from. */
    static boolean opens(Act act, Map<?, ?> e, Map<Object, Object> placed) {
        Object status = e.get("status");
        return switch (act) {
            case ASSESSMENTS -> "ENROLLED".equals(status) && "VERIFIED".equals(e.get("rosterCheck"))
                    || "ASSESSED".equals(status) && !lastAssessmentPassed(e);
            case COMPLETIONS -> "ASSESSED".equals(status) && lastAssessmentPassed(e);
            case PLACEMENTS -> "COMPLETED".equals(status) && placed != null && !placed.containsKey(e.get("id"));
            case REDEMPTIONS -> false;
        };
    }

    static boolean lastAssessmentPassed(Map<?, ?> e) {
        if (e.get("assessments") instanceof List<?> l && !l.isEmpty() && l.get(l.size() - 1) instanceof Map<?, ?> a) {
            return Boolean.TRUE.equals(a.get("theoryPassed")) && Boolean.TRUE.equals(a.get("practicalPassed"));
        }
        return false;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    public static String next(String to, HttpServletRequest request, HttpServletResponse response) {
        if (htmx(request)) {
            response.setHeader("HX-Redirect", to);
            return "fragments :: empty";
        }
        return "redirect:" + to;
    }

    /** Pages of one role: anyone else gets the polite "not found" page (as the APIs answer them). */
    public static CurrentUser require(Authentication auth, String... roles) {
        CurrentUser me = CurrentUser.of(auth);
        for (String role : roles) {
            if (me != null && me.has(role)) {
                return me;
            }
        }
        throw new ApiException(404, null, "a page of " + String.join(", ", roles), Map.of());
    }

    /** A part of a page that did not answer is said so; an expired session is not a part. */
    public static void signInAgain(ApiException e) {
        if (ApiErrors.kindOf(e.status()) == ApiErrors.Kind.SIGN_IN) {
            throw e;
        }
    }

    /** The version a form was drawn from, as the If-Match of its change (a version that is not a number sends none). */
    public static java.util.function.Consumer<org.springframework.http.HttpHeaders> ifMatch(String version) {
        return h -> {
            if (version != null && version.matches("\\d{1,19}")) {
                h.setIfMatch("\"" + version + "\"");
            }
        };
    }

    static String upper(String s) {
        String v = blankToNull(s);
        return v == null ? null : v.toUpperCase(java.util.Locale.ROOT);
    }
}
