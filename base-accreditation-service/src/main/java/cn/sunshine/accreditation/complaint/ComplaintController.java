package cn.sunshine.accreditation.complaint;

import cn.sunshine.platform.web.Answers;
import cn.sunshine.accreditation.support.PublicFilings;
import cn.sunshine.accreditation.notice.NoticeDtos;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.PublicEndpoint;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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
@Tag(name = "Complaints", description = "Complaints and reports from the public and the hotline (监督举报)")
public class ComplaintController {

    private final Complaints complaints;
    private final PublicComplaints publicComplaints;

    public ComplaintController(Complaints complaints, PublicComplaints publicComplaints) {
        this.complaints = complaints;
        this.publicComplaints = publicComplaints;
    }

    @PostMapping("/api/public/accreditation/complaints")
    @PublicEndpoint
    @Operation(summary = "Send a complaint (anyone, no token). Without a complainant it is anonymous: 201, received. "
            + "With one: 202, a one-time code is sent to the phone given and the complaint is received once confirmed "
            + "with it. 429 complaint-limit when this connection sent too many, or the phone has too many awaiting "
            + "their code")
    public ResponseEntity<ComplaintDtos.PublicFiling> file(@Valid @RequestBody ComplaintDtos.ComplaintRequest request,
                                                           HttpServletRequest http) {
        ComplaintDtos.PublicFiling f = publicComplaints.file(request, PublicFilings.callerKey(http));
        if (f.complaintId() != null) {
            return PublicFilings.filed(f);
        }
        return PublicFilings.awaiting(f, "/api/public/accreditation/pending-complaints/{id}", f.confirmationId());
    }

    @PostMapping("/api/public/accreditation/pending-complaints/{confirmationId}/confirmation")
    @PublicEndpoint
    @Operation(summary = "Confirm a complaint with the code sent to its phone (anyone, no token): 201, received; "
            + "422 confirmation-code-wrong; 404 expired or void")
    public ResponseEntity<ComplaintDtos.PublicFiling> confirm(@PathVariable String confirmationId,
                                                              @Valid @RequestBody NoticeDtos.ConfirmationRequest request) {
        return PublicFilings.filed(publicComplaints.confirm(confirmationId, request.code()));
    }

    @GetMapping("/api/public/accreditation/complaint-statistics")
    @PublicEndpoint
    @Operation(summary = "Complaints of a year per county: received, answered, answered on time, substantiated, "
            + "overdue (public, no token)")
    public ComplaintDtos.Statistics statistics(
            @RequestParam(required = false) @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String division,
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer year) {
        return complaints.statistics(division, year);
    }

    @PostMapping("/api/accreditation/complaints")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Enter a complaint taken on the county's hotline (anonymous without a complainant)")
    public ResponseEntity<ComplaintDtos.ComplaintView> takeCall(@Valid @RequestBody ComplaintDtos.ComplaintRequest request) {
        return Answers.created("/api/accreditation/complaints/{id}", complaints.takeCall(request), this::view);
    }

    @GetMapping("/api/accreditation/complaints")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "Complaints of your jurisdiction, newest first; overdue=true: those past their step's due "
            + "day, the most overdue first. The contact is masked except for the handling officer")
    public PageResult<ComplaintDtos.ComplaintView> list(
            @RequestParam(required = false) @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String division,
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
            @RequestParam(required = false) Complaint.Status status,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return complaints.list(division, year, status, overdue, page, size).map(this::view);
    }

    @GetMapping("/api/accreditation/complaints/{complaintId}")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "A complaint; the complainant's contact is whole only for its handling officer")
    public ResponseEntity<ComplaintDtos.ComplaintView> get(@PathVariable String complaintId) {
        return Answers.ok(complaints.get(complaintId), this::view);
    }

    @PostMapping("/api/accreditation/complaints/{complaintId}/assignment")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Assign (or reassign) the handling officer (yourself when none is named); takes If-Match")
    public ResponseEntity<ComplaintDtos.ComplaintView> assign(@PathVariable String complaintId,
                                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                              @Valid @RequestBody(required = false) ComplaintDtos.AssignmentRequest request) {
        return answer(complaints.assign(complaintId, ifMatch, request));
    }

    @PostMapping("/api/accreditation/complaints/{complaintId}/investigation")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "The handling officer starts the investigation (调查核实); takes If-Match")
    public ResponseEntity<ComplaintDtos.ComplaintView> investigate(@PathVariable String complaintId,
                                                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                                   @Valid @RequestBody(required = false) ComplaintDtos.NoteRequest request) {
        return answer(complaints.investigate(complaintId, ifMatch, request));
    }

    @PostMapping("/api/accreditation/complaints/{complaintId}/answer")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "The handling officer answers: substantiated (属实) or not, with findings and the reply; a "
            + "substantiated complaint about a base becomes a finding of its year's annual review; takes If-Match")
    public ResponseEntity<ComplaintDtos.ComplaintView> answer(@PathVariable String complaintId,
                                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                              @Valid @RequestBody ComplaintDtos.AnswerRequest request) {
        return answer(complaints.answer(complaintId, ifMatch, request));
    }

    @PostMapping("/api/accreditation/complaints/{complaintId}/closure")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Close an answered complaint (办结); takes If-Match")
    public ResponseEntity<ComplaintDtos.ComplaintView> close(@PathVariable String complaintId,
                                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                             @Valid @RequestBody(required = false) ComplaintDtos.NoteRequest request) {
        return answer(complaints.close(complaintId, ifMatch, request));
    }

    private ResponseEntity<ComplaintDtos.ComplaintView> answer(Complaint c) {
        return Answers.ok(c, this::view);
    }

    private ComplaintDtos.ComplaintView view(Complaint c) {
        return ComplaintDtos.ComplaintView.of(c, Jurisdiction.currentUser().subject(), complaints.today());
    }
}
