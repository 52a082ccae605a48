package cn.sunshine.platform.test.app;

import cn.sunshine.platform.security.PublicEndpoint;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Endpoints that exercise the platform's security, jurisdiction and problem details. */
@RestController
public class ProbeController {

    public record ProbeRequest(@NotBlank String name, @NotNull @Min(0) Long amountFen) {
    }

    @PostMapping("/api/probe/items")
    @Allowed(Role.COUNTY_OFFICER)
    public Map<String, Object> create(@Valid @RequestBody ProbeRequest request) {
        Jurisdiction.requireRole(Role.COUNTY_OFFICER);
        return Map.of("name", request.name(), "amountFen", request.amountFen());
    }

    /** Every call that reaches it has an effect (a count): what idempotency must keep to one per key. */
    static final java.util.concurrent.atomic.AtomicInteger EFFECTS = new java.util.concurrent.atomic.AtomicInteger();

    @PostMapping("/api/probe/effects")
    @Allowed(Role.COUNTY_OFFICER)
    public org.springframework.http.ResponseEntity<Map<String, Object>> effect(@Valid @RequestBody ProbeRequest request) {
        int n = EFFECTS.incrementAndGet();
        return org.springframework.http.ResponseEntity.status(201).eTag("\"" + n + "\"")
                .body(Map.of("effect", n, "name", request.name(), "id", java.util.UUID.randomUUID().toString()));
    }

    @GetMapping("/api/probe/divisions/{division}")
    @Allowed({Role.COUNTY_OFFICER, Role.CITY_OFFICER, Role.PROVINCE_OFFICER})
    public Map<String, Object> inDivision(@PathVariable String division) {
        Jurisdiction.requireCovers(division, "division record");
        return Map.of("division", division);
    }

    @GetMapping("/api/public/probe")
    @PublicEndpoint
    public Map<String, Object> open() {
        return Map.of("public", true);
    }
}
