package cn.sunshine.gateway.reports;

import cn.sunshine.gateway.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Progress reports (进度报告), served by the gateway itself: monthly to the city, quarterly to the
 * province, for a county, a city or the province. The caller's role and jurisdiction are checked
 * here before any service is asked; each service checks them again on its own part.
 * JSON at {@code /api/reports/progress}, the same report as XLSX at {@code /api/reports/progress.xlsx}.
 */
@RestController
@Tag(name = "Reports", description = "Progress reports composed from the services (docs/reports.md)")
public class ProgressReportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** Who may read progress reports: officers, county leaders, finance officers and auditors. */
    static final Set<String> READERS = Set.of("ROLE_PROVINCE_OFFICER", "ROLE_CITY_OFFICER", "ROLE_COUNTY_OFFICER",
            "ROLE_COUNTY_LEADER", "ROLE_FINANCE_OFFICER", "ROLE_AUDITOR");

    private final ProgressParts parts;

    public ProgressReportController(ProgressParts parts) {
        this.parts = parts;
    }

    @GetMapping(path = "/api/reports/progress", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "A progress report for a division (6 digits) in your jurisdiction and a period "
            + "(2026-10, 2026-Q4 or 2026): figures from each service, each part's status")
    public Mono<ResponseEntity<Object>> progress(@RequestParam(required = false) String division,
            @RequestParam(required = false) String period, ServerWebExchange exchange) {
        return report(division, period, exchange, report -> Mono.just(ResponseEntity.ok()
                .cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON).body(report)));
    }

    @GetMapping(path = "/api/reports/progress.xlsx")
    @Operation(summary = "The same progress report as an XLSX workbook (Chinese header row, English beneath; "
            + "a sheet with each part's status)")
    public Mono<ResponseEntity<Object>> progressWorkbook(@RequestParam(required = false) String division,
            @RequestParam(required = false) String period, ServerWebExchange exchange) {
        return report(division, period, exchange, report -> Mono.fromCallable(() -> ProgressWorkbook.write(report))
                // POI blocks and allocates; keep it off the event loop.
                .subscribeOn(Schedulers.boundedElastic())
                .map(bytes -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .contentType(XLSX)
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename("progress-" + report.division() + "-" + report.period() + ".xlsx").build().toString())
                        .body(bytes)));
    }

    private Mono<ResponseEntity<Object>> report(String division, String period, ServerWebExchange exchange,
            Function<ProgressReport, Mono<ResponseEntity<Object>>> render) {
        return exchange.getPrincipal().cast(Object.class).defaultIfEmpty(Boolean.FALSE).flatMap(principal -> {
            if (!(principal instanceof JwtAuthenticationToken caller)) {
                return Mono.just(problem(HttpStatus.UNAUTHORIZED, "unauthorized", "a valid bearer token is required", null));
            }
            boolean reader = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(READERS::contains);
            if (!reader) {
                return Mono.just(problem(HttpStatus.FORBIDDEN, "forbidden",
                        "progress reports are for officers, county leaders, finance officers and auditors", null));
            }
            if (!Jurisdictions.isDivision(division)) {
                return Mono.just(invalid("division", "must be a 6-digit division code, e.g. 420981"));
            }
            var parsed = ReportPeriod.parse(period);
            if (parsed.isEmpty()) {
                return Mono.just(invalid("period", "must be " + ReportPeriod.FORMAT));
            }
            if (!Jurisdictions.covers(caller.getToken().getClaimAsString("division"), division)) {
                // Outside the caller's jurisdiction: not found, as the services answer (existence is not revealed).
                return Mono.just(problem(HttpStatus.NOT_FOUND, "not-found", "division " + division + " was not found", null));
            }
            HttpHeaders headers = exchange.getRequest().getHeaders();
            return parts.fetch(division, parsed.get(), headers.getFirst(HttpHeaders.AUTHORIZATION), headers.getFirst("traceparent"))
                    .map(fetched -> ProgressReport.compose(division, parsed.get(), fetched))
                    .flatMap(render);
        });
    }

    private static ResponseEntity<Object> invalid(String field, String message) {
        return problem(HttpStatus.BAD_REQUEST, "validation", field + ": " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String kind, String detail, Map<String, Object> extra) {
        String title = switch (kind) {
            case "validation" -> "The request has invalid fields";
            default -> Problems.titleOf(status);
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(status, kind, title, detail, extra == null ? Map.of() : extra));
    }
}
