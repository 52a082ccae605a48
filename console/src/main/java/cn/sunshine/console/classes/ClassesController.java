package cn.sunshine.console.classes;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The county officer at a class opening: the opened classes of the county, and a class's trainees checked against
 * the roster (对照名册核定学员身份) in one batch — every trainee still unchecked is 核定 unless the officer marks
 * them 不符 with the reason; the batch is all-or-nothing, and a refused row shows its message on its row.
 */
@Controller
public class ClassesController {

    static final java.util.Set<String> STATUSES = java.util.Set.of("REPORTED", "OPENED");

    private final Gateway gateway;
    private final BaseClassesController baseClasses;

    public ClassesController(Gateway gateway, BaseClassesController baseClasses) {
        this.gateway = gateway;
        this.baseClasses = baseClasses;
    }

    public static String seg(String s) {
        return UriUtils.encodePathSegment(s, StandardCharsets.UTF_8);
    }

    /**
     * The classes: base staff see all of their base's (any state) with 申报开班; officers the county's opened
     * classes (or those reported, not yet opened), waiting for the roster check.
     */
    @GetMapping("/classes")
    String classes(@RequestParam(required = false) String status, org.springframework.security.core.Authentication auth,
                   Model model) {
        cn.sunshine.console.web.CurrentUser me = cn.sunshine.console.web.CurrentUser.of(auth);
        boolean base = me != null && me.has("BASE_STAFF");
        String filter = status != null && STATUSES.contains(status) ? status : base ? null : "OPENED";
        model.addAttribute("status", filter);
        model.addAttribute("baseView", base);
        model.addAttribute("list", gateway.get("/api/enrollment/classes?size=100" + (filter == null ? "" : "&status=" + filter)).body());
        return "classes";
    }

    @GetMapping("/classes/{classId}")
    String klass(@PathVariable String classId, @RequestParam(required = false) Integer done,
                 @RequestParam(required = false) Integer imported, @RequestParam(required = false) String enrolled,
                 @RequestParam(required = false) String reported, org.springframework.security.core.Authentication auth,
                 Model model) {
        cn.sunshine.console.web.CurrentUser me = cn.sunshine.console.web.CurrentUser.of(auth);
        if (me != null && me.has("BASE_STAFF")) {
            model.addAttribute("imported", imported);
            model.addAttribute("enrolled", enrolled != null);
            model.addAttribute("reported", reported != null);
            return baseClasses.drawBaseClass(classId, model);
        }
        draw(classId, model);
        model.addAttribute("done", done);
        return "class";
    }

    @PostMapping("/classes/{classId}/roster-checks")
    String check(@PathVariable String classId, @RequestParam MultiValueMap<String, String> form,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        List<Map<String, Object>> checks = new ArrayList<>();
        for (String id : form.getOrDefault("enrollmentId", List.of())) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("enrollmentId", id);
            boolean rejected = "REJECTED".equals(form.getFirst("outcome-" + id));
            entry.put("outcome", rejected ? "REJECTED" : "VERIFIED");
            String reason = form.getFirst("reason-" + id);
            if (reason != null && !reason.isBlank()) {
                entry.put("reason", reason.strip());
            }
            checks.add(entry);
        }
        boolean htmx = "true".equals(request.getHeader("HX-Request"));
        try {
            Map<String, Object> result = gateway.post("/api/enrollment/classes/" + seg(classId) + "/roster-checks",
                    Map.of("checks", checks), h -> { }).body();
            String next = "/classes/" + seg(classId) + "?done=" + result.getOrDefault("applied", 0);
            if (htmx) {
                response.setHeader("HX-Redirect", next);
                return "fragments :: empty";
            }
            return "redirect:" + next;
        } catch (ApiException e) {
            ApiErrors.Kind kind = ApiErrors.kindOf(e.status());
            if (kind == ApiErrors.Kind.SIGN_IN || kind == ApiErrors.Kind.NOT_FOUND) {
                throw e;
            }
            Map<Object, String> rowErrors = new LinkedHashMap<>();
            e.rows().forEach(r -> rowErrors.merge(r.get("enrollmentId"), String.valueOf(r.get("message")), (a, b) -> a + "; " + b));
            model.addAttribute("feedback", kind);
            model.addAttribute("problem", e);
            model.addAttribute("rowErrors", rowErrors);
            model.addAttribute("submitted", form.toSingleValueMap());
            response.setStatus(htmx ? 200 : kind.pageStatus());
            draw(classId, model);
            return htmx ? "class :: roster" : "class";
        }
    }

    private void draw(String classId, Model model) {
        model.addAttribute("klass", gateway.get("/api/enrollment/classes/" + seg(classId)).body());
        List<?> items = (List<?>) gateway.get("/api/enrollment/classes/" + seg(classId) + "/enrollments?size=500").body()
                .getOrDefault("items", List.of());
        model.addAttribute("enrollments", items);
        model.addAttribute("pending", items.stream().filter(i -> i instanceof Map<?, ?> m && "PENDING".equals(m.get("rosterCheck"))
                && "ENROLLED".equals(m.get("status"))).count());
        model.addAttribute("classId", classId);
    }
}
