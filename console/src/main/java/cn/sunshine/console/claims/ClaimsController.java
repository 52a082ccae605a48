package cn.sunshine.console.claims;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import cn.sunshine.console.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims: the queues (待核准, 待审批, 待加审, 待复核), all claims in scope, and a claim's page with its lines,
 * amounts, decisions and payment instructions; the decision (approve, or send back with the reasons) posted to
 * the stage's endpoint with {@code If-Match} = the ETag the page was drawn from, so a second click or a
 * colleague's decision meanwhile cannot decide twice (the API answers 409/412 and the page says "changed").
 */
@Controller
public class ClaimsController {

    static final Set<String> PAYMENT_STATUSES = Set.of("ORDERED", "PAID");
    static final List<String> STATUSES = List.of("SUBMITTED", "VERIFIED", "AWAITING_EXTRA_APPROVAL", "APPROVED", "ORDERED",
            "PAID", "REJECTED", "CANCELLED");

    private final Gateway gateway;

    public ClaimsController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/tasks/{slug}")
    String task(@PathVariable String slug, @RequestParam(defaultValue = "0") int page, Authentication auth, Model model) {
        Task task = Task.bySlug(slug).orElseThrow(() -> new ApiException(404, null, "no such task", Map.of()));
        drawQueue(task, page, CurrentUser.of(auth), model);
        return "tasks";
    }

    /**
     * The queue; for the person who works it, each claim with the ETag it was read at (the batch sends it back as
     * {@code If-Match}, so a claim changed since the page was drawn is refused, not decided blind) and a batch key.
     */
    private void drawQueue(Task task, int page, CurrentUser me, Model model) {
        model.addAttribute("task", task);
        Map<String, Object> list = gateway.get("/api/subsidy/claims?status=" + task.status() + "&size=50&page=" + page).body();
        model.addAttribute("list", list);
        boolean batch = me != null && task.workedBy(me.roles());
        model.addAttribute("canBatch", batch);
        if (batch) {
            List<String> ids = new java.util.ArrayList<>();
            Map<String, String> etags = new LinkedHashMap<>();
            for (Object o : (List<?>) list.getOrDefault("items", List.of())) {
                if (o instanceof Map<?, ?> m && m.get("claimId") != null) {
                    if (m.get("version") instanceof Number v) {
                        etags.put(String.valueOf(m.get("claimId")), "\"" + v.longValue() + "\""); // the list's version is the ETag
                    } else {
                        ids.add(String.valueOf(m.get("claimId"))); // an older service: read the claim for its ETag
                    }
                }
            }
            List<Object> answers = ids.isEmpty() ? List.of() : gateway.getEach(ids.stream()
                    .map(id -> "/api/subsidy/claims/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8)).toList());
            for (int i = 0; i < ids.size() && i < answers.size(); i++) {
                if (answers.get(i) instanceof Gateway.Answer a && a.etag() != null) {
                    etags.put(ids.get(i), a.etag());
                }
            }
            model.addAttribute("etags", etags);
            model.addAttribute("batchKey", java.util.UUID.randomUUID().toString());
        }
    }

    /** One claim's outcome in a batch: decided (its status now), or refused (why, in the person's words). */
    public record BatchResult(String claimId, String baseName, Object totalFen, boolean done, String status,
                              ApiErrors.Kind kind, String detail) {
    }

    static final int MAX_BATCH = 50;

    /**
     * Several claims of a queue decided at once (the leader's 批量批准): each sent alone, in the order shown, with its
     * own {@code If-Match} (the ETag the page was drawn from) and {@code Idempotency-Key} (the batch's key and the
     * claim), so a resent batch or a double-click decides nothing twice, and a claim someone decided meanwhile is
     * named as such while the others go through. The page then lists every claim's outcome and the queue again.
     */
    @PostMapping("/tasks/{slug}/batch")
    String batch(@PathVariable String slug, @RequestParam(name = "claimId", required = false) List<String> claimIds,
                 @RequestParam String batchKey, @RequestParam(required = false) String reason,
                 @RequestParam Map<String, String> form, Authentication auth, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        Task task = Task.bySlug(slug).orElseThrow(() -> new ApiException(404, null, "no such task", Map.of()));
        CurrentUser me = CurrentUser.of(auth);
        List<String> chosen = claimIds == null ? List.of() : claimIds.stream().filter(id -> id != null && !id.isBlank())
                .distinct().limit(MAX_BATCH).toList();
        List<BatchResult> results = new java.util.ArrayList<>();
        for (String id : chosen) {
            String seg = UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
            String etag = form.get("etag-" + id);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("decision", "APPROVE");
            if (reason != null && !reason.isBlank()) {
                body.put("reason", reason.strip());
            }
            try {
                Map<String, Object> decided = gateway.post("/api/subsidy/claims/" + seg + "/" + task.action(), body, h -> {
                    if (etag != null && !etag.isBlank()) {
                        h.set(HttpHeaders.IF_MATCH, etag);
                    }
                    h.set("Idempotency-Key", batchKey + ":" + id);
                }).body();
                results.add(new BatchResult(id, (String) decided.get("baseName"), decided.get("totalFen"), true,
                        String.valueOf(decided.get("status")), null, null));
            } catch (ApiException e) {
                ApiErrors.Kind kind = ApiErrors.kindOf(e);
                if (kind == ApiErrors.Kind.SIGN_IN) {
                    throw e;
                }
                results.add(new BatchResult(id, null, null, false, null, kind, e.detail()));
            }
        }
        // Name each refused claim by its base and amount as it stands now (it may be gone from the person's view: 404).
        List<Integer> unnamed = new java.util.ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).baseName() == null) {
                unnamed.add(i);
            }
        }
        if (!unnamed.isEmpty()) {
            List<Object> now = gateway.getEach(unnamed.stream().map(i -> "/api/subsidy/claims/"
                    + UriUtils.encodePathSegment(results.get(i).claimId(), StandardCharsets.UTF_8)).toList());
            for (int j = 0; j < unnamed.size() && j < now.size(); j++) {
                int i = unnamed.get(j);
                BatchResult r = results.get(i);
                if (now.get(j) instanceof Gateway.Answer a) {
                    results.set(i, new BatchResult(r.claimId(), (String) a.body().get("baseName"), a.body().get("totalFen"),
                            r.done(), String.valueOf(a.body().get("status")), r.kind(), r.detail()));
                }
            }
        }
        model.addAttribute("results", results);
        model.addAttribute("resultsDone", results.stream().filter(BatchResult::done).count());
        model.addAttribute("resultsFailed", results.stream().filter(r -> !r.done()).count());
        model.addAttribute("batchEmpty", chosen.isEmpty());
        drawQueue(task, 0, me, model);
        return "true".equals(request.getHeader("HX-Request")) ? "tasks :: queue" : "tasks";
    }

    /**
     * All claims in scope, filtered by status and (for officers, leaders, finance, auditors) by base; the filters are
     * in the address, so a bookmark keeps a search, and the Excel download takes the same filters.
     */
    @GetMapping("/claims")
    String all(@RequestParam(required = false) String status, @RequestParam(required = false) String baseId,
               @RequestParam(required = false) String year, @RequestParam(required = false) String part,
               @RequestParam(defaultValue = "0") int page, Authentication auth, Model model) {
        String filter = status != null && STATUSES.contains(status) ? status : null;
        String base = baseId != null && baseId.matches("[A-Za-z0-9._:-]{1,128}") ? baseId : null;
        String y = year != null && year.matches("20\\d\\d") ? year : null;
        String p = "COMPLETION".equals(part) || "PLACEMENT".equals(part) ? part : null;
        model.addAttribute("status", filter);
        model.addAttribute("baseId", base);
        model.addAttribute("year", y);
        model.addAttribute("part", p);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("list", gateway.get("/api/subsidy/claims?size=50&page=" + Math.max(0, page)
                + (filter == null ? "" : "&status=" + filter) + (base == null ? "" : "&baseId=" + base)
                + (y == null ? "" : "&year=" + y) + (p == null ? "" : "&part=" + p)).body());
        CurrentUser me = CurrentUser.of(auth);
        if (me != null && me.readsProgress()) {
            try {
                model.addAttribute("bases", gateway.get("/api/enrollment/bases?size=200").body().getOrDefault("items", List.of()));
            } catch (ApiException e) {
                model.addAttribute("bases", List.of()); // the filter by base is then not offered; the list still is
            }
        }
        return "claims";
    }

    @GetMapping("/claims/{claimId}")
    String claim(@PathVariable String claimId, @RequestParam(required = false) String done, Authentication auth,
                 Model model) {
        drawClaim(claimId, CurrentUser.of(auth), model);
        model.addAttribute("done", "APPROVE".equals(done) || "REJECT".equals(done) ? done : null);
        return "claim";
    }

    /** The claim's approval sheet (补助资金审批表) to print on A4 and file: facts, lines, each stage's decision. */
    @GetMapping("/claims/{claimId}/sheet")
    String sheet(@PathVariable String claimId, Authentication auth, Model model) {
        drawClaim(claimId, CurrentUser.of(auth), model);
        model.addAttribute("printedAt", java.time.Instant.now().toString());
        return "claim-sheet";
    }

    @PostMapping("/claims/{claimId}/decision")
    String decide(@PathVariable String claimId, @RequestParam String task, @RequestParam String decision,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String etag,
                  Authentication auth, HttpServletRequest request, HttpServletResponse response, Model model) {
        Task t = Task.bySlug(task).orElseThrow(() -> new ApiException(400, null, "no such task", Map.of()));
        String verdict = "REJECT".equals(decision) ? "REJECT" : "APPROVE";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", verdict);
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        boolean htmx = "true".equals(request.getHeader("HX-Request"));
        String path = "/api/subsidy/claims/" + UriUtils.encodePathSegment(claimId, StandardCharsets.UTF_8) + "/" + t.action();
        try {
            gateway.post(path, body, h -> {
                if (etag != null && !etag.isBlank()) {
                    h.set(HttpHeaders.IF_MATCH, etag);
                }
            });
        } catch (ApiException e) {
            ApiErrors.Kind kind = ApiErrors.kindOf(e.status());
            if (kind == ApiErrors.Kind.SIGN_IN || kind == ApiErrors.Kind.NOT_FOUND) {
                throw e;
            }
            // The decision panel again, saying what happened; the fields the API named carry their messages.
            model.addAttribute("feedback", kind);
            model.addAttribute("problem", e);
            model.addAttribute("reason", reason);
            model.addAttribute("decision", verdict);
            if (htmx) {
                model.addAttribute("claimId", claimId);
                model.addAttribute("etag", etag);
                model.addAttribute("task", t);
                model.addAttribute("canDecide", kind != ApiErrors.Kind.CHANGED);
                return "claim :: decision";
            }
            response.setStatus(kind.pageStatus());
            drawClaim(claimId, CurrentUser.of(auth), model);
            return "claim";
        }
        String next = "/claims/" + UriUtils.encodePathSegment(claimId, StandardCharsets.UTF_8) + "?done=" + verdict;
        if (htmx) {
            response.setHeader("HX-Redirect", next);
            return "fragments :: empty";
        }
        return "redirect:" + next;
    }

    private void drawClaim(String claimId, CurrentUser me, Model model) {
        String id = UriUtils.encodePathSegment(claimId, StandardCharsets.UTF_8);
        Gateway.Answer answer = gateway.get("/api/subsidy/claims/" + id);
        Map<String, Object> claim = answer.body();
        model.addAttribute("claim", claim);
        model.addAttribute("claimId", claimId);
        model.addAttribute("etag", answer.etag());
        Task task = Task.waitingFor(claim.get("waitingFor")).orElse(null);
        model.addAttribute("task", task);
        model.addAttribute("canDecide", task != null && me != null && task.workedBy(me.roles()));
        if (PAYMENT_STATUSES.contains(String.valueOf(claim.get("status")))) {
            try {
                Object instructions = gateway.get("/api/subsidy/claims/" + id + "/payment-instructions").list();
                model.addAttribute("instructions", instructions);
            } catch (ApiException e) {
                model.addAttribute("instructionsUnavailable", true);
            }
        }
    }
}
