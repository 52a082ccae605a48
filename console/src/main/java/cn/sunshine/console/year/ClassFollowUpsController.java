package cn.sunshine.console.year;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.api.PagedLists;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.sunshine.console.classes.BaseClassesController.blankToNull;
import static cn.sunshine.console.classes.BaseClassesController.fen;
import static cn.sunshine.console.classes.BaseClassesController.htmx;
import static cn.sunshine.console.classes.BaseClassesController.integer;
import static cn.sunshine.console.classes.ClassesController.seg;
import static cn.sunshine.console.year.ClassWorkController.next;
import static cn.sunshine.console.year.ClassWorkController.require;

/**
 * Base staff's follow-up sheet of a class (跟踪服务台账): one round of the class's follow-ups (the first month after
 * the start, the second, … the sixth) on one page, a row a trainee in work, the calls made filled in and sent in one
 * request ({@code POST /api/placement/classes/{id}/follow-ups/{n}}): all rows or none, each by the single contact's
 * rules; a bad row is named on its row and nothing is recorded. Sending the same sheet again records nothing twice
 * (the rows already recorded are counted apart). A problem reported (unpaid wages, no contract, …) opens a
 * labour-rights case as the single contact does.
 */
@Controller
public class ClassFollowUpsController {

    static final int ROUNDS = 6;
    static final int MAX_PLACEMENTS = 2_000;

    private final Gateway gateway;

    public ClassFollowUpsController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/classes/{classId}/follow-ups")
    String sheet(@PathVariable String classId, @RequestParam(required = false) Integer round,
                 @RequestParam(required = false) Integer done, @RequestParam(required = false) Integer already,
                 @RequestParam(required = false) Integer cases, Authentication auth, Model model) {
        require(auth, "BASE_STAFF");
        model.addAttribute("done", done);
        model.addAttribute("already", already);
        model.addAttribute("cases", cases);
        draw(classId, round, model);
        return "year/class-follow-ups";
    }

    @PostMapping("/classes/{classId}/follow-ups/{round}")
    String record(@PathVariable String classId, @PathVariable int round, @RequestParam MultiValueMap<String, String> form,
                  Authentication auth, HttpServletRequest request, HttpServletResponse response, Model model) {
        require(auth, "BASE_STAFF");
        int n = Math.max(1, Math.min(ROUNDS, round));
        Map<String, String> f = form.toSingleValueMap();
        List<String> keys = new ArrayList<>();
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (String id : form.getOrDefault("placementId", List.of())) {
            if (!"true".equals(f.get("record-" + id))) {
                continue;
            }
            boolean reached = !"false".equals(f.get("reached-" + id));
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("placementId", id);
            c.put("contactedOn", blankToNull(f.get("contactedOn-" + id)));
            c.put("reached", reached);
            if (reached) {
                c.put("stillEmployed", !"false".equals(f.get("stillEmployed-" + id)));
                c.put("monthlyWageFen", fen(f.get("wageYuan-" + id)));
                c.put("satisfaction", integer(f.get("satisfaction-" + id)));
            }
            String problem = f.get("problem-" + id);
            boolean known = problem != null && FollowUpsController.PROBLEMS.contains(problem);
            c.put("problems", known ? List.of(problem) : List.of());
            c.put("unpaidWagesFen", known && "UNPAID_WAGES".equals(problem) ? fen(f.get("unpaidYuan-" + id)) : null);
            c.put("note", blankToNull(f.get("note-" + id)));
            keys.add(id);
            contacts.add(c);
        }
        BatchRefusal refusal;
        if (contacts.isEmpty()) {
            refusal = BatchRefusal.nothingTicked(model);
        } else {
            try {
                Map<String, Object> answer = gateway.post("/api/placement/classes/" + seg(classId) + "/follow-ups/" + n,
                        Map.of("contacts", contacts), h -> { }).body();
                int opened = answer.get("escalationCaseIds") instanceof List<?> l ? l.size() : 0;
                return next("/classes/" + seg(classId) + "/follow-ups?round=" + n + "&done=" + answer.getOrDefault("recorded", 0)
                        + "&already=" + answer.getOrDefault("alreadyDone", 0) + "&cases=" + opened, request, response);
            } catch (ApiException e) {
                refusal = BatchRefusal.refused(e);
                for (Map<String, Object> r : e.rows()) {
                    String key = r.get("placementId") != null ? String.valueOf(r.get("placementId"))
                            : r.get("row") instanceof Number row && row.intValue() >= 1 && row.intValue() <= keys.size()
                            ? keys.get(row.intValue() - 1) : "";
                    String field = r.get("field") == null || String.valueOf(r.get("field")).isBlank() ? "" : r.get("field") + ": ";
                    refusal.onRow(key, field + r.get("message"));
                }
            }
        }
        refusal.show(f, model, request, response);
        draw(classId, n, model);
        return htmx(request) ? "year/class-follow-ups :: sheet" : "year/class-follow-ups";
    }

    /**
     * The class, its trainees in work (current placements) and the round shown: the one asked for, else the first
     * round with a follow-up still due.
     */
    private void draw(String classId, Integer round, Model model) {
        model.addAttribute("klass", gateway.get("/api/enrollment/classes/" + seg(classId)).body());
        model.addAttribute("classId", classId);
        List<Map<?, ?>> current = new ArrayList<>();
        for (Map<?, ?> p : PagedLists.all(gateway, "/api/placement/placements?classId=" + seg(classId) + "&status=CURRENT",
                MAX_PLACEMENTS)) {
            current.add(p);
        }
        int n = round != null && round >= 1 && round <= ROUNDS ? round : firstDue(current);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<?, ?> p : current) {
            Map<?, ?> followUp = followUp(p, n);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("placement", p);
            row.put("followUp", followUp);
            row.put("open", followUp != null && "DUE".equals(followUp.get("status")));
            rows.add(row);
        }
        model.addAttribute("round", n);
        model.addAttribute("rounds", java.util.stream.IntStream.rangeClosed(1, ROUNDS).boxed().toList());
        model.addAttribute("rows", rows);
        model.addAttribute("anyOpen", rows.stream().anyMatch(r -> Boolean.TRUE.equals(r.get("open"))));
        model.addAttribute("problems", FollowUpsController.PROBLEMS);
        model.addAttribute("today", LocalDate.now(FollowUpsController.SHANGHAI).toString());
    }

    static int firstDue(List<Map<?, ?>> placements) {
        for (int n = 1; n <= ROUNDS; n++) {
            for (Map<?, ?> p : placements) {
                Map<?, ?> f = followUp(p, n);
                if (f != null && "DUE".equals(f.get("status"))) {
                    return n;
                }
            }
        }
        return 1;
    }

    static Map<?, ?> followUp(Map<?, ?> placement, int n) {
        if (placement.get("followUps") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> f && f.get("number") instanceof Number num && num.intValue() == n) {
                    return f;
                }
            }
        }
        return null;
    }
}
