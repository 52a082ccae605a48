package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.subsidy.claim.ClaimDtos.PolicyView;
import cn.sunshine.subsidy.claim.ClaimDtos.SetPolicyRequest;
import cn.sunshine.subsidy.support.DivisionCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Split policies", description = "A county's share of the subsidy paid at completion, the rest on placement")
public class SplitPolicyController {

    private final SplitPolicies policies;

    public SplitPolicyController(SplitPolicies policies) {
        this.policies = policies;
    }

    @PostMapping("/api/subsidy/split-policies")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Set the county's completion share for a year (basis points; the rest is claimed on placement); "
            + "once, and before the year's first claim (409 split-after-claims): each voucher's split is fixed by its first claim")
    public PolicyView set(@Valid @RequestBody SetPolicyRequest r) {
        DivisionCodes.requireValid(r.divisionCode());
        return PolicyView.of(policies.set(r.divisionCode(), r.year(), r.completionShareBp(), r.reason().trim()));
    }

    @GetMapping("/api/subsidy/split-policies/{divisionCode}/{year}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A county's split for a year (404: everything is claimed at completion)")
    public PolicyView get(@PathVariable String divisionCode, @PathVariable String year) {
        return PolicyView.of(policies.get(divisionCode, year));
    }
}
