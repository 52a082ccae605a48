package cn.sunshine.accreditation.application;

import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
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

@RestController
@Validated
@Tag(name = "Applications", description = "Institutions' applications in a tender (申报)")
public class ApplicationController {

    private final Applications applications;

    public ApplicationController(Applications applications) {
        this.applications = applications;
    }

    @PostMapping("/api/accreditation/tenders/{tenderId}/applications")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Apply in a published tender during its window (an institution's staff account)")
    public ResponseEntity<ApplicationDtos.ApplicationView> submit(@PathVariable String tenderId,
                                                                  @Valid @RequestBody ApplicationDtos.SubmitApplicationRequest request) {
        return Answers.created("/api/accreditation/applications/{id}", applications.submit(tenderId, request),
                a -> ApplicationDtos.ApplicationView.of(a, true));
    }

    @GetMapping("/api/accreditation/tenders/{tenderId}/applications")
    @Allowed(value = Role.EXPERT_REVIEWER, groups = Roles.OFFICIALS)
    @Operation(summary = "A tender's applications (officers covering it, its reviewers)")
    public PageResult<ApplicationDtos.ApplicationView> ofTender(@PathVariable String tenderId,
                                                                @RequestParam(required = false) Integer page,
                                                                @RequestParam(required = false) Integer size) {
        return applications.listForTender(tenderId, page, size);
    }

    @GetMapping("/api/accreditation/applications")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Your applications (base staff) or those of tenders in your jurisdiction (officers)")
    public PageResult<ApplicationDtos.ApplicationView> list(@RequestParam(required = false) String tenderId,
                                                            @RequestParam(required = false) Integer page,
                                                            @RequestParam(required = false) Integer size) {
        return applications.list(tenderId, page, size).map(a -> ApplicationDtos.ApplicationView.of(a, true));
    }

    @GetMapping("/api/accreditation/applications/{applicationId}")
    @Allowed(value = Role.EXPERT_REVIEWER, groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "An application (officers, its reviewers with contacts masked, the applicant)")
    public ResponseEntity<ApplicationDtos.ApplicationView> get(@PathVariable String applicationId) {
        Applications.Readable r = applications.readable(applicationId);
        return Answers.ok(r.application(), a -> ApplicationDtos.ApplicationView.of(a, r.fullContacts()));
    }

    @PostMapping("/api/accreditation/applications/{applicationId}/rejection")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Reject an application as ineligible, with reasons (before the result is noticed)")
    public ResponseEntity<ApplicationDtos.ApplicationView> reject(@PathVariable String applicationId,
                                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                                  @Valid @RequestBody ApplicationDtos.RejectRequest request) {
        return Answers.ok(applications.reject(applicationId, ifMatch, request.reasons()),
                a -> ApplicationDtos.ApplicationView.of(a, true));
    }
}
