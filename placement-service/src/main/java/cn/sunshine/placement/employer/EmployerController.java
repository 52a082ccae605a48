package cn.sunshine.placement.employer;

import cn.sunshine.placement.employer.EmployerDtos.EmployerView;
import cn.sunshine.placement.employer.EmployerDtos.RegisterRequest;
import cn.sunshine.placement.employer.EmployerDtos.RevisionsView;
import cn.sunshine.placement.employer.EmployerDtos.UpdateRequest;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@Tag(name = "Employers", description = "Employers that take trainees (用人单位): public business data")
public class EmployerController {

    private final Employers employers;

    public EmployerController(Employers employers) {
        this.employers = employers;
    }

    @PostMapping("/api/placement/employers")
    @Allowed({Role.BASE_STAFF, Role.COUNTY_OFFICER})
    @Operation(summary = "Register an employer (one record per unified social credit code)")
    public ResponseEntity<EmployerView> register(@Valid @RequestBody RegisterRequest r) {
        Employer e = employers.register(r);
        return ResponseEntity.created(URI.create("/api/placement/employers/" + e.getId()))
                .eTag(ETags.of(e.getVersion())).body(EmployerView.of(e));
    }

    @GetMapping("/api/placement/employers/{id}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "An employer")
    public ResponseEntity<EmployerView> get(@PathVariable String id) {
        return Answers.ok(employers.get(id), EmployerView::of);
    }

    @GetMapping("/api/placement/employers")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Employers, by credit code or name")
    public PageResult<EmployerView> list(@RequestParam(required = false) String creditCode,
                                         @RequestParam(required = false) String name,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        return employers.list(creditCode, name, page, size).map(EmployerView::of);
    }

    @PutMapping("/api/placement/employers/{id}")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Correct an employer's name, address or HR phone with a reason (the credit code stays): "
            + "officers of the division that registered it, or the province's; every change is a new revision")
    public ResponseEntity<EmployerView> update(@PathVariable String id,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody UpdateRequest r) {
        return Answers.ok(employers.update(id, ifMatch, r), EmployerView::of);
    }

    @GetMapping("/api/placement/employers/{id}/revisions")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Every revision of an employer, oldest first: the values, who, when and why")
    public RevisionsView revisions(@PathVariable String id) {
        Employer e = employers.get(id);
        return new RevisionsView(e.getId(), e.getCreditCode(), e.getRegisteredInDivision(), e.getRevisions());
    }

}
