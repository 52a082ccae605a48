package cn.sunshine.subsidy.standard;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.subsidy.standard.StandardDtos.SetStandardRequest;
import cn.sunshine.subsidy.standard.StandardDtos.StandardView;
import cn.sunshine.subsidy.support.DivisionCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Setting and reading subsidy standards; the standard that applies to a county. */
@RestController
@Tag(name = "Standards", description = "Subsidy standards per year and major, in tiers")
public class StandardController {

    private final Standards standards;

    public StandardController(Standards standards) {
        this.standards = standards;
    }

    @PostMapping("/api/subsidy/standards")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Set the standard of a major for a year in your jurisdiction (once; a change is next year's)")
    public StandardView set(@Valid @RequestBody SetStandardRequest r) {
        DivisionCodes.requireValid(r.divisionCode());
        return StandardView.of(standards.set(r));
    }

    @GetMapping("/api/subsidy/standards/applicable")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "The standard that applies to a county's major in a year (county, else city, else province)")
    public StandardView applicable(@RequestParam String divisionCode, @RequestParam int year,
                                   @RequestParam String majorCode) {
        DivisionCodes.requireValid(divisionCode);
        return StandardView.of(standards.applicable(divisionCode, year, majorCode));
    }
}
