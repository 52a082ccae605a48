package cn.sunshine.console.classes;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.year.ClassWorkController;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import cn.sunshine.console.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.sunshine.console.web.FormFeedback.besideSwapped;
import static cn.sunshine.console.web.FormFeedback.formProblem;
import static cn.sunshine.console.web.FormFeedback.refused;
import static cn.sunshine.console.classes.ClassesController.seg;

/**
 * Base staff's work on their classes: report a class (申报开班), enroll one trainee at the desk, import a roster
 * file (CSV or XLSX; all rows or none, a refused file's rows listed in the page), download the ledger (台帐),
 * and claim the subsidy of a class with its redeemed vouchers (补助申请), seeing where each claim stands. Every
 * creating request carries an {@code Idempotency-Key} made when the form was drawn, so a double-click or a
 * resent form creates nothing twice (the APIs answer the first result); the buttons are disabled in flight.
 */
@Controller
public class BaseClassesController {

    /** The roster API's limit (docs/enrollment.md "Upload limits"); a bigger file is refused here already. */
    public static final long MAX_ROSTER_BYTES = 4L * 1024 * 1024;
    public static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final List<String> TRAINEE_FIELDS = List.of("name", "gender", "idNumber", "householdDivision", "town", "village",
            "ruralHousehold", "phone", "education", "subsidyTier", "subsidyFen");
    static final List<String> EDUCATION = List.of("NONE", "PRIMARY", "JUNIOR_SECONDARY", "SENIOR_SECONDARY",
            "VOCATIONAL_SECONDARY", "COLLEGE");
    static final List<String> TIERS = List.of("TIER_1", "TIER_2", "TIER_3");
    static final List<String> FORMS = List.of("FREE", "REDUCED_FEE", "FEE_PAYING", "ORDER");
    static final Set<String> LEFT = Set.of("WITHDRAWN", "DROPPED");

    private final Gateway gateway;

    public BaseClassesController(Gateway gateway) {
        this.gateway = gateway;
    }

    /** A list file's type by its name: XLSX or CSV (UTF-8), else null (the page says which files it takes). */
    public static MediaType spreadsheetType(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return n.endsWith(".xlsx") ? XLSX : n.endsWith(".csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8) : null;
    }

    public static String key() {
        return UUID.randomUUID().toString();
    }

    public static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    // ---- report a class ----------------------------------------------------------------------

    @GetMapping("/classes/new")
    String newClass(Authentication auth, Model model) {
        drawNewClass(CurrentUser.of(auth), model, Map.of());
        return "class-new";
    }

    @PostMapping("/classes/new")
    String report(@RequestParam MultiValueMap<String, String> form, @RequestParam String idempotencyKey,
                  Authentication auth, HttpServletResponse response, Model model) {
        Map<String, String> f = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("majorCode", blankToNull(f.get("majorCode")));
        body.put("plannedStart", blankToNull(f.get("plannedStart")));
        body.put("plannedEnd", blankToNull(f.get("plannedEnd")));
        Map<String, Object> place = new LinkedHashMap<>();
        place.put("town", blankToNull(f.get("town")));
        place.put("village", blankToNull(f.get("village")));
        place.put("address", blankToNull(f.get("address")));
        place.put("mobile", "true".equals(f.get("mobile")));
        body.put("place", place);
        body.put("trainingForm", f.get("trainingForm") != null && FORMS.contains(f.get("trainingForm")) ? f.get("trainingForm") : null);
        body.put("orderEmployer", blankToNull(f.get("orderEmployer")));
        body.put("capacity", integer(f.get("capacity")));
        body.put("feeFen", fen(f.get("feeYuan")));
        try {
            Map<String, Object> created = gateway.post("/api/enrollment/classes", body,
                    h -> h.set("Idempotency-Key", idempotencyKey)).body();
            return "redirect:/classes/" + seg(String.valueOf(created.get("id"))) + "?reported=1";
        } catch (ApiException e) {
            refused(e, model, response);
            drawNewClass(CurrentUser.of(auth), model, f);
            return "class-new";
        }
    }

    private void drawNewClass(CurrentUser me, Model model, Map<String, String> form) {
        Object majors = List.of();
        if (me != null && me.baseId() != null) {
            majors = gateway.get("/api/enrollment/bases/" + seg(me.baseId())).body().getOrDefault("majors", List.of());
        }
        model.addAttribute("majors", majors);
        model.addAttribute("forms", FORMS);
        model.addAttribute("form", form);
        model.addAttribute("idempotencyKey", key());
    }

    // ---- a class of the base -------------------------------------------------------------------

    /** The class page of base staff (ClassesController draws the county officer's). */
    void baseClass(String classId, Model model) {
        Map<String, Object> klass = gateway.get("/api/enrollment/classes/" + seg(classId)).body();
        model.addAttribute("klass", klass);
        model.addAttribute("classId", classId);
        List<?> items = (List<?>) gateway.get("/api/enrollment/classes/" + seg(classId) + "/enrollments?size=500").body()
                .getOrDefault("items", List.of());
        model.addAttribute("enrollments", items);
        Map<Object, Object> statusById = new LinkedHashMap<>();
        for (Object o : items) {
            if (o instanceof Map<?, ?> m) {
                statusById.put(m.get("id"), m.get("status"));
            }
        }
        // Vouchers (subsidy) and the class's claims: where each stands. Either may be unavailable; the page still works.
        List<Map<String, Object>> claimable = new ArrayList<>();
        try {
            for (Object o : gateway.get("/api/subsidy/classes/" + seg(classId) + "/vouchers").list()) {
                if (o instanceof Map<?, ?> v && "REDEEMED".equals(v.get("status")) && v.get("claimId") == null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> voucher = (Map<String, Object>) v;
                    voucher = new LinkedHashMap<>(voucher);
                    voucher.put("completed", "COMPLETED".equals(statusById.get(v.get("enrollmentId"))));
                    claimable.add(voucher);
                }
            }
            model.addAttribute("claimable", claimable);
        } catch (ApiException e) {
            ClassWorkController.signInAgain(e);
            model.addAttribute("vouchersUnavailable", true);
        }
        try {
            Object baseId = klass.get("baseId");
            List<Object> claims = new ArrayList<>();
            Object all = gateway.get("/api/subsidy/claims?size=200&baseId=" + seg(String.valueOf(baseId))).body()
                    .getOrDefault("items", List.of());
            for (Object c : (List<?>) all) {
                if (c instanceof Map<?, ?> m && classId.equals(m.get("classId"))) {
                    claims.add(c);
                }
            }
            model.addAttribute("classClaims", claims);
        } catch (ApiException e) {
            ClassWorkController.signInAgain(e);
            model.addAttribute("claimsUnavailable", true);
        }
        model.addAttribute("educations", EDUCATION);
        model.addAttribute("tiers", TIERS);
        if (!model.containsAttribute("rosterKey")) {
            model.addAttribute("rosterKey", key());
        }
        if (!model.containsAttribute("enrollKey")) {
            model.addAttribute("enrollKey", key());
        }
        model.addAttribute("claimKey", key());
        model.addAttribute("claimDocuments", claimDocuments());
    }

    String drawBaseClass(String classId, Model model) {
        baseClass(classId, model);
        return "base-class";
    }

    // ---- enroll one trainee ---------------------------------------------------------------------

    @PostMapping("/classes/{classId}/enrollments")
    String enroll(@PathVariable String classId, @RequestParam MultiValueMap<String, String> form,
                  @RequestParam String idempotencyKey, HttpServletRequest request, HttpServletResponse response, Model model) {
        Map<String, String> f = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : TRAINEE_FIELDS) {
            body.put(field, blankToNull(f.get(field)));
        }
        body.put("idNumber", f.get("idNumber") == null ? null : f.get("idNumber").strip().toUpperCase(Locale.ROOT));
        body.put("ruralHousehold", f.get("ruralHousehold") == null ? null : "true".equals(f.get("ruralHousehold")));
        body.put("subsidyFen", fen(f.get("subsidyYuan")));
        try {
            Map<String, Object> created = gateway.post("/api/enrollment/classes/" + seg(classId) + "/enrollments", body,
                    h -> h.set("Idempotency-Key", idempotencyKey)).body();
            return done(classId, "enrolled=" + seg(String.valueOf(created.getOrDefault("id", ""))), request, response);
        } catch (ApiException e) {
            besideSwapped("enroll", e, model, request, response);
            model.addAttribute("enrollForm", f);
            model.addAttribute("enrollKey", idempotencyKey);
            baseClass(classId, model);
            return htmx(request) ? "base-class :: enroll" : "base-class";
        }
    }

    // ---- import a roster --------------------------------------------------------------------------

    @PostMapping("/classes/{classId}/roster")
    String roster(@PathVariable String classId, @RequestParam(name = "file", required = false) MultipartFile file,
                  @RequestParam String idempotencyKey, HttpServletRequest request, HttpServletResponse response,
                  Model model) throws IOException {
        String name = file == null || file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        MediaType type = spreadsheetType(name);
        ApiException refused = null;
        String local = file == null || file.isEmpty() ? "roster.file.missing" : type == null ? "roster.file.type"
                : file.getSize() > MAX_ROSTER_BYTES ? "roster.file.tooLarge" : null;
        if (local == null) {
            try {
                Map<String, Object> imported = gateway.postBytes("/api/enrollment/classes/" + seg(classId) + "/roster",
                        file.getBytes(), type, h -> h.set("Idempotency-Key", idempotencyKey)).body();
                return done(classId, "imported=" + imported.getOrDefault("imported", 0), request, response);
            } catch (ApiException e) {
                if (e.status() != 413) {
                    formProblem(e);
                }
                refused = e;
            }
        }
        ApiErrors.Kind kind = refused == null || refused.status() == 413 ? ApiErrors.Kind.INVALID : ApiErrors.kindOf(refused);
        model.addAttribute("rosterFeedback", kind);
        model.addAttribute("rosterProblem", refused);
        // A refused file's rows are listed in the page: the person's words above them, not the API's summary.
        model.addAttribute("rosterMessageKey", local != null ? local : refused.status() == 413 ? "roster.file.tooLarge"
                : !refused.rows().isEmpty() ? "error.invalid" : null);
        model.addAttribute("rosterFile", name);
        // A refused file frees its key (docs/enrollment.md): the corrected file may go with a new one.
        model.addAttribute("rosterKey", key());
        response.setStatus(htmx(request) ? 200 : kind.pageStatus());
        baseClass(classId, model);
        return htmx(request) ? "base-class :: roster" : "base-class";
    }

    // ---- the ledger ---------------------------------------------------------------------------------

    @GetMapping("/classes/{classId}/ledger")
    ResponseEntity<byte[]> ledger(@PathVariable String classId, @RequestParam(defaultValue = "xlsx") String format) {
        String f = "csv".equals(format) ? "csv" : "xlsx";
        Gateway.Download d = gateway.download("/api/enrollment/classes/" + seg(classId) + "/ledger?format=" + f);
        MediaType type = d.headers().getContentType() != null ? d.headers().getContentType()
                : "csv".equals(f) ? new MediaType("text", "csv", StandardCharsets.UTF_8) : XLSX;
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("台帐-" + classId + "." + f, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(d.bytes());
    }

    // ---- claim the class's subsidy ----------------------------------------------------------------

    @PostMapping("/classes/{classId}/claims")
    String claim(@PathVariable String classId, @RequestParam(name = "serial", required = false) List<String> serials,
                 @RequestParam(defaultValue = "COMPLETION") String part, @RequestParam String idempotencyKey,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        List<String> chosen = serials == null ? List.of() : serials.stream().filter(s -> s != null && !s.isBlank()).toList();
        String claimPart = "PLACEMENT".equals(part) ? "PLACEMENT" : "COMPLETION";
        // The documents the claim's rules require (docs/subsidy.md "Claim documents"): one file per kind of the part.
        Map<String, MultipartFile> files = new LinkedHashMap<>();
        var multipart = org.springframework.web.util.WebUtils.getNativeRequest(request,
                org.springframework.web.multipart.MultipartHttpServletRequest.class);
        List<String> kinds = claimDocuments().stream().filter(d -> d.part().equals(claimPart)).map(ClaimDocument::kind).toList();
        for (String kind : kinds) {
            MultipartFile f = multipart == null ? null : multipart.getFile("doc-" + kind);
            if (f != null && !f.isEmpty()) {
                files.put(kind, f);
            }
        }
        String local = chosen.isEmpty() ? "claim.vouchers.none" : files.size() < kinds.size() ? "claim.documents.missing" : null;
        if (local != null) {
            model.addAttribute("claimFeedback", ApiErrors.Kind.INVALID);
            model.addAttribute("claimMessageKey", local);
            model.addAttribute("chosen", chosen);
            response.setStatus(htmx(request) ? 200 : 422);
            baseClass(classId, model);
            return htmx(request) ? "base-class :: claim" : "base-class";
        }
        try {
            List<String> attachmentIds = new ArrayList<>();
            for (Map.Entry<String, MultipartFile> f : files.entrySet()) {
                Map<String, Object> stored = gateway.postFile("/api/subsidy/classes/" + seg(classId) + "/claim-attachments",
                        Map.of("kind", f.getKey()), f.getValue().getOriginalFilename(), f.getValue().getBytes(),
                        h -> h.set("Idempotency-Key", idempotencyKey + "-" + f.getKey())).body();
                attachmentIds.add(String.valueOf(stored.get("id")));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("classId", classId);
            body.put("voucherSerials", chosen);
            body.put("part", claimPart);
            body.put("attachmentIds", attachmentIds);
            Map<String, Object> claim = gateway.post("/api/subsidy/claims", body, h -> h.set("Idempotency-Key", idempotencyKey)).body();
            String next = "/claims/" + seg(String.valueOf(claim.get("claimId"))) + "?submitted=1";
            if (htmx(request)) {
                response.setHeader("HX-Redirect", next);
                return "fragments :: empty";
            }
            return "redirect:" + next;
        } catch (ApiException e) {
            besideSwapped("claim", e, model, request, response);
            model.addAttribute("chosen", chosen);
            baseClass(classId, model);
            return htmx(request) ? "base-class :: claim" : "base-class";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A document a claim of a part must carry (a file input of the claim form). */
    public record ClaimDocument(String part, String kind) {
    }

    /**
     * What subsidy's rules require of each part ({@code GET /api/subsidy/claim-rules}); the counties' usual rules
     * when subsidy cannot say now (it checks again at the submission).
     */
    List<ClaimDocument> claimDocuments() {
        List<ClaimDocument> docs = new ArrayList<>();
        Map<String, Object> required = null;
        try {
            Object r = gateway.get("/api/subsidy/claim-rules").body().get("required");
            if (r instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> rules = (Map<String, Object>) m;
                required = rules;
            }
        } catch (RuntimeException unavailable) { // an ApiException too: the usual rules, checked again by subsidy
            required = null;
        }
        if (required == null) {
            required = Map.of("COMPLETION", List.of("FEE_RECEIPT", "ID_COPY"), "PLACEMENT", List.of("LABOUR_CONTRACT", "EMPLOYER_LIST"));
        }
        for (String part : List.of("COMPLETION", "PLACEMENT")) {
            if (required.get(part) instanceof List<?> kinds) {
                kinds.forEach(k -> docs.add(new ClaimDocument(part, String.valueOf(k))));
            }
        }
        return docs;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String done(String classId, String what, HttpServletRequest request, HttpServletResponse response) {
        String next = "/classes/" + seg(classId) + "?" + what;
        if (htmx(request)) {
            response.setHeader("HX-Redirect", next);
            return "fragments :: empty";
        }
        return "redirect:" + next;
    }

    /** 401 and 404 go to their pages (ConsoleAdvice); anything else is shown in the form. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public static Integer integer(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Yuan as typed (1260 or 1,260.50) → fen; null when blank or not a number (the API then names the field). */
    public static Long fen(String yuan) {
        if (yuan == null || yuan.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(yuan.strip().replace(",", "").replace("¥", "")).movePointRight(2).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
