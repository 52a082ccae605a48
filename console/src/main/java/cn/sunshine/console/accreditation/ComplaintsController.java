package cn.sunshine.console.accreditation;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.export.ListExports;
import cn.sunshine.console.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.sunshine.console.export.ListExports.column;
import static cn.sunshine.console.export.ListExports.text;

/**
 * Complaints (监督举报) as the officers work them: the division's cases (filters status and overdue; the overdue
 * first), a case with its workflow — assign the handling officer, start the investigation, answer (属实 or not,
 * findings, the reply), close — each step with the case's ETag as {@code If-Match}; and the hotline entry. The
 * complainant's contact is shown as the API gives it: whole only to the handling officer, masked to everyone else.
 */
@Controller
public class ComplaintsController {

    static final int PAGE_SIZE = 50;
    static final Set<String> STATUSES = Set.of("RECEIVED", "ASSIGNED", "INVESTIGATING", "ANSWERED", "CLOSED");
    static final Set<String> SUBJECTS = Set.of("BASE", "CLASS", "OFFICER_CONDUCT", "OTHER");
    /** The workflow's steps as the console names them, and the API's path of each. */
    static final Map<String, String> STEPS = Map.of("assignment", "assignment", "investigation", "investigation",
            "answer", "answer", "closure", "closure");

    private final Gateway gateway;
    private final ListExports exports;

    public ComplaintsController(Gateway gateway, ListExports exports) {
        this.gateway = gateway;
        this.exports = exports;
    }

    /** The list's filters as the API takes them: a known status, overdue only; anything else is not passed on. */
    static String filter(String status, Boolean overdue) {
        String s = status != null && STATUSES.contains(status) ? status : null;
        return (s != null ? "&status=" + s : "") + (Boolean.TRUE.equals(overdue) ? "&overdue=true" : "");
    }

    @GetMapping("/accreditation/complaints")
    String complaints(@RequestParam(required = false) String status, @RequestParam(required = false) Boolean overdue,
                      @RequestParam(required = false) Integer page, Authentication auth, Model model) {
        Pages.officer(auth);
        int p = Pages.page(page);
        String s = status != null && STATUSES.contains(status) ? status : null;
        String path = "/api/accreditation/complaints?size=" + PAGE_SIZE + "&page=" + p + filter(status, overdue);
        Map<String, Object> list = new LinkedHashMap<>(gateway.get(path).body());
        // the overdue first (the API's order kept within each part)
        List<Map<String, Object>> rows = new ArrayList<>(Pages.items(list));
        rows.sort(Comparator.comparing(r -> !Boolean.TRUE.equals(r.get("overdue"))));
        list.put("items", rows);
        model.addAttribute("list", list);
        model.addAttribute("status", s);
        model.addAttribute("overdue", Boolean.TRUE.equals(overdue));
        model.addAttribute("statuses", List.of("RECEIVED", "ASSIGNED", "INVESTIGATING", "ANSWERED", "CLOSED"));
        model.addAttribute("page", p);
        model.addAttribute("size", PAGE_SIZE);
        return "complaint/list";
    }

    /**
     * The complaints of the list as Excel (the overdue first): the case, its subject, status, due days, handler and
     * conclusion. Neither the complainant's contact nor the statement is written to the file: the ledger leaves the
     * system, and a complainant is protected (the contact is whole on the case's page for its handler only).
     */
    @GetMapping("/accreditation/complaints/export.xlsx")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String status, @RequestParam(required = false) String overdue,
                                  Authentication auth) {
        Pages.officer(auth);
        List<Map<?, ?>> rows = new ArrayList<>(exports.all("/api/accreditation/complaints?"
                + filter(status, "true".equals(overdue)).replaceFirst("^&", "")));
        rows.sort(Comparator.comparing(r -> !Boolean.TRUE.equals(r.get("overdue"))));
        return exports.ledger("complaints", List.of(
                text("cpl.number", "id"),
                exports.dateTime("cpl.receivedAt", "receivedAt"),
                exports.label("cpl.channel", "channel", "cpl.channel."),
                exports.label("cpl.subject", "subject.type", "cpl.subject."),
                text("cpl.subjectDescription", "subject.description"),
                exports.label("cpl.status", "status", "cpl.status."),
                exports.date("cpl.dueDate", "dueDate"),
                column("cpl.overdue", r -> Boolean.TRUE.equals(r.get("overdue")) ? exports.label("cpl.", "overdue") : ""),
                exports.date("cpl.answerDue", "answerDue"),
                column("cpl.handler", r -> r.get("handlerName") != null ? r.get("handlerName") : r.get("handler")),
                exports.label("cpl.substantiated", "answer.substantiated", "cpl.substantiated.")),
                rows);
    }

    /** The hotline entry: what the caller said, about what, and — unless they stay anonymous — name and phone. */
    @GetMapping("/accreditation/complaints/new")
    String newComplaint(Authentication auth, Model model) {
        Pages.officer(auth);
        draw(model, new LinkedHashMap<>(Map.of("subjectType", "BASE")), UUID.randomUUID().toString());
        return "complaint/new";
    }

    private void draw(Model model, Map<String, ?> form, String key) {
        model.addAttribute("form", form);
        model.addAttribute("idempotencyKey", key);
        model.addAttribute("subjects", List.of("BASE", "CLASS", "OFFICER_CONDUCT", "OTHER"));
        try {
            model.addAttribute("bases", Pages.items(gateway.get("/api/accreditation/bases?size=200").body()));
        } catch (ApiException e) {
            model.addAttribute("bases", List.of());
        }
    }

    /** A complaint's body as the API takes it, from the form (the web form and the hotline alike). */
    static Map<String, Object> body(MultiValueMap<String, String> params, String division) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("divisionCode", division);
        String name = trimmed(params.getFirst("name"));
        String phone = trimmed(params.getFirst("phone"));
        if (!"true".equals(params.getFirst("anonymous")) && (!name.isEmpty() || !phone.isEmpty())) {
            body.put("complainant", Map.of("name", name, "phone", phone));
        }
        String type = params.getFirst("subjectType");
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", type != null && SUBJECTS.contains(type) ? type : null);
        if ("BASE".equals(type)) {
            subject.put("baseId", blankToNull(params.getFirst("baseId")));
        }
        if ("CLASS".equals(type)) {
            subject.put("classId", blankToNull(params.getFirst("classId")));
        }
        subject.put("description", blankToNull(params.getFirst("description")));
        body.put("subject", subject);
        body.put("statement", trimmed(params.getFirst("statement")));
        return body;
    }

    static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @PostMapping("/accreditation/complaints")
    String takeCall(@RequestParam MultiValueMap<String, String> params, Authentication auth, HttpServletRequest request,
                    HttpServletResponse response, Model model) {
        CurrentUser me = Pages.officer(auth);
        String key = Pages.key(params.getFirst("idempotencyKey"));
        try {
            Gateway.Answer created = gateway.post("/api/accreditation/complaints", body(params, me.division()), Pages.idempotent(key));
            return Pages.done(request, response, "/accreditation/complaints/" + Pages.id(String.valueOf(created.body().get("id"))) + "?done=taken");
        } catch (ApiException e) {
            Pages.refusedUnless(model, "take", e, 401);
            draw(model, params.toSingleValueMap(), key);
            return "complaint/new";
        }
    }

    @GetMapping("/accreditation/complaints/{complaintId}")
    String complaint(@PathVariable String complaintId, @RequestParam(required = false) String done, Authentication auth,
                     Model model) {
        Pages.officer(auth);
        load(complaintId, model);
        Pages.sayDone(model, done, "taken|assignment|investigation|answer|closure");
        return "complaint/case";
    }

    private void load(String complaintId, Model model) {
        Pages.drawRecord(gateway, "/api/accreditation/complaints/", "complaint", complaintId, model);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
    }

    /** A step of the workflow, with the ETag the page was drawn from; a refusal is shown beside its form. */
    @PostMapping("/accreditation/complaints/{complaintId}/{step}")
    String step(@PathVariable String complaintId, @PathVariable String step,
                @RequestParam MultiValueMap<String, String> params, Authentication auth, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        CurrentUser me = Pages.officer(auth);
        String apiStep = STEPS.get(step);
        if (apiStep == null) {
            throw new ApiException(404, "urn:sunshine:problem:not-found", "no such step", Map.of());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        switch (step) {
            case "assignment" -> {
                String handler = blankToNull(params.getFirst("handler"));
                String name = blankToNull(params.getFirst("handlerName"));
                body.put("handler", handler);
                // no one named: the officer takes the case, under their own name
                body.put("handlerName", handler == null && name == null ? me.name() : name);
            }
            case "answer" -> {
                String s = params.getFirst("substantiated");
                body.put("substantiated", "true".equals(s) ? Boolean.TRUE : "false".equals(s) ? Boolean.FALSE : null);
                body.put("findings", lines(params.getFirst("findings")));
                body.put("reply", trimmed(params.getFirst("reply")));
            }
            default -> body.put("note", blankToNull(params.getFirst("note")));
        }
        try {
            gateway.post("/api/accreditation/complaints/" + Pages.id(complaintId) + "/" + apiStep, body,
                    Pages.ifMatch(params.getFirst("etag")));
        } catch (ApiException e) {
            Pages.refusedUnless(model, step, e, 404, 401);
            model.addAttribute("form", params.toSingleValueMap());
            load(complaintId, model);
            return "complaint/case";
        }
        return Pages.done(request, response, "/accreditation/complaints/" + complaintId + "?done=" + step);
    }

    /** One item a line, blank lines left out. */
    static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::trim).filter(l -> !l.isEmpty()).toList();
    }
}
