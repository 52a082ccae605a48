package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.support.CreatingRequests;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
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
    private final TraineeViews views;
    private final CreatingRequests creating;

    public EnrollmentController(Enrollments enrollments, TraineeViews views, CreatingRequests creating) {
        this.enrollments = enrollments;
        this.views = views;
        this.creating = creating;
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
        return creating.json("enrollment.enrollments", classId, idempotencyKey, request, () -> {
            EnrollmentDtos.EnrollmentView e = views.of(enrollments.enroll(classId, request), "enrollment.enroll");
            return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                            .path("/api/enrollment/enrollments/{id}").buildAndExpand(e.id()).toUri())
                    .eTag(ETags.of(e.version())).body(e);
        });
    }

    @GetMapping("/api/enrollment/classes/{classId}/enrollments")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "The trainees of a class (whole for a county officer of the county, audited: say why with "
            + "purpose or X-Purpose; masked without birth date or age for everyone else)")
    public PageResult<EnrollmentDtos.EnrollmentView> list(@PathVariable String classId,
                                                          @RequestParam(required = false) EnrollmentStatus status,
                                                          @RequestParam(required = false) String purpose,
                                                          @RequestParam(required = false) Integer page,
                                                          @RequestParam(required = false) Integer size) {
        return views.listForClass(classId, status, page, size);
    }

    @GetMapping("/api/enrollment/enrollments/{enrollmentId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A trainee's ledger row (ID number and phone whole only for a county officer of the county, "
            + "audited; say why with the query parameter purpose or the header X-Purpose)")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> get(@PathVariable String enrollmentId,
                                                             @RequestParam(required = false) String purpose) {
        return ok(views.get(enrollmentId));
    }

    @PostMapping("/api/enrollment/enrollments/{enrollmentId}/roster-check")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Check the trainee against the roster at the opening (对照名册核定学员身份)")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> rosterCheck(@PathVariable String enrollmentId,
                                                                     @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                                     @Valid @RequestBody EnrollmentDtos.RosterCheckRequest request) {
        return ok(views.of(enrollments.checkRoster(enrollmentId, ifMatch, request), "enrollment.roster-check"));
    }

    @PostMapping("/api/enrollment/enrollments/{enrollmentId}/withdrawal")
    @Allowed({Role.BASE_STAFF, Role.COUNTY_OFFICER})
    @Operation(summary = "Withdraw a trainee: the place and the person's year are released")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> withdraw(@PathVariable String enrollmentId,
                                                                  @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                                  @Valid @RequestBody EnrollmentDtos.ReasonRequest request) {
        return ok(views.of(enrollments.withdraw(enrollmentId, ifMatch, request), "enrollment.withdrawal"));
    }

    @PostMapping("/api/enrollment/enrollments/{enrollmentId}/dropout")
    @Allowed({Role.BASE_STAFF, Role.COUNTY_OFFICER})
    @Operation(summary = "Record that a trainee dropped out during training")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> drop(@PathVariable String enrollmentId,
                                                              @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                              @Valid @RequestBody EnrollmentDtos.ReasonRequest request) {
        return ok(views.of(enrollments.drop(enrollmentId, ifMatch, request), "enrollment.dropout"));
    }

    @PostMapping("/api/enrollment/enrollments/{enrollmentId}/assessment")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Record the theory exam and the skill test (a failed one may be re-sat)")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> assess(@PathVariable String enrollmentId,
                                                                @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                                @Valid @RequestBody EnrollmentDtos.AssessmentRequest request) {
        return ok(views.of(enrollments.assess(enrollmentId, ifMatch, request), "enrollment.assessment"));
    }

    @PostMapping("/api/enrollment/enrollments/{enrollmentId}/completion")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Record completion (结业) with the certificate number and an optional skill certificate")
    public ResponseEntity<EnrollmentDtos.EnrollmentView> complete(@PathVariable String enrollmentId,
                                                                  @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                                                  @Valid @RequestBody EnrollmentDtos.CompletionRequest request) {
        return ok(views.of(enrollments.complete(enrollmentId, ifMatch, request), "enrollment.completion"));
    }

    private static ResponseEntity<EnrollmentDtos.EnrollmentView> ok(EnrollmentDtos.EnrollmentView view) {
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }
}
