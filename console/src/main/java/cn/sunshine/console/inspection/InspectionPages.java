package cn.sunshine.console.inspection;

import cn.sunshine.console.accreditation.Pages;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The county officer's inspections (检查验收): the year's plans, the visit form scored against the province's
 * checklist (its current version, item by item) with a finding that may order a rectification, and the
 * rectification orders — overdue ones marked, the most overdue first — with the closure of a reported correction
 * (its ETag as If-Match).
 */
@Controller
public class InspectionPages {

    static final int PAGE_SIZE = 20;

    private final Gateway gateway;

    public InspectionPages(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/accreditation/inspection/plans")
    String plans(@RequestParam(required = false) Integer year, @RequestParam(required = false) Integer page,
                 Authentication auth, Model model) {
        Pages.officer(auth);
        int p = Pages.page(page);
        int y = year != null && year >= 2000 && year <= 2100 ? year : LocalDate.now(Formats.PROGRAMME_ZONE).getYear();
        model.addAttribute("list", gateway.get("/api/accreditation/inspection-plans?year=" + y + "&size=" + PAGE_SIZE
                + "&page=" + p).body());
        model.addAttribute("year", y);
        model.addAttribute("page", p);
        model.addAttribute("size", PAGE_SIZE);
        return "inspection/plans";
    }

    @GetMapping("/accreditation/inspection/orders")
    String orders(@RequestParam(required = false) String overdue, @RequestParam(required = false) String done,
                  @RequestParam(required = false) Integer page, Authentication auth, Model model) {
        Pages.officer(auth);
        drawOrders(model, "true".equals(overdue), Pages.page(page));
        Pages.sayDone(model, done, "recorded|closed");
        return "inspection/orders";
    }

    private void drawOrders(Model model, boolean overdue, int page) {
        model.addAttribute("list", gateway.get("/api/accreditation/rectification-orders?size=" + PAGE_SIZE + "&page=" + page
                + (overdue ? "&overdue=true" : "")).body());
        model.addAttribute("overdue", overdue);
        model.addAttribute("page", page);
        model.addAttribute("size", PAGE_SIZE);
    }

    /** The officer verifies a reported correction and closes the order (销号). */
    @PostMapping("/accreditation/inspection/orders/{orderId}/closure")
    String close(@PathVariable String orderId, @RequestParam(defaultValue = "") String etag,
                 @RequestParam(defaultValue = "") String note, Authentication auth, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        Pages.officer(auth);
        try {
            gateway.post("/api/accreditation/rectification-orders/" + Pages.id(orderId) + "/closure",
                    Map.of("note", note.trim()), Pages.ifMatch(etag));
        } catch (ApiException e) {
            Pages.refusedUnless(model, "close", e, 404, 401);
            drawOrders(model, false, 0);
            return "inspection/orders";
        }
        return Pages.done(request, response, "/accreditation/inspection/orders?done=closed");
    }

    @GetMapping("/accreditation/inspection/visits/new")
    String newVisit(Authentication auth, Model model) {
        Pages.officer(auth);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("kind", "SUPERVISION");
        form.put("visitedOn", LocalDate.now(Formats.PROGRAMME_ZONE).toString());
        draw(model, form, UUID.randomUUID().toString());
        return "inspection/visit-new";
    }

    /** The checklist (current version), the county's bases and the form as typed. */
    private void draw(Model model, Map<String, Object> form, String key) {
        Map<String, Object> checklists = gateway.get("/api/accreditation/inspection-checklists").body();
        Object current = checklists.get("current");
        Map<String, Object> checklist = Pages.list(checklists.get("versions")).stream()
                .filter(c -> c.get("version").equals(current)).findFirst().orElse(Map.of());
        model.addAttribute("checklist", checklist);
        model.addAttribute("bases", Pages.items(gateway.get("/api/accreditation/bases?status=ACCREDITED&size=200").body()));
        model.addAttribute("form", form);
        model.addAttribute("idempotencyKey", key);
    }

    /** Records the visit: each item's score and remark, and one finding (with its rectification) when written. */
    @PostMapping("/accreditation/inspection/visits")
    String record(@RequestParam MultiValueMap<String, String> params, Authentication auth, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        Pages.officer(auth);
        String key = Pages.key(params.getFirst("idempotencyKey"));
        Map<String, String> invalid = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("baseId", params.getFirst("baseId"));
        body.put("kind", params.getFirst("kind"));
        body.put("visitedOn", params.getFirst("visitedOn"));
        body.put("inspectors", Arrays.stream(String.valueOf(params.getFirst("inspectors")).split("[,，、;；\\s]+"))
                .map(String::trim).filter(s -> !s.isEmpty() && !"null".equals(s)).toList());
        List<String> codes = params.getOrDefault("itemCode", List.of());
        List<String> scores = params.getOrDefault("score", List.of());
        List<String> remarks = params.getOrDefault("remark", List.of());
        List<Map<String, Object>> scored = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("itemCode", codes.get(i));
            String typed = i < scores.size() ? scores.get(i).trim() : "";
            try {
                s.put("score", Integer.parseInt(typed));
            } catch (NumberFormatException e) {
                invalid.put("scores[" + i + "].score", "");
            }
            s.put("remark", i < remarks.size() && !remarks.get(i).isBlank() ? remarks.get(i).trim() : null);
            scored.add(s);
        }
        body.put("scores", scored);
        body.put("summary", params.getFirst("summary"));
        String description = params.getFirst("findingDescription");
        if (description != null && !description.isBlank()) {
            Map<String, Object> finding = new LinkedHashMap<>();
            String item = params.getFirst("findingItem");
            finding.put("itemCode", item == null || item.isBlank() ? null : item);
            finding.put("description", description.trim());
            String requirement = params.getFirst("requirement");
            if (requirement != null && !requirement.isBlank()) {
                String deadline = params.getFirst("deadline");
                Map<String, Object> rect = new LinkedHashMap<>();
                rect.put("requirement", requirement.trim());
                rect.put("deadline", deadline == null || deadline.isBlank() ? null : deadline);
                finding.put("rectification", rect);
            }
            body.put("findings", List.of(finding));
        } else {
            body.put("findings", List.of());
        }
        try {
            Pages.refuseInvalid(invalid);
            gateway.post("/api/accreditation/inspection-visits", body, Pages.idempotent(key));
            return Pages.done(request, response, "/accreditation/inspection/orders?done=recorded");
        } catch (ApiException e) {
            Pages.refusedUnless(model, "record", e, 401);
            Map<String, Object> typed = new LinkedHashMap<>(params.toSingleValueMap());
            Map<String, String> scoreByCode = new LinkedHashMap<>();
            Map<String, String> remarkByCode = new LinkedHashMap<>();
            for (int i = 0; i < codes.size(); i++) {
                scoreByCode.put(codes.get(i), i < scores.size() ? scores.get(i) : "");
                remarkByCode.put(codes.get(i), i < remarks.size() ? remarks.get(i) : "");
            }
            typed.put("scoreByCode", scoreByCode);
            typed.put("remarkByCode", remarkByCode);
            draw(model, typed, key);
            return "inspection/visit-new";
        }
    }
}
