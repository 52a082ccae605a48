package cn.sunshine.enrollment.contact;

import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.enrollment.trainee.Enrollments;
import cn.sunshine.enrollment.trainee.Trainee;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * The internal, audited way for another service of the suite or a county officer to reach a
 * trainee: the audit record is written before anything is disclosed. A service calls with its own
 * client-credentials token, which must name {@code enrollment-service} in its audience (else 401,
 * platform security), carry the scope {@value #SCOPE} (else 403) and a division that covers the
 * trainee's (else 404: existence is not revealed); the client id is the audited actor. The role
 * SERVICE grants nothing here.
 */
@RestController
@Validated
@Tag(name = "Contact lookup", description = "A trainee's phone and address for a stated purpose; every lookup audited")
public class ContactController {

    private static final Logger log = LoggerFactory.getLogger(ContactController.class);

    /** What a service client's token must carry to look contacts up. */
    public static final String SCOPE = "contacts:read";

    public enum Purpose { SPOT_CHECK, PLACEMENT_FOLLOW_UP, DIRECT_PAYMENT, RIGHTS_ESCALATION, VERIFICATION }

    public record LookupRequest(@NotBlank @Size(max = 100) String enrollmentId, @NotNull Purpose purpose,
                                @NotBlank @Size(max = 500) String reason) {
    }

    public record ContactView(String enrollmentId, String name, String phone, String householdDivision, String town,
                              String village, String lookupId) {
    }

    private final Enrollments enrollments;
    private final MongoTemplate mongo;
    private final Clock clock;

    public ContactController(Enrollments enrollments, MongoTemplate mongo, Clock clock) {
        this.enrollments = enrollments;
        this.mongo = mongo;
        this.clock = clock;
    }

    @PostMapping("/api/enrollment/contact-lookups")
    @Allowed(value = {Role.COUNTY_OFFICER}, scopes = {SCOPE})
    @Operation(summary = "A trainee's contact for a stated purpose (audited; within the caller's jurisdiction)")
    public ResponseEntity<ContactView> lookup(@Valid @RequestBody LookupRequest request) {
        CurrentUser user = Jurisdiction.requireRoleOrScope(SCOPE, Role.COUNTY_OFFICER);
        Enrollment e;
        try {
            e = enrollments.find(request.enrollmentId());
        } catch (DomainException notFound) {
            throw DomainException.notFound("enrollment " + request.enrollmentId());
        }
        if (!user.covers(e.getDivisionCode())) {
            throw DomainException.notFound("enrollment " + request.enrollmentId());
        }
        ContactLookup audit = new ContactLookup(Ids.newId(), e.getId(), e.getDivisionCode(), e.getBaseId(),
                user.subject(), user.roles().stream().map(Enum::name).sorted().toList(),
                user.isServiceClient() ? user.clientId() : null,
                user.isServiceClient() ? user.scopes().stream().sorted().toList() : null,
                request.purpose().name(), request.reason().trim(), clock.instant());
        mongo.insert(audit); // before the disclosure: no audit, no answer
        log.info("contact of enrollment {} disclosed to {} for {} (lookup {})", e.getId(), user.subject(),
                request.purpose(), audit.id());
        Trainee t = e.getTrainee();
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new ContactView(e.getId(), t.name(), t.phone(), t.householdDivision(), t.town(), t.village(),
                        audit.id()));
    }

    @GetMapping("/api/enrollment/contact-lookups")
    @Allowed({Role.AUDITOR})
    @Operation(summary = "The audit of contact lookups in your jurisdiction, newest first")
    public PageResult<ContactLookup> audit(@RequestParam(required = false) String enrollmentId,
                                           @RequestParam(required = false) Integer page,
                                           @RequestParam(required = false) Integer size) {
        Jurisdiction.requireRole(Role.AUDITOR);
        Criteria c = Jurisdiction.scope("divisionCode");
        if (enrollmentId != null) {
            c = new Criteria().andOperator(c, Criteria.where("enrollmentId").is(enrollmentId));
        }
        return PageResult.find(mongo, Query.query(c), ContactLookup.class, page, size, Sort.by(Sort.Direction.DESC, "at"));
    }

}
