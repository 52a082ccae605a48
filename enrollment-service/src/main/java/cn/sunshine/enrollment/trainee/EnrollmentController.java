package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.support.Access;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.CurrentUser;
import java.util.List;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.IdempotentRequests;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Validated
@Tag(name = "Trainees", description = "Enrollment (招生), the roster check, assessment and completion (结业)")
public class EnrollmentController {

    private static final String IF_MATCH = HttpHeaders.IF_MATCH;

    private final Enrollments enrollments;
    private final IdempotentRequests idempotent;
    private final cn.sunshine.enrollment.privacy.PersonalDataAudit audit;

    public EnrollmentController(Enrollments enrollments, IdempotentRequests idempotent,
                                cn.sunshine.enrollment.privacy.PersonalDataAudit audit) {
        this.enrollments = enrollments;
        this.idempotent = idempotent;
        this.audit = audit;
    }

    @PostMapping("/api/enrollment/classes/{classId}/enrollments")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Enroll a trainee in a class: once a person a year province-wide, within the agreed quota; "
            + "with an Idempotency-Key the same key and body answer the same enrollment (Idempotent-Replayed: true)")
    @ApiResponse(responseCode = "201", description = "enrolled (or the replay of an earlier request with the same key)",
            content = @Content(schema = @Schema(implementation = EnrollmentDtos.EnrollmentView.class)))
    public ResponseEntity<?> enroll(@PathVariable String classId,
                                    @Parameter(in = ParameterIn.HEADER, description = "1 to 100 printable ASCII characters; "
                                            + "a retry with the same key and body gets the first answer, never a second enrollment")
                                    @RequestHeader(value = IdempotentRequests.HEADER, required = false) String idempotencyKey,
                                    @Valid @RequestBody EnrollmentDtos.TraineeRequest request) {
        String scope = "enrollment.enrollments:" + classId + ":" + Jurisdiction.currentUser().subject();
        return idempotent.runJson(scope, idempotencyKey, request, () -> {
            Enrollment e = enrollments.enroll(classId, request);
            return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                            .path("/api/enrollment/enrollments/{id}").buildAndExpand(e.getId()).toUri())
                    .eTag(ETags.of(e.getVersion())).body(view(e));
        });
    }

    @GetMapping("/api/enrollment/classes/{classId}/enrollments")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "The trainees of a class (whole for a county officer of the county, audited: say why with "
            + "purpose or X-Purpose; masked without birth date or age for everyone else)")
    public PageResult<EnrollmentDtos.EnrollmentView> list(@PathVariable String classId,
                                                          @RequestParam(required = false) EnrollmentStatus status,
                                                          @RequestParam(required = false) String purpose,
                                                          @RequestParam(required = false) Integer page,
                                                          @RequestParam(required = false) Integer size) {
        PageResult<Enrollment> found = enrollments.listForClass(classId, status, page, size);
        CurrentUser user = Jurisdiction.currentUser();
        List<String> whole = found.items().stream()
                .filter(e -> Access.disclosure(user, e.getDivisionCode(), e.getBaseId()).whole()).map(Enrollment::getId).toList();
        if (!whole.isEmpty()) {
            audit.record(user, "enrollment.list", found.items().get(0).getDivisionCode(), classId, whole);
        }
        return found.map(e -> EnrollmentDtos.EnrollmentView.of(e, user));
    }

    @GetMapping("/api/enrollment/enrollments/{enrollmentId}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "A trainee's ledger row (ID number and phone whole only for a county officer of the county, "
            + "audited; say why with the query parameter purpose or the header X-Purpose)")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> get(@PathVariable String enrollmentId,
                                                             @RequestParam(required = false) String purpose) {
        return ok(enrollments.get(enrollmentId), "enrollment.read");
    }

    @PostMapping("/api/enrollment/enrollments/{enrollmentId}/roster-check")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Check the trainee against the roster at the opening (对照名册核定学员身份)")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> rosterCheck(@PathVariable String enrollmentId,
                                                                     @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                                     @Valid @RequestBody EnrollmentDtos.RosterCheckRequest request) {
        return ok("enrollment.roster-check", enrollments.checkRoster(enrollmentId, ifMatch, request));
    }

    @PostMapping("/api/enrollment/enrollments/{enrollmentId}/withdrawal")
    @Allowed({Role.BASE_STAFF, Role.COUNTY_OFFICER})
    @Operation(summary = "Withdraw a trainee: the place and the person's year are released")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> withdraw(@PathVariable String enrollmentId,
                                                                  @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                                  @Valid @RequestBody EnrollmentDtos.ReasonRequest request) {
        return ok("enrollment.withdrawal", enrollments.withdraw(enrollmentId, ifMatch, request));
    }

    @PostMapping("/api/enrollment/enrollments/{enrollmentId}/dropout")
    @Allowed({Role.BASE_STAFF, Role.COUNTY_OFFICER})
    @Operation(summary = "Record that a trainee dropped out during training")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> drop(@PathVariable String enrollmentId,
                                                              @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                              @Valid @RequestBody EnrollmentDtos.ReasonRequest request) {
        return ok("enrollment.dropout", enrollments.drop(enrollmentId, ifMatch, request));
    }

    @PostMapping("/api/enrollment/enrollments/{enrollmentId}/assessment")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Record the theory exam and the skill test (a failed one may be re-sat)")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> assess(@PathVariable String enrollmentId,
                                                                @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                                @Valid @RequestBody EnrollmentDtos.AssessmentRequest request) {
        return ok("enrollment.assessment", enrollments.assess(enrollmentId, ifMatch, request));
    }

    @PostMapping("/api/enrollment/enrollments/{enrollmentId}/completion")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Record completion (结业) with the certificate number and an optional skill certificate")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> complete(@PathVariable String enrollmentId,
                                                                  @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                                  @Valid @RequestBody EnrollmentDtos.CompletionRequest request) {
        return ok("enrollment.completion", enrollments.complete(enrollmentId, ifMatch, request));
    }

    private ResponseEntity<EnrollmentDtos.EnrollmentView> ok(String operation, Enrollment e) {
        return ok(e, operation);
    }

    private ResponseEntity<EnrollmentDtos.EnrollmentView> ok(Enrollment e, String operation) {
        return ResponseEntity.ok().eTag(ETags.of(e.getVersion())).body(view(e, operation));
    }

    private EnrollmentDtos.EnrollmentView view(Enrollment e) {
        return view(e, "enrollment.enroll");
    }

    /** The answer as the caller may see it; an answer with the record whole is audited first. */
    private EnrollmentDtos.EnrollmentView view(Enrollment e, String operation) {
        CurrentUser user = Jurisdiction.currentUser();
        if (Access.disclosure(user, e.getDivisionCode(), e.getBaseId()).whole()) {
            audit.record(user, operation, e.getDivisionCode(), e.getClassId(), List.of(e.getId()));
        }
        return EnrollmentDtos.EnrollmentView.of(e, user);
    }
}
