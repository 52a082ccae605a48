package cn.sunshine.console.export;

import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.Formats;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Excel downloads of the lists as filtered on their pages: every record the person may see (the API's scope: their
 * jurisdiction or their base), fetched page by page up to {@link #MAX_ROWS}, not only the page on screen. Header
 * rows in Chinese and English; the values in the page's language.
 */
@Controller
public class ListExports {

    static final int MAX_ROWS = 10_000;
    static final Set<String> CLAIM_STATUSES = Set.of("SUBMITTED", "VERIFIED", "AWAITING_EXTRA_APPROVAL", "APPROVED", "ORDERED",
            "PAID", "REJECTED", "CANCELLED");
    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Gateway gateway;
    private final MessageSource messages;
    private final Formats fmt;

    public ListExports(Gateway gateway, MessageSource messages, Formats fmt) {
        this.gateway = gateway;
        this.messages = messages;
        this.fmt = fmt;
    }

    @GetMapping("/claims/export.xlsx")
    ResponseEntity<byte[]> claims(@RequestParam(required = false) String status, @RequestParam(required = false) String baseId) {
        String filter = (status != null && CLAIM_STATUSES.contains(status) ? "&status=" + status : "")
                + (baseId != null && !baseId.isBlank() ? "&baseId=" + UriUtils.encodeQueryParam(baseId.strip(), StandardCharsets.UTF_8) : "");
        List<String> keys = List.of("claim.id", "claim.base", "claim.class", "claim.year", "claim.part", "claim.paymentMode",
                "claim.lines", "claim.total", "claim.payable", "claim.status", "claim.submittedAt", "claim.paidAt");
        List<List<Object>> rows = new ArrayList<>();
        for (Map<?, ?> c : all("/api/subsidy/claims?" + filter.replaceFirst("^&", ""))) {
            List<Object> row = new ArrayList<>();
            row.add(c.get("claimId"));
            row.add(c.get("baseName"));
            row.add(c.get("classId"));
            row.add(c.get("year"));
            row.add(label("part.", c.get("part")));
            row.add(label("paymentMode.", c.get("paymentMode")));
            row.add(c.get("lines") instanceof List<?> l ? l.size() : null);
            row.add(new Spreadsheet.Yuan(fen(c.get("totalFen"))));
            row.add(new Spreadsheet.Yuan(fen(c.get("payableFen"))));
            row.add(label("status.", c.get("status")));
            row.add(fmt.dateTime(c.get("submittedAt")));
            row.add(fmt.dateTime(c.get("paidAt")));
            rows.add(row);
        }
        return download("claims", keys, rows);
    }

    @GetMapping("/classes/export.xlsx")
    ResponseEntity<byte[]> classes(@RequestParam(required = false) String status) {
        String filter = "REPORTED".equals(status) || "OPENED".equals(status) ? "status=" + status : "";
        List<String> keys = List.of("class.base", "class.major", "class.plannedStart", "class.plannedEnd", "class.town",
                "class.village", "class.address", "class.form", "class.capacity", "class.enrolled", "class.fee", "class.status",
                "class.openedAt");
        List<List<Object>> rows = new ArrayList<>();
        for (Map<?, ?> k : all("/api/enrollment/classes?" + filter)) {
            Map<?, ?> place = k.get("place") instanceof Map<?, ?> p ? p : Map.of();
            List<Object> row = new ArrayList<>();
            row.add(k.get("baseName"));
            row.add(k.get("majorName"));
            row.add(fmt.date(k.get("plannedStart")));
            row.add(fmt.date(k.get("plannedEnd")));
            row.add(place.get("town"));
            row.add(place.get("village"));
            row.add(place.get("address"));
            row.add(label("trainingForm.", k.get("trainingForm")));
            row.add(k.get("capacity"));
            row.add(k.get("enrolled"));
            row.add(new Spreadsheet.Yuan(fen(k.get("feeFen"))));
            row.add(label("classStatus.", k.get("status")));
            row.add(fmt.date(k.get("openedAt")));
            rows.add(row);
        }
        return download("classes", keys, rows);
    }

    /** Every record of a list the person may see, page by page. */
    public List<Map<?, ?>> all(String path) {
        return cn.sunshine.console.api.PagedLists.all(gateway, path, MAX_ROWS);
    }

    /** A list as a workbook to download: the sheet and file named by {@code export.<what>}, headers by their keys. */
    public ResponseEntity<byte[]> download(String what, List<String> keys, List<List<Object>> rows) {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        List<String> chinese = keys.stream().map(k -> messages.getMessage(k, null, k, zh)).toList();
        List<String> english = keys.stream().map(k -> messages.getMessage(k, null, k, Locale.ENGLISH)).toList();
        String sheet = messages.getMessage("export." + what, null, what, LocaleContextHolder.getLocale());
        byte[] bytes = Spreadsheet.of(sheet, chinese, english, rows);
        String name = messages.getMessage("export." + what, null, what, zh) + "-" + LocalDate.now(Formats.PROGRAMME_ZONE) + ".xlsx";
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8)
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(bytes);
    }

    private String label(String prefix, Object value) {
        if (value == null) {
            return "";
        }
        return messages.getMessage(prefix + value, null, value.toString(), LocaleContextHolder.getLocale());
    }

    private static Long fen(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }
}
