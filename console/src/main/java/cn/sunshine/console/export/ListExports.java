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
import java.util.function.Function;

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
    static final Set<String> CLAIM_PARTS = Set.of("COMPLETION", "PLACEMENT");
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
    ResponseEntity<byte[]> claims(@RequestParam(required = false) String status, @RequestParam(required = false) String baseId,
                                  @RequestParam(required = false) String year, @RequestParam(required = false) String part) {
        String filter = (status != null && CLAIM_STATUSES.contains(status) ? "&status=" + status : "")
                + (baseId != null && !baseId.isBlank() ? "&baseId=" + UriUtils.encodeQueryParam(baseId.strip(), StandardCharsets.UTF_8) : "")
                + (year != null && year.matches("20\\d\\d") ? "&year=" + year : "")
                + (part != null && CLAIM_PARTS.contains(part) ? "&part=" + part : "");
        return ledger("claims", List.of(
                text("claim.id", "claimId"),
                text("claim.base", "baseName"),
                text("claim.class", "classId"),
                text("claim.year", "year"),
                label("claim.part", "part", "part."),
                label("claim.paymentMode", "paymentMode", "paymentMode."),
                count("claim.lines", "lines"),
                yuan("claim.total", "totalFen"),
                yuan("claim.payable", "payableFen"),
                label("claim.status", "status", "status."),
                dateTime("claim.submittedAt", "submittedAt"),
                dateTime("claim.paidAt", "paidAt")),
                all("/api/subsidy/claims?" + filter.replaceFirst("^&", "")));
    }

    @GetMapping("/classes/export.xlsx")
    ResponseEntity<byte[]> classes(@RequestParam(required = false) String status) {
        String filter = "REPORTED".equals(status) || "OPENED".equals(status) ? "status=" + status : "";
        return ledger("classes", List.of(
                text("class.base", "baseName"),
                text("class.major", "majorName"),
                date("class.plannedStart", "plannedStart"),
                date("class.plannedEnd", "plannedEnd"),
                text("class.town", "place.town"),
                text("class.village", "place.village"),
                text("class.address", "place.address"),
                label("class.form", "trainingForm", "trainingForm."),
                text("class.capacity", "capacity"),
                text("class.enrolled", "enrolled"),
                yuan("class.fee", "feeFen"),
                label("class.status", "status", "classStatus."),
                date("class.openedAt", "openedAt")),
                all("/api/enrollment/classes?" + filter));
    }

    /** The training bases the person may see (enrollment's list), none when it cannot be read. */
    public static List<?> bases(Gateway gateway) {
        try {
            Gateway.Answer answer = gateway.get("/api/enrollment/bases?size=200");
            return answer != null && answer.body().get("items") instanceof List<?> l ? l : List.of();
        } catch (cn.sunshine.console.api.ApiException e) {
            cn.sunshine.console.year.ClassWorkController.signInAgain(e);
            return List.of();
        }
    }

    /** Bases' names by their ids. */
    public static Map<Object, Object> names(List<?> bases) {
        Map<Object, Object> names = new java.util.LinkedHashMap<>();
        for (Object b : bases) {
            if (b instanceof Map<?, ?> m && m.get("baseId") != null) {
                names.put(m.get("baseId"), m.get("name"));
            }
        }
        return names;
    }

    /** The names of the bases the person may see by their ids: a ledger names the base, not its id. */
    public Map<Object, Object> baseNames() {
        return names(bases(gateway));
    }

    public Formats fmt() {
        return fmt;
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

    // ---- columns ------------------------------------------------------------------------------------------------

    /** A column of a download: the message key of its header, and its cell from one record of the list. */
    public record Column(String key, Function<Map<?, ?>, Object> value) {
    }

    /** A list's records as a workbook to download, one row a record, one cell a column. */
    public ResponseEntity<byte[]> ledger(String what, List<Column> columns, List<? extends Map<?, ?>> records) {
        List<List<Object>> rows = new ArrayList<>(records.size());
        for (Map<?, ?> r : records) {
            List<Object> row = new ArrayList<>(columns.size());
            for (Column c : columns) {
                row.add(c.value().apply(r));
            }
            rows.add(row);
        }
        return download(what, columns.stream().map(Column::key).toList(), rows);
    }

    /** A column computed from the record. */
    public static Column column(String key, Function<Map<?, ?>, Object> value) {
        return new Column(key, value);
    }

    /** The field as the API gives it (a dotted path reads a nested record: {@code place.town}). */
    public static Column text(String key, String field) {
        return column(key, r -> field(r, field));
    }

    /** Money in fen, as yuan. */
    public static Column yuan(String key, String field) {
        return column(key, r -> new Spreadsheet.Yuan(fen(field(r, field))));
    }

    /** How many entries a list field holds. */
    public static Column count(String key, String field) {
        return column(key, r -> field(r, field) instanceof List<?> l ? l.size() : null);
    }

    /** A date (or an instant's date) as the page writes it: 2026年4月15日. */
    public Column date(String key, String field) {
        return column(key, r -> fmt.date(field(r, field)));
    }

    /** An instant with hours and minutes, in the programme's zone. */
    public Column dateTime(String key, String field) {
        return column(key, r -> fmt.dateTime(field(r, field)));
    }

    /** A code by its label ({@code prefix + code}), in the page's language. */
    public Column label(String key, String field, String prefix) {
        return column(key, r -> label(prefix, field(r, field)));
    }

    /** A list of codes by their labels, joined with 、. */
    public Column labels(String key, String field, String prefix) {
        return column(key, r -> field(r, field) instanceof List<?> l
                ? String.join("、", l.stream().map(v -> label(prefix, v)).toList()) : "");
    }

    /** A field of a record; a dotted path reads nested records; null when absent. */
    public static Object field(Map<?, ?> record, String path) {
        Object value = record;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> m)) {
                return null;
            }
            value = m.get(part);
        }
        return value;
    }

    /** A code's label ({@code prefix + code}) in the page's language; the code itself when there is none. */
    public String label(String prefix, Object value) {
        if (value == null) {
            return "";
        }
        return messages.getMessage(prefix + value, null, value.toString(), LocaleContextHolder.getLocale());
    }

    private static Long fen(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }
}
