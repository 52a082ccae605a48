package cn.sunshine.console.accreditation;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the accreditation pages share — and the inspection, monitoring, expert and trainee pages with them: ids in
 * paths, keys and ETags of forms, a refusal shown in place, the way on.
 */
public final class Pages {

    static final Set<String> OFFICER_ROLES = Set.of("COUNTY_OFFICER", "CITY_OFFICER", "PROVINCE_OFFICER");

    /** Refusals of this service that the bundle says in the person's words (the API's detail is English). */
    static final Set<String> WORDED = Set.of("panel-too-small", "ranking-incomplete", "notice-period-running",
            "notice-period-over", "objections-undecided", "tender-not-open", "result-noticed",
            "agreement-exceeds-allocation", "capacity-exceeded", "institution-revoked", "stale-version",
            "not-the-handler", "review-rule", "quota-exceeded", "allocation-exists", "allocation-superseded",
            "base-not-accredited", "quota-parent-conflict", "outside-jurisdiction");

    private Pages() {
    }

    /** Tenders, notices and agreements are the officers' (county, city, province): anyone else gets "not found". */
    public static cn.sunshine.console.web.CurrentUser officer(org.springframework.security.core.Authentication auth) {
        cn.sunshine.console.web.CurrentUser me = cn.sunshine.console.web.CurrentUser.of(auth);
        if (me == null || me.roles().stream().noneMatch(OFFICER_ROLES::contains)) {
            throw new ApiException(404, null, "the accreditation pages are the officers'", Map.of());
        }
        return me;
    }

    /** A record's id as a path segment; anything that is not an id is "not found" before any call. */
    public static String id(String id) {
        return segment(id, "[A-Za-z0-9_:-]{1,100}");
    }

    /** An id as a path segment when it matches {@code pattern}; anything else is "not found" before any call. */
    public static String segment(String id, String pattern) {
        if (id == null || !id.matches(pattern)) {
            throw new ApiException(404, "urn:sunshine:problem:not-found", "no such record", Map.of());
        }
        return UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
    }

    /** The form's Idempotency-Key (drawn with the form), or a fresh one when it is missing or malformed. */
    public static String key(String given) {
        return given != null && given.matches("[A-Za-z0-9-]{8,64}") ? given : UUID.randomUUID().toString();
    }

    public static Consumer<HttpHeaders> idempotent(String key) {
        return h -> h.set("Idempotency-Key", key);
    }

    /** If-Match with the ETag the form was drawn from (an ETag is a quoted version: nothing else is sent). */
    public static Consumer<HttpHeaders> ifMatch(String etag) {
        return h -> {
            if (etag != null && etag.matches("(W/)?\"[0-9A-Za-z-]{1,40}\"")) {
                h.setIfMatch(etag);
            }
        };
    }

    /**
     * The fields a page found invalid before sending (not a number, not a date) refuse the form as the API would:
     * 400, each field named; nothing is sent.
     */
    public static void refuseInvalid(Map<String, String> invalid) {
        if (!invalid.isEmpty()) {
            throw new ApiException(400, "urn:sunshine:problem:validation", null, invalid);
        }
    }

    /** A refusal next to the form named {@code form}: its kind, the problem, and the bundle's words if it has them. */
    public static void refused(Model model, String form, ApiException e) {
        model.addAttribute(form + "Kind", ApiErrors.kindOf(e));
        model.addAttribute(form + "Problem", e);
        model.addAttribute(form + "MessageKey", e.status() != 404 && e.kind() != null && WORDED.contains(e.kind()) ? "accr.problem." + e.kind() : null);
    }

    /**
     * A write refused, shown next to the form named {@code form} — unless its status is one of {@code passedOn}: those
     * go to their own pages (401: sign in again; 404: the record gone, or not the person's, "not found").
     */
    public static void refusedUnless(Model model, String form, ApiException e, int... passedOn) {
        for (int status : passedOn) {
            if (e.status() == status) {
                throw e;
            }
        }
        refused(model, form, e);
    }

    /** After a write: htmx loads the page that shows what was done; a plain form is redirected there. */
    public static String done(HttpServletRequest request, HttpServletResponse response, String to) {
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", request.getContextPath() + to);
            return "fragments :: empty";
        }
        return "redirect:" + to;
    }

    /**
     * What a record's page says was done (the word the write's redirect carried, {@code ?done=…}) when it is one of
     * {@code words} (a pattern), else nothing: the page never echoes other text.
     */
    public static void sayDone(Model model, String done, String words) {
        model.addAttribute("done", done != null && done.matches(words) ? done : null);
    }

    /**
     * A record read for its page ({@code GET <collection><id>}): its body as {@code name}, the id it was asked by as
     * {@code <name>Id} and its ETag as {@code etag}, which the page's forms send back as If-Match.
     */
    public static Gateway.Answer drawRecord(Gateway gateway, String collection, String name, String id, Model model) {
        Gateway.Answer record = gateway.get(collection + id(id));
        model.addAttribute(name, record.body());
        model.addAttribute(name + "Id", id);
        model.addAttribute("etag", record.etag());
        return record;
    }

    /** A page's items ({@code items} of a PageResult) as maps. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> items(Map<String, Object> page) {
        return page.get("items") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    static Gateway.Answer orNull(Object answer) {
        return answer instanceof Gateway.Answer a ? a : null;
    }

    public static int page(Integer page) {
        return page == null || page < 0 || page > 10_000 ? 0 : page;
    }
}
