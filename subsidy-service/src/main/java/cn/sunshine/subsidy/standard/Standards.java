package cn.sunshine.subsidy.standard;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.subsidy.support.Access;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Setting and reading subsidy standards; the standard that applies to a county. */
@RestController
@Tag(name = "Standards", description = "Subsidy standards per year and major, in tiers")
public class Standards {

    public record SetStandardRequest(@NotBlank @Pattern(regexp = "\\d{6}") String divisionCode,
                             @NotNull @Min(2000) @Max(2100) Integer year,
                             @NotBlank String majorCode, @NotEmpty Map<String, Long> tierAmountsFen,
                             @PositiveOrZero long centralPerHeadFen, @PositiveOrZero long provincialPerHeadFen,
                             @PositiveOrZero long cityPerHeadFen) {
    }

    public record StandardView(String divisionCode, int year, String majorCode, Map<String, Long> tierAmountsFen,
                               long centralPerHeadFen, long provincialPerHeadFen, long cityPerHeadFen,
                               String setAt, String setBy) {
        static StandardView of(SubsidyStandard s) {
            return new StandardView(s.getDivisionCode(), s.getYear(), s.getMajorCode(), s.getTierAmountsFen(),
                    s.getCentralPerHeadFen(), s.getProvincialPerHeadFen(), s.getCityPerHeadFen(),
                    s.getSetAt().toString(), s.getSetBy());
        }
    }

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final Clock clock;

    public Standards(AggregateStore store, MongoTemplate mongo, Clock clock) {
        this.store = store;
        this.mongo = mongo;
        this.clock = clock;
    }

    @PostMapping("/api/subsidy/standards")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER})
    @Operation(summary = "Set the standard of a major for a year in your jurisdiction (once; a change is next year's)")
    public StandardView set(@Valid @RequestBody SetStandardRequest r) {
        if (!DivisionCode.isValid(r.divisionCode())) {
            throw DomainException.invalidField("divisionCode", "not a division code");
        }
        CurrentUser user = Access.over(r.divisionCode(), "division " + r.divisionCode());
        SubsidyStandard s = SubsidyStandard.set(r.divisionCode(), r.year(), r.majorCode(), r.tierAmountsFen(),
                r.centralPerHeadFen(), r.provincialPerHeadFen(), r.cityPerHeadFen(), user.subject(), clock.instant());
        try {
            return StandardView.of(store.insert(s));
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("duplicate", "The standard exists",
                    "the standard of " + r.majorCode() + " for " + r.year() + " in " + r.divisionCode() + " is set");
        }
    }

    @GetMapping("/api/subsidy/standards/applicable")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER,
            Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "The standard that applies to a county's major in a year (county, else city, else province)")
    public StandardView applicable(@RequestParam String divisionCode, @RequestParam int year,
                                   @RequestParam String majorCode) {
        if (!DivisionCode.isValid(divisionCode)) {
            throw DomainException.invalidField("divisionCode", "not a division code");
        }
        return StandardView.of(find(divisionCode, year, majorCode).orElseThrow(() -> DomainException.notFound(
                "a standard of " + majorCode + " for " + year)));
    }

    /** The standard nearest the county: its own, its city's, its province's. */
    public Optional<SubsidyStandard> find(String countyCode, int year, String majorCode) {
        for (String d : new String[]{countyCode, countyCode.substring(0, 4) + "00", countyCode.substring(0, 2) + "0000"}) {
            SubsidyStandard s = mongo.findById(SubsidyStandard.key(d, year, majorCode), SubsidyStandard.class);
            if (s != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
