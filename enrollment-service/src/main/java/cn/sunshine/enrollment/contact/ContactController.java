package cn.sunshine.enrollment.contact;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal, audited way for another service of the suite or a county officer to reach a
 * trainee: the audit record is written before anything is disclosed. A service calls with its own
 * client-credentials token, which must name {@code enrollment-service} in its audience (else 401,
 * platform security), carry the scope {@value ContactLookups#SCOPE} (else 403) and a division that covers the
 * trainee's (else 404: existence is not revealed); the client id is the audited actor. The role
 * SERVICE grants nothing here.
 */
@RestController
@Validated
@Tag(name = "Contact lookup", description = "A trainee's phone and address for a stated purpose; every lookup audited")
public class ContactController {

    private final ContactLookups lookups;

    public ContactController(ContactLookups lookups) {
        this.lookups = lookups;
    }

    @PostMapping("/api/enrollment/contact-lookups")
    @Allowed(value = {Role.COUNTY_OFFICER}, scopes = {ContactLookups.SCOPE})
    @Operation(summary = "A trainee's contact for a stated purpose (audited; within the caller's jurisdiction)")
    public ResponseEntity<ContactDtos.ContactView> lookup(@Valid @RequestBody ContactDtos.LookupRequest request) {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(lookups.lookup(request));
    }

    @GetMapping("/api/enrollment/contact-lookups")
    @Allowed({Role.AUDITOR})
    @Operation(summary = "The audit of contact lookups in your jurisdiction, newest first")
    public PageResult<ContactLookup> audit(@RequestParam(required = false) String enrollmentId,
                                           @RequestParam(required = false) Integer page,
                                           @RequestParam(required = false) Integer size) {
        return lookups.audit(enrollmentId, page, size);
    }
}
