package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Role;
import cn.sunshine.subsidy.support.Access;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

@RestController
@Tag(name = "Split policies", description = "A county's share of the subsidy paid at completion, the rest on placement")
public class SplitPolicyController {

    public record SetPolicyRequest(@NotBlank @Pattern(regexp = "\\d{6}") String divisionCode,
                             @NotNull @Min(2000) @Max(2100) Integer year,
                             @NotNull @Min(0) @Max(10_000) Integer completionShareBp,
                             @NotBlank @Size(max = 1000) String reason) {
    }

    public record PolicyView(String divisionCode, int year, int completionShareBp, String setAt, String setBy,
                             String reason) {
        static PolicyView of(SplitPolicy p) {
            return new PolicyView(p.getDivisionCode(), p.getYear(), p.getCompletionShareBp(), p.getSetAt().toString(),
                    p.getSetBy(), p.getReason());
        }
    }

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final Clock clock;

    public SplitPolicyController(AggregateStore store, MongoTemplate mongo, Clock clock) {
        this.store = store;
        this.mongo = mongo;
        this.clock = clock;
    }

    @PostMapping("/api/subsidy/split-policies")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Set the county's completion share for a year (basis points; the rest is claimed on placement); "
            + "once, and before the year's first claim (409 split-after-claims): each voucher's split is fixed by its first claim")
    public PolicyView set(@Valid @RequestBody SetPolicyRequest r) {
        if (!DivisionCode.isValid(r.divisionCode())) {
            throw DomainException.invalidField("divisionCode", "not a division code");
        }
        CurrentUser user = Access.over(r.divisionCode(), "division " + r.divisionCode());
        if (mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("divisionCode").is(r.divisionCode())
                        .and("year").is(r.year()).and("completionPartFen").ne(null)),
                cn.sunshine.subsidy.voucher.Voucher.class)) {
            // Vouchers already claimed were split as things stood (all at completion without a policy): a policy
            // now would only apply to the rest, and the year's claims would follow two rules.
            throw DomainException.conflict("split-after-claims", "Claims of the year exist",
                    "vouchers of " + r.divisionCode() + " for " + r.year() + " have been claimed already; the split is "
                            + "set before the first claim of the year");
        }
        try {
            return PolicyView.of(store.insert(SplitPolicy.set(r.divisionCode(), r.year(), r.completionShareBp(),
                    user.subject(), clock.instant(), r.reason().trim())));
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("duplicate", "The split is set",
                    "the " + r.year() + " split of " + r.divisionCode() + " is set; claims depend on it");
        }
    }

    @GetMapping("/api/subsidy/split-policies/{divisionCode}/{year}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER,
            Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "A county's split for a year (404: everything is claimed at completion)")
    public PolicyView get(@PathVariable String divisionCode, @PathVariable String year) {
        SplitPolicy p = year.matches("\\d{4}") ? mongo.findById(SplitPolicy.key(divisionCode, Integer.parseInt(year)),
                SplitPolicy.class) : null;
        if (p == null) {
            throw DomainException.notFound("split policy " + divisionCode + "/" + year);
        }
        return PolicyView.of(p);
    }
}
