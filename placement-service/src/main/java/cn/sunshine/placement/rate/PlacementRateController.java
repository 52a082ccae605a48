package cn.sunshine.placement.rate;

import cn.sunshine.placement.rate.RateDtos.RateView;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/**
 * Placement rate = trainees placed / trainees completed, for a program year and any of class,
 * base, major and county, in integers; the rate is presented in basis points (floor). Where the
 * selection is one base (or one class, hence one base), it is compared with the rate the base
 * committed to in its agreement for the year, and a shortfall is flagged.
 */
@RestController
@Tag(name = "Placement rates", description = "Placed / completed per class, base, major, county and year")
public class PlacementRateController {

    private final PlacementRates rates;

    public PlacementRateController(PlacementRates rates) {
        this.rates = rates;
    }


    @GetMapping("/api/placement/rates")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "The placement rate of a year's completers (optionally those completed in a period), by class, base, major and county, against the commitment")
    public RateView rate(@RequestParam int year, @RequestParam(required = false) String classId,
                         @RequestParam(required = false) String baseId,
                         @RequestParam(required = false) String majorCode,
                         @RequestParam(required = false) String divisionCode,
                         @RequestParam(required = false) LocalDate completedFrom,
                         @RequestParam(required = false) LocalDate completedTo) {
        if (year < 2000 || year > 2100) {
            throw DomainException.invalidField("year", Phrase.coded("placement.year",
                    "must be between 2000 and 2100"));
        }
        if (divisionCode != null && !divisionCode.matches("\\d{2}(\\d{2}){0,2}")) {
            throw DomainException.invalidField("divisionCode", Phrase.coded("placement.division-code",
                    "must be a 2-, 4- or 6-digit division code"));
        }
        if (completedFrom != null && completedTo != null && completedTo.isBefore(completedFrom)) {
            throw DomainException.invalidField("completedTo", Phrase.coded("placement.completed-to",
                    "must not be before completedFrom"));
        }
        return rates.rate(year, classId, baseId, majorCode, divisionCode, completedFrom, completedTo);
    }
}
