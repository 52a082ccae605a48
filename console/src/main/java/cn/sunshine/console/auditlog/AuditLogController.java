package cn.sunshine.console.auditlog;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.export.ListExports;
import cn.sunshine.console.report.Regions;
import cn.sunshine.console.web.CurrentUser;
import cn.sunshine.console.web.Formats;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The console's login log ({@code /audit/sign-ins}) and operation log ({@code /audit/operations}) for the auditor and
 * the province officer, each within the reader's division (their own and everything under it); the login log also
 * for the platform operator, whose live sessions link to their sign-ins. Filters in the address (who, calendar days in
 * Asia/Shanghai, the event or the API path's beginning, the outcome, the session), 50 a page, newest first; the same
 * filtered list as an Excel workbook ({@code .xlsx}, up to 10,000 rows). Read-only: the logs cannot be changed here.
 */
@Controller
public class AuditLogController {

    static final int SIZE = 50;
    static final int EXPORT_PAGE = 500;
    static final int EXPORT_MAX = 10_000;
    static final String WHO = "[A-Za-z0-9_@.:-]{1,100}";
    static final String PATH = "/[A-Za-z0-9/_.-]{0,200}";
    static final String HANDLE = "[0-9a-f]{16}";
    static final List<String> OUTCOMES = List.of("ok", "refused", "failed");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Formats.PROGRAMME_ZONE);

    private final AuditLog log;
    private final ListExports exports;
    private final MessageSource messages;
    private final Regions regions;

    public AuditLogController(AuditLog log, ListExports exports, MessageSource messages, Regions regions) {
        this.log = log;
        this.exports = exports;
        this.messages = messages;
        this.regions = regions;
    }

    /** The reader's division; anyone else is told "not found", as the APIs do. */
    private static String reader(Authentication auth, boolean operatorToo) {
        CurrentUser me = CurrentUser.of(auth);
        boolean allowed = me != null && me.division() != null
                && (me.has("AUDITOR") || me.has("PROVINCE_OFFICER") || operatorToo && me.has("OPERATOR"));
        if (!allowed) {
            throw new ApiException(404, "urn:sunshine:problem:not-found", "the console's logs are the auditors'", Map.of());
        }
        return me.division();
    }

    @GetMapping("/audit/sign-ins")
    String signIns(@RequestParam(required = false) String who, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, @RequestParam(required = false) String event,
                   @RequestParam(required = false) String session, @RequestParam(defaultValue = "0") int page,
                   Authentication auth, Model model) {
        String division = reader(auth, true);
        AuditLog.Query q = query(who, from, to, event != null && AuditLog.EVENTS.contains(event) ? event : null, null, null, session);
        return page("audit/sign-ins", q, log.signIns(q, division, Math.max(page, 0), SIZE), page, model);
    }

    @GetMapping("/audit/operations")
    String operations(@RequestParam(required = false) String who, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @RequestParam(required = false) String path,
                      @RequestParam(required = false) String outcome, @RequestParam(required = false) String session,
                      @RequestParam(defaultValue = "0") int page, Authentication auth, Model model) {
        String division = reader(auth, false);
        AuditLog.Query q = query(who, from, to, null, path, outcome, session);
        return page("audit/operations", q, log.operations(q, division, Math.max(page, 0), SIZE), page, model);
    }

    @GetMapping("/audit/sign-ins.xlsx")
    ResponseEntity<byte[]> signInsExport(@RequestParam(required = false) String who, @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to, @RequestParam(required = false) String event,
                                         @RequestParam(required = false) String session, Authentication auth) {
        String division = reader(auth, true);
        AuditLog.Query q = query(who, from, to, event != null && AuditLog.EVENTS.contains(event) ? event : null, null, null, session);
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> e : all(p -> log.signIns(q, division, p, EXPORT_PAGE))) {
            rows.add(row(SECONDS.format((Instant) e.get("at")), label("auditlog.event.", e.get("event")), e.get("username"),
                    e.get("name"), roles(e.get("roles")), place(e.get("division")), e.get("address"), e.get("userAgent"),
                    e.get("session"), e.get("detail")));
        }
        return exports.download("sign-ins", List.of("auditlog.at", "auditlog.event", "auditlog.who", "auditlog.name",
                "auditlog.roles", "auditlog.division", "auditlog.address", "auditlog.userAgent", "auditlog.session",
                "auditlog.detail"), rows);
    }

    @GetMapping("/audit/operations.xlsx")
    ResponseEntity<byte[]> operationsExport(@RequestParam(required = false) String who, @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to, @RequestParam(required = false) String path,
                                            @RequestParam(required = false) String outcome,
                                            @RequestParam(required = false) String session, Authentication auth) {
        String division = reader(auth, false);
        AuditLog.Query q = query(who, from, to, null, path, outcome, session);
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> e : all(p -> log.operations(q, division, p, EXPORT_PAGE))) {
            rows.add(row(SECONDS.format((Instant) e.get("at")), e.get("username"), roles(e.get("roles")), place(e.get("division")),
                    e.get("method"), e.get("path"), e.get("page"), e.get("status"), e.get("problem"), e.get("idempotencyKey"),
                    e.get("address"), e.get("session")));
        }
        return exports.download("operations", List.of("auditlog.at", "auditlog.who", "auditlog.roles", "auditlog.division",
                "auditlog.method", "auditlog.path", "auditlog.page", "auditlog.status", "auditlog.problem",
                "auditlog.idempotencyKey", "auditlog.address", "auditlog.session"), rows);
    }

    private String page(String view, AuditLog.Query q, Map<String, Object> list, int page, Model model) {
        model.addAttribute("list", list);
        model.addAttribute("q", q);
        model.addAttribute("page", Math.max(page, 0));
        model.addAttribute("size", SIZE);
        model.addAttribute("filters", filters(q));
        model.addAttribute("events", AuditLog.EVENTS);
        model.addAttribute("outcomes", OUTCOMES);
        model.addAttribute("regions", regions);
        return view;
    }

    /** The filters as a query string (for the pager and the export link), without the page. */
    static String filters(AuditLog.Query q) {
        UriComponentsBuilder b = UriComponentsBuilder.newInstance();
        add(b, "who", q.who());
        add(b, "from", q.from());
        add(b, "to", q.to());
        add(b, "event", q.event());
        add(b, "path", q.pathPrefix());
        add(b, "outcome", q.outcome());
        add(b, "session", q.session());
        String query = b.encode().build().getQuery();
        return query == null ? "" : query;
    }

    private static void add(UriComponentsBuilder b, String name, Object value) {
        if (value != null) {
            b.queryParam(name, value.toString());
        }
    }

    static AuditLog.Query query(String who, String from, String to, String event, String path, String outcome, String session) {
        return new AuditLog.Query(matching(who, WHO), date(from), date(to), event, matching(path, PATH),
                outcome != null && OUTCOMES.contains(outcome) ? outcome : null, matching(session, HANDLE));
    }

    private static String matching(String value, String pattern) {
        return value != null && value.strip().matches(pattern) ? value.strip() : null;
    }

    private static LocalDate date(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Every entry of a filtered list, page by page, up to {@link #EXPORT_MAX}. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> all(java.util.function.IntFunction<Map<String, Object>> pages) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int p = 0; out.size() < EXPORT_MAX; p++) {
            List<Map<String, Object>> items = (List<Map<String, Object>>) pages.apply(p).get("items");
            out.addAll(items.subList(0, Math.min(items.size(), EXPORT_MAX - out.size())));
            if (items.size() < EXPORT_PAGE) {
                break;
            }
        }
        return out;
    }

    private static List<Object> row(Object... values) {
        List<Object> row = new ArrayList<>();
        for (Object v : values) {
            row.add(v instanceof Number n ? n : v == null ? null : v.toString());
        }
        return row;
    }

    private String label(String prefix, Object value) {
        return value == null ? "" : messages.getMessage(prefix + value, null, value.toString(), LocaleContextHolder.getLocale());
    }

    private String roles(Object roles) {
        if (!(roles instanceof List<?> list)) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (Object r : list) {
            names.add(label("role.", r));
        }
        return String.join("、", names);
    }

    private String place(Object division) {
        if (division == null) {
            return "";
        }
        String name = regions.name(division.toString());
        return name.equals(division) ? name : division + " " + name;
    }
}
