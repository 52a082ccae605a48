package cn.sunshine.accreditation.base;

import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Bases", description = "Accredited training bases (培训基地)")
public class BaseController {

    private final BaseAccreditation accreditation;

    public BaseController(BaseAccreditation accreditation) {
        this.accreditation = accreditation;
    }

    @PostMapping("/api/accreditation/bases")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Register a base accredited outside the tender flow (e.g. carried over from earlier paper "
            + "records) for named majors; county, city or province officer of its division. Bases accredited through a "
            + "tender come from the notice's finalisation")
    public ResponseEntity<BaseDtos.BaseView> accredit(@Valid @RequestBody BaseDtos.AccreditBaseRequest request) {
        return Answers.createdHere(accreditation.accredit(request), BaseDtos.BaseView::of);
    }

    @GetMapping("/api/accreditation/bases/{baseId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A base, if it lies in your jurisdiction (or is your own base)")
    public ResponseEntity<BaseDtos.BaseView> get(@PathVariable String baseId) {
        return Answers.ok(accreditation.get(baseId), BaseDtos.BaseView::of);
    }

    @GetMapping("/api/accreditation/bases")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "Bases in your jurisdiction")
    public PageResult<BaseDtos.BaseView> list(
            @RequestParam(required = false) @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String division,
            @RequestParam(required = false) BaseStatus status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return accreditation.list(division, status, page, size).map(BaseDtos.BaseView::of);
    }

    @PostMapping("/api/accreditation/bases/{baseId}/revocation")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Revoke a base's accreditation (取缔), effective at once; takes If-Match")
    public ResponseEntity<BaseDtos.BaseView> revoke(@PathVariable String baseId,
                                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody BaseDtos.RevokeRequest request) {
        return Answers.ok(accreditation.revoke(baseId, ifMatch, request.reason()), BaseDtos.BaseView::of);
    }

    @GetMapping("/api/public/accreditation/bases/{baseId}")
    @PublicEndpoint
    @Operation(summary = "An accredited base's public profile: majors, capacities, fee standards, validity (public, no token)")
    public BaseDtos.PublicBaseProfile publicGet(@PathVariable String baseId) {
        return BaseDtos.PublicBaseProfile.of(accreditation.publicGet(baseId));
    }

    @GetMapping("/api/public/accreditation/bases")
    @PublicEndpoint
    @Operation(summary = "Accredited bases, their majors and fee standards (public, no token)")
    public PageResult<BaseDtos.PublicBaseProfile> publicList(
            @RequestParam(required = false) @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String division,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return accreditation.publicList(division, page, size).map(BaseDtos.PublicBaseProfile::of);
    }
}
