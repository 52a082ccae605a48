package cn.sunshine.placement.contact;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * enrollment-service's audited contact lookup (docs/enrollment.md, "Contact lookup"): placement's
 * client-credentials token (audience enrollment-service, scope contacts:read, its division; see
 * {@link EnrollmentClientConfiguration}), the body names the enrollment, the purpose and the reason;
 * enrollment writes its audit record, naming this client, before it answers. Timeouts, retries and
 * the circuit breaker are in {@link ContactLookups}.
 */
@FeignClient(name = "enrollment-contacts", url = "${sunshine.placement.enrollment.url}",
        configuration = EnrollmentClientConfiguration.class)
public interface EnrollmentContactClient {

    enum Purpose { SPOT_CHECK, PLACEMENT_FOLLOW_UP, RIGHTS_ESCALATION }

    record LookupRequest(String enrollmentId, Purpose purpose, String reason) {
    }

    /** What enrollment answers; fields placement does not need are ignored. */
    record ContactView(String enrollmentId, String name, String phone, String lookupId) {
    }

    @PostMapping(value = "/api/enrollment/contact-lookups", consumes = "application/json", produces = "application/json")
    ContactView lookup(@RequestBody LookupRequest request);
}
