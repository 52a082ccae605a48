package cn.sunshine.console.monitoring;

import cn.sunshine.console.accreditation.Pages;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import cn.sunshine.console.web.CurrentUser;
import cn.sunshine.console.web.Formats;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static cn.sunshine.console.web.FormFeedback.formProblem;
import static cn.sunshine.console.classes.BaseClassesController.blankToNull;

/**
 * The county's labour-force monitoring points (劳动力监测点): the villages monitored with their monitor, each
 * point's quarterly returns (填报, 更正 with the version the form was drawn from as {@code If-Match}) and its
 * training-needs survey; the trends of a division's points by quarter and the needs by major, drawn with ECharts
 * beside the programme's completers and placed trainees. Creations carry the Idempotency-Key drawn with the form.
 * The officers of county, city and province read; only the county officer writes (the API decides; other roles get
 * "not found" here).
 */
@Controller
public class MonitoringController {

    static final List<String> OFFICERS = List.of("COUNTY_OFFICER", "CITY_OFFICER", "PROVINCE_OFFICER");
    static final List<String> SECTORS = List.of("MANUFACTURING", "CONSTRUCTION", "SERVICES", "TRANSPORT", "OTHER");
    static final List<String> COUNTS = List.of("labourers", "male", "female", "transferred", "newlyTransferred",
            "inCounty", "inProvince", "outOfProvince", "returnedHome");

    private final Gateway gateway;
    private final JsonMapper json;

    private final cn.sunshine.console.report.Regions regions;

    public MonitoringController(Gateway gateway, JsonMapper json, cn.sunshine.console.report.Regions regions) {
        this.gateway = gateway;
        this.json = json;
        this.regions = regions;
    }

    // ---- the points ---------------------------------------------------------------------------------------------

    @GetMapping("/monitoring")
    String points(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String registered,
                  Authentication auth, Model model) {
        officer(auth);
        drawPoints(Math.max(0, page), model);
        model.addAttribute("registered", registered);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "monitoring/points";
    }

    @PostMapping("/monitoring/points")
    String register(@RequestParam MultiValueMap<String, String> form, Authentication auth, HttpServletRequest request,
                    HttpServletResponse response, Model model) {
        CurrentUser me = officer(auth);
        Map<String, String> f = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("divisionCode", me.division());
        body.put("town", blankToNull(f.get("town")));
        body.put("village", blankToNull(f.get("village")));
        Map<String, Object> monitor = new LinkedHashMap<>();
        monitor.put("name", blankToNull(f.get("monitorName")));
        monitor.put("phone", blankToNull(f.get("monitorPhone")));
        body.put("monitor", monitor);
        String key = Pages.key(f.get("idempotencyKey"));
        try {
            Map<String, Object> point = gateway.post("/api/placement/monitoring-points", body, Pages.idempotent(key)).body();
            return Pages.done(request, response, "/monitoring/points/" + Pages.id(String.valueOf(point.get("id"))) + "?done=registered");
        } catch (ApiException e) {
            refused(model, "register", e);
            model.addAttribute("submitted", f);
            model.addAttribute("idempotencyKey", key);
            response.setStatus(ApiErrors.kindOf(e).pageStatus());
            drawPoints(0, model);
            return "monitoring/points";
        }
    }

    @GetMapping("/monitoring/points/{id}")
    String point(@PathVariable String id, @RequestParam(required = false) Integer year,
                 @RequestParam(required = false) String correct, @RequestParam(required = false) String done,
                 Authentication auth, Model model) {
        officer(auth);
        drawPoint(id, year, correct, model);
        model.addAttribute("done", done);
        return "monitoring/point";
    }

    @PostMapping("/monitoring/points/{id}/returns")
    String recordReturn(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication auth,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        officer(auth);
        Map<String, String> f = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", number(f.get("year")));
        body.put("quarter", number(f.get("quarter")));
        body.put("figures", figures(f));
        return record(id, "returns", "return", body, f, request, response, model);
    }

    @PostMapping("/monitoring/points/{id}/returns/{year}/{quarter}")
    String correctReturn(@PathVariable String id, @PathVariable int year, @PathVariable int quarter,
                         @RequestParam MultiValueMap<String, String> form, Authentication auth,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        officer(auth);
        Map<String, String> f = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("figures", figures(f));
        body.put("reason", blankToNull(f.get("reason")));
        return correct(id, year, "/returns/" + year + "/" + quarter, body, f, new Correction("correction", "correction",
                year + "-" + quarter), request, response, model);
    }

    @PostMapping("/monitoring/points/{id}/needs-surveys")
    String recordSurvey(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication auth,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        officer(auth);
        Map<String, String> f = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", number(f.get("year")));
        body.put("surveyedOn", blankToNull(f.get("surveyedOn")));
        body.put("needs", needs(form));
        return record(id, "needs-surveys", "survey", body, f, request, response, model);
    }

    /**
     * The year's needs survey corrected (a mistake found after it was recorded): the whole survey again with the
     * reason, sent with the version it was read at (If-Match); the earlier answers stay in the survey's revisions.
     */
    @PostMapping("/monitoring/points/{id}/needs-surveys/{year}/correction")
    String correctSurvey(@PathVariable String id, @PathVariable int year, @RequestParam MultiValueMap<String, String> form,
                         Authentication auth, HttpServletRequest request, HttpServletResponse response, Model model) {
        officer(auth);
        Map<String, String> f = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("surveyedOn", blankToNull(f.get("surveyedOn")));
        body.put("needs", needs(form));
        body.put("reason", blankToNull(f.get("reason")));
        return correct(id, year, "/needs-surveys/" + year, body, f, new Correction("surveyCorrection", "surveyCorrected",
                null), request, response, model);
    }

    /**
     * A new return or survey of the point ({@code POST …/<what>} with the form's Idempotency-Key), then the point's
     * page for its year saying it is {@code done}; refused, the page again with the refusal beside the form {@code done}.
     */
    private String record(String id, String what, String done, Map<String, Object> body, Map<String, String> f,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        String key = Pages.key(f.get("idempotencyKey"));
        try {
            gateway.post("/api/placement/monitoring-points/" + Pages.id(id) + "/" + what, body, Pages.idempotent(key));
            return Pages.done(request, response, "/monitoring/points/" + Pages.id(id) + "?year=" + body.get("year")
                    + "&done=" + done);
        } catch (ApiException e) {
            return again(id, f, done, e, response, model, null);
        }
    }

    /** How a correction is said: the form its refusal stands beside, the page's word once done, the row corrected. */
    private record Correction(String form, String done, String row) {
    }

    /**
     * A return or survey of {@code year} corrected ({@code PUT …<path>} with the version the form was drawn from),
     * then the point's page for the year; refused, the page again with what was typed, for that year.
     */
    private String correct(String id, int year, String path, Map<String, Object> body, Map<String, String> f,
                           Correction said, HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            gateway.put("/api/placement/monitoring-points/" + Pages.id(id) + path, body, ifMatch(f.get("version")));
            return Pages.done(request, response, "/monitoring/points/" + Pages.id(id) + "?year=" + year + "&done=" + said.done());
        } catch (ApiException e) {
            Map<String, String> kept = new LinkedHashMap<>(f);
            kept.put("year", String.valueOf(year));
            return again(id, kept, said.form(), e, response, model, said.row());
        }
    }

    /** The survey's rows as typed: a row without a major code is left out; codes in capitals. */
    private static List<Map<String, Object>> needs(MultiValueMap<String, String> form) {
        List<Map<String, Object>> needs = new ArrayList<>();
        List<String> codes = form.getOrDefault("majorCode", List.of());
        List<String> names = form.getOrDefault("majorName", List.of());
        List<String> heads = form.getOrDefault("headCount", List.of());
        for (int i = 0; i < codes.size(); i++) {
            String code = blankToNull(codes.get(i));
            if (code == null) {
                continue;
            }
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("majorCode", code.toUpperCase(java.util.Locale.ROOT));
            n.put("majorName", i < names.size() ? blankToNull(names.get(i)) : null);
            n.put("headCount", i < heads.size() ? number(heads.get(i)) : null);
            needs.add(n);
        }
        return needs;
    }

    @PostMapping("/monitoring/points/{id}/retirement")
    String retire(@PathVariable String id, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String version, Authentication auth, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        officer(auth);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", blankToNull(reason));
        try {
            gateway.post("/api/placement/monitoring-points/" + Pages.id(id) + "/retirement", body, ifMatch(version));
            return Pages.done(request, response, "/monitoring/points/" + Pages.id(id) + "?done=retired");
        } catch (ApiException e) {
            return again(id, Map.of("reason", reason == null ? "" : reason), "retire", e, response, model, null);
        }
    }

    // ---- the trends ---------------------------------------------------------------------------------------------

    @GetMapping("/monitoring/trends")
    String trends(@RequestParam(required = false) String division, @RequestParam(required = false) Integer year,
                  Authentication auth, Model model) {
        CurrentUser me = officer(auth);
        int thisYear = LocalDate.now(Formats.PROGRAMME_ZONE).getYear();
        int y = year == null || year < 2000 || year > thisYear + 1 ? thisYear : year;
        String d = division != null && division.matches("\\d{6}") ? division : me.division();
        Map<String, Object> t = gateway.get("/api/placement/monitoring/trends?division=" + d + "&year=" + y).body();
        model.addAttribute("t", t);
        model.addAttribute("year", y);
        model.addAttribute("yearText", String.valueOf(y));
        model.addAttribute("years", List.of(thisYear - 2, thisYear - 1, thisYear));
        model.addAttribute("division", d);
        model.addAttribute("sectors", SECTORS);
        model.addAttribute("chartQuarters", json.writeValueAsString(t.getOrDefault("quarters", List.of())));
        model.addAttribute("chartNeeds", json.writeValueAsString(t.getOrDefault("needs", List.of())));
        model.addAttribute("below", below(d, y));
        return "monitoring/trends";
    }

    /**
     * For a city or the province, a row a division below it (its points, its latest quarter's labourers and transfers,
     * its surveys and the programme beside them), each read with the person's own token; a division refused or
     * unavailable shows as such, the others still.
     */
    private List<Map<String, Object>> below(String division, int year) {
        List<cn.sunshine.console.report.Regions.Region> children = regions.children(division);
        if (children.isEmpty()) {
            return List.of();
        }
        List<Object> answers = gateway.getEach(children.stream()
                .map(c -> "/api/placement/monitoring/trends?division=" + c.code() + "&year=" + year).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", children.get(i).code());
            row.put("name", children.get(i).name());
            if (i < answers.size() && answers.get(i) instanceof Gateway.Answer a) {
                Map<String, Object> t = a.body();
                row.put("pointsActive", t.get("pointsActive"));
                row.put("surveys", t.get("surveys"));
                row.put("plan", t.get("plan"));
                Object latest = null;
                if (t.get("quarters") instanceof List<?> qs) {
                    for (Object q : qs) {
                        if (q instanceof Map<?, ?> m && m.get("pointsReporting") instanceof Number n && n.intValue() > 0) {
                            latest = m;
                        }
                    }
                }
                row.put("latest", latest);
            } else {
                row.put("unavailable", true);
            }
            rows.add(row);
        }
        return rows;
    }

    // ---- drawing ------------------------------------------------------------------------------------------------

    private void drawPoints(int page, Model model) {
        model.addAttribute("page", page);
        model.addAttribute("list", gateway.get("/api/placement/monitoring-points?size=50&page=" + page).body());
    }

    private void drawPoint(String id, Integer year, String correct, Model model) {
        int thisYear = LocalDate.now(Formats.PROGRAMME_ZONE).getYear();
        int y = year == null || year < 2000 || year > thisYear + 1 ? thisYear : year;
        Gateway.Answer point = gateway.get("/api/placement/monitoring-points/" + Pages.id(id));
        model.addAttribute("point", point.body());
        model.addAttribute("pointVersion", version(point.etag()));
        model.addAttribute("pointId", id);
        model.addAttribute("year", y);
        model.addAttribute("yearText", String.valueOf(y));
        model.addAttribute("years", List.of(thisYear - 2, thisYear - 1, thisYear));
        model.addAttribute("sectors", SECTORS);
        model.addAttribute("counts", COUNTS);
        List<?> returns = gateway.get("/api/placement/monitoring-points/" + Pages.id(id) + "/returns?year=" + y).list();
        model.addAttribute("returns", returns);
        Map<?, ?> correcting = null;
        if (correct != null) {
            for (Object r : returns) {
                if (r instanceof Map<?, ?> m && correct.equals(m.get("year") + "-" + m.get("quarter"))) {
                    correcting = m;
                }
            }
        }
        model.addAttribute("correcting", correcting);
        Object survey = null;
        try {
            survey = gateway.get("/api/placement/monitoring-points/" + Pages.id(id) + "/needs-surveys/" + y).body();
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        model.addAttribute("survey", survey);
        if (!model.containsAttribute("idempotencyKey")) {
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        }
        model.addAttribute("today", LocalDate.now(Formats.PROGRAMME_ZONE).toString());
    }

    /** A refused form: the page again with the refusal next to the form and what was typed. */
    private String again(String id, Map<String, String> f, String form, ApiException e, HttpServletResponse response,
                         Model model, String correct) {
        refused(model, form, e);
        model.addAttribute("submitted", f);
        model.addAttribute("idempotencyKey", Pages.key(f.get("idempotencyKey")));
        response.setStatus(ApiErrors.kindOf(e).pageStatus());
        Integer y = number(f.get("year")) instanceof Integer i ? i : null;
        drawPoint(id, y, correct, model);
        return "monitoring/point";
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The monitoring pages are the officers' (county, city, province): anyone else gets "not found". */
    static CurrentUser officer(Authentication auth) {
        CurrentUser me = CurrentUser.of(auth);
        if (me == null || me.roles().stream().noneMatch(OFFICERS::contains)) {
            throw new ApiException(404, null, "the monitoring pages are the officers'", Map.of());
        }
        return me;
    }

    private static Map<String, Object> figures(Map<String, String> f) {
        Map<String, Object> figures = new LinkedHashMap<>();
        for (String c : List.of("labourers", "male", "female", "transferred", "newlyTransferred")) {
            figures.put(c, number(f.get(c)));
        }
        Map<String, Object> destinations = new LinkedHashMap<>();
        for (String c : List.of("inCounty", "inProvince", "outOfProvince")) {
            destinations.put(c, number(f.get(c)));
        }
        figures.put("destinations", destinations);
        Map<String, Object> sectors = new LinkedHashMap<>();
        for (String s : SECTORS) {
            Object n = number(f.get("sector." + s));
            if (n != null) {
                sectors.put(s, n);
            }
        }
        figures.put("sectors", sectors);
        figures.put("returnedHome", number(f.get("returnedHome")));
        return figures;
    }

    /** A count as typed: a whole number, else the text itself (the API then names the field), null when blank. */
    static Object number(String s) {
        String v = blankToNull(s);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static Consumer<HttpHeaders> ifMatch(String version) {
        return h -> {
            if (version != null && version.matches("\\d{1,19}")) {
                h.setIfMatch("\"" + version + "\"");
            }
        };
    }

    private static String version(String etag) {
        return etag == null ? null : etag.replace("W/", "").replace("\"", "");
    }

    private static void refused(Model model, String form, ApiException e) {
        ApiErrors.Kind kind = formProblem(e);
        model.addAttribute(form + "Kind", kind);
        model.addAttribute(form + "Problem", e);
    }
}
