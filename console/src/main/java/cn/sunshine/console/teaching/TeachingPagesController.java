package cn.sunshine.console.teaching;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.api.PagedLists;
import cn.sunshine.console.web.CurrentUser;
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
import java.util.Set;

import static cn.sunshine.console.web.FormFeedback.beside;
import static cn.sunshine.console.classes.BaseClassesController.blankToNull;
import static cn.sunshine.console.classes.BaseClassesController.integer;
import static cn.sunshine.console.classes.BaseClassesController.key;
import static cn.sunshine.console.classes.ClassesController.seg;
import static cn.sunshine.console.year.ClassWorkController.ifMatch;
import static cn.sunshine.console.year.ClassWorkController.require;

/**
 * A class's teaching records (三有: 教学计划, 教学记录, 考勤) in the console: base staff set the teaching plan and record
 * each lesson held with its attendance (every trainee in training on the list, 出勤 / 缺勤 / 请假); the page shows
 * each trainee's hours against the province's attendance minimum, so those who would not complete are seen in time.
 * The county officer sees the same and records an unannounced visit (不定期抽查): who was found in the classroom; a
 * trainee the base marked present that day whom the officer did not find is flagged. The base does not see the
 * county's visits (as the API answers). Writes carry an Idempotency-Key (a lesson, a visit) or If-Match (the plan).
 */
@Controller
public class TeachingPagesController {

    static final String[] READERS = {"BASE_STAFF", "COUNTY_OFFICER", "COUNTY_LEADER", "CITY_OFFICER", "PROVINCE_OFFICER",
            "AUDITOR"};
    /** Who is in training, and so on a lesson's list and a visit's. */
    static final Set<String> IN_TRAINING = Set.of("ENROLLED", "ASSESSED");
    static final List<String> KINDS = List.of("THEORY", "PRACTICE");
    static final List<String> PRESENCES = List.of("PRESENT", "ABSENT", "EXCUSED");

    /** A class's lessons and visits listed on its page, at most (a class of 120 hours holds some 30 lessons). */
    static final int LISTED = 1_000;

    private final Gateway gateway;

    public TeachingPagesController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/classes/{classId}/teaching")
    String page(@PathVariable String classId, Authentication auth, Model model) {
        require(auth, READERS);
        draw(classId, CurrentUser.of(auth), model);
        return "teaching/class-teaching";
    }

    @PostMapping("/classes/{classId}/teaching-plan")
    String plan(@PathVariable String classId, @RequestParam MultiValueMap<String, String> form,
                @RequestParam(required = false) String version, Authentication auth, HttpServletResponse response,
                Model model) {
        require(auth, "BASE_STAFF");
        List<Map<String, Object>> modules = modules(form);
        try {
            gateway.put("/api/enrollment/classes/" + seg(classId) + "/teaching-plan", Map.of("modules", modules),
                    ifMatch(version));
            return "redirect:/classes/" + seg(classId) + "/teaching?plan=1#plan";
        } catch (ApiException e) {
            return refused(e, "plan", classId, auth, response, model, Map.of("planModules", modules));
        }
    }

    @PostMapping("/classes/{classId}/lessons")
    String lesson(@PathVariable String classId, @RequestParam MultiValueMap<String, String> form,
                  @RequestParam String lessonKey, Authentication auth, HttpServletResponse response, Model model) {
        require(auth, "BASE_STAFF");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", blankToNull(form.getFirst("date")));
        body.put("teacher", blankToNull(form.getFirst("teacher")));
        body.put("topic", blankToNull(form.getFirst("topic")));
        body.put("kind", blankToNull(form.getFirst("kind")));
        body.put("hours", integer(form.getFirst("hours")));
        List<Map<String, String>> attendance = new ArrayList<>();
        for (String id : form.getOrDefault("enrollmentId", List.of())) {
            String presence = form.getFirst("presence-" + id);
            attendance.add(Map.of("enrollmentId", id, "presence", presence != null && PRESENCES.contains(presence) ? presence : "ABSENT"));
        }
        body.put("attendance", attendance);
        try {
            gateway.post("/api/enrollment/classes/" + seg(classId) + "/lessons", body,
                    h -> h.set("Idempotency-Key", lessonKey));
            return "redirect:/classes/" + seg(classId) + "/teaching?lesson=1#lessons";
        } catch (ApiException e) {
            Map<String, Object> kept = new LinkedHashMap<>();
            kept.put("lessonForm", form.toSingleValueMap());
            // A refused lesson recorded nothing and frees its key: the corrected one goes with a new key.
            return refused(e, "lesson", classId, auth, response, model, kept);
        }
    }

    @PostMapping("/classes/{classId}/visits")
    String visit(@PathVariable String classId, @RequestParam(name = "present", required = false) List<String> present,
                 @RequestParam(required = false) String notes, @RequestParam String visitKey, Authentication auth,
                 HttpServletResponse response, Model model) {
        require(auth, "COUNTY_OFFICER");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("present", present == null ? List.of() : present);
        if (blankToNull(notes) != null) {
            body.put("notes", notes.strip());
        }
        try {
            gateway.post("/api/enrollment/classes/" + seg(classId) + "/visits", body,
                    h -> h.set("Idempotency-Key", visitKey));
            return "redirect:/classes/" + seg(classId) + "/teaching?visit=1#visits";
        } catch (ApiException e) {
            return refused(e, "visit", classId, auth, response, model, Map.of("visitNotes", notes == null ? "" : notes));
        }
    }

    private String refused(ApiException e, String form, String classId, Authentication auth, HttpServletResponse response,
                           Model model, Map<String, Object> kept) {
        beside(form, e, model, response);
        model.addAllAttributes(kept);
        draw(classId, CurrentUser.of(auth), model);
        return "teaching/class-teaching";
    }

    /** The plan's rows as the form sent them ({@code moduleName}, {@code moduleKind}, {@code moduleHours}), blank rows left out. */
    static List<Map<String, Object>> modules(MultiValueMap<String, String> form) {
        List<String> names = form.getOrDefault("moduleName", List.of());
        List<String> kinds = form.getOrDefault("moduleKind", List.of());
        List<String> hours = form.getOrDefault("moduleHours", List.of());
        List<Map<String, Object>> modules = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = blankToNull(names.get(i));
            String h = i < hours.size() ? blankToNull(hours.get(i)) : null;
            if (name == null && h == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("kind", i < kinds.size() && kinds.get(i) != null && KINDS.contains(kinds.get(i)) ? kinds.get(i) : "THEORY");
            m.put("hours", integer(h));
            modules.add(m);
        }
        return modules;
    }

    private void draw(String classId, CurrentUser me, Model model) {
        String base = "/api/enrollment/classes/" + seg(classId);
        model.addAttribute("classId", classId);
        model.addAttribute("klass", gateway.get(base).body());
        model.addAttribute("plan", optional(base + "/teaching-plan"));
        model.addAttribute("lessons", PagedLists.all(gateway, base + "/lessons", LISTED));
        model.addAttribute("attendance", gateway.get(base + "/attendance").body());
        boolean staff = me != null && me.has("BASE_STAFF");
        model.addAttribute("isBaseStaff", staff);
        model.addAttribute("isCountyOfficer", me != null && me.has("COUNTY_OFFICER"));
        if (!staff) {
            model.addAttribute("visits", PagedLists.all(gateway, base + "/visits", LISTED));
        }
        List<Map<String, Object>> inTraining = new ArrayList<>();
        for (Object o : gateway.get(base + "/enrollments?size=500").body().getOrDefault("items", List.of()) instanceof List<?> l ? l : List.of()) {
            if (o instanceof Map<?, ?> m && IN_TRAINING.contains(String.valueOf(m.get("status")))
                    && !"REJECTED".equals(String.valueOf(m.get("rosterCheck")))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) m;
                inTraining.add(e);
            }
        }
        model.addAttribute("inTraining", inTraining);
        model.addAttribute("kinds", KINDS);
        model.addAttribute("presences", PRESENCES);
        if (!model.containsAttribute("lessonKey")) {
            model.addAttribute("lessonKey", key());
        }
        if (!model.containsAttribute("visitKey")) {
            model.addAttribute("visitKey", key());
        }
    }

    /** A record that may not exist yet (a class without a plan): null for 404. */
    private Map<String, Object> optional(String path) {
        try {
            return gateway.get(path).body();
        } catch (ApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }
}
