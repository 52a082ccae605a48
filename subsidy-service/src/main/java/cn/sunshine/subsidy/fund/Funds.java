package cn.sunshine.subsidy.fund;

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
import jakarta.validation.constraints.Positive;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/** Deposits into a county's fund, and the commitments approvals make against it. */
@RestController
@Tag(name = "Funds", description = "A county's subsidy fund per year and its balance")
public class Funds {

    public static final List<String> SOURCES = List.of("CENTRAL", "PROVINCIAL", "CITY", "COUNTY");

    public record DepositRequest(@NotBlank @Pattern(regexp = "\\d{6}") String divisionCode,
                                 @NotNull @Min(2000) @Max(2100) Integer year,
                                 @NotBlank @Pattern(regexp = "CENTRAL|PROVINCIAL|CITY|COUNTY") String source,
                                 @Positive long amountFen, @NotBlank String reference) {
    }

    public record FundView(String divisionCode, int year, long depositedFen, long committedFen, long availableFen,
                           List<Fund.Deposit> deposits, List<Fund.Commitment> commitments) {
        static FundView of(Fund f) {
            return new FundView(f.getDivisionCode(), f.getYear(), f.getDepositedFen(), f.getCommittedFen(),
                    f.getAvailableFen(), f.getDeposits(), f.getCommitments());
        }
    }

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final Clock clock;

    public Funds(AggregateStore store, MongoTemplate mongo, Clock clock) {
        this.store = store;
        this.mongo = mongo;
        this.clock = clock;
    }

    @PostMapping("/api/subsidy/funds/deposits")
    @Allowed({Role.FINANCE_OFFICER})
    @Operation(summary = "Record money put into a county's fund for a year by a source (the fund opens with the first)")
    public ResponseEntity<FundView> deposit(@Valid @RequestBody DepositRequest r) {
        if (!DivisionCode.isValid(r.divisionCode())) {
            throw DomainException.invalidField("divisionCode", "not a division code");
        }
        CurrentUser user = Access.over(r.divisionCode(), "division " + r.divisionCode());
        String id = Fund.key(r.divisionCode(), r.year());
        if (mongo.findById(id, Fund.class) == null) {
            try {
                store.insert(Fund.open(r.divisionCode(), r.year()));
            } catch (DuplicateKeyException e) {
                // opened by a concurrent deposit
            }
        }
        Fund.Deposit d = new Fund.Deposit(r.source(), r.amountFen(), r.reference().trim(), user.subject(), clock.instant());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("deposits.reference").ne(d.reference())),
                new Update().push("deposits", d).inc("depositedFen", d.amountFen()).inc("availableFen", d.amountFen())
                        .inc("version", 1L), Fund.class);
        return ResponseEntity.ok(FundView.of(mongo.findById(id, Fund.class)));
    }

    @GetMapping("/api/subsidy/funds/{divisionCode}/{year}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER,
            Role.FINANCE_OFFICER, Role.AUDITOR})
    @Operation(summary = "A county's fund for a year: deposits, commitments, balance")
    public FundView get(@PathVariable String divisionCode, @PathVariable String year) {
        Fund f = year.matches("\\d{4}") ? mongo.findById(divisionCode + ":" + year, Fund.class) : null;
        if (f == null) {
            throw DomainException.notFound("fund " + divisionCode + "/" + year);
        }
        Access.over(f.getDivisionCode(), "fund " + divisionCode + "/" + year);
        return FundView.of(f);
    }

    /**
     * Commits an amount for a claim if the balance covers it: one conditional update on the fund's
     * document (balance ≥ amount and the claim not yet committed), so concurrent approvals never
     * overdraw. Committing the same claim again changes nothing.
     *
     * @throws DomainException 422 when the balance does not cover it
     */
    public void commit(String divisionCode, int year, String claimId, long amountFen, String by, String why) {
        String id = Fund.key(divisionCode, year);
        Fund.Commitment c = new Fund.Commitment(claimId, amountFen, by, clock.instant(), why);
        long matched = mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("availableFen").gte(amountFen)
                        .and("commitments.claimId").ne(claimId)),
                new Update().push("commitments", c).inc("availableFen", -amountFen).inc("committedFen", amountFen)
                        .inc("version", 1L), Fund.class).getMatchedCount();
        if (matched == 0 && !mongo.exists(Query.query(Criteria.where("_id").is(id).and("commitments.claimId").is(claimId)),
                Fund.class)) {
            Fund f = mongo.findById(id, Fund.class);
            throw DomainException.rule("fund-insufficient", "The fund does not cover the claim",
                    "the " + year + " fund of " + divisionCode + " has " + (f == null ? 0 : f.getAvailableFen())
                            + " fen available; the claim needs " + amountFen);
        }
    }

    /** Gives a rejected claim's commitment back, once, as a new entry pointing at the claim. */
    public void release(String divisionCode, int year, String claimId, long amountFen, String by, String why) {
        String id = Fund.key(divisionCode, year);
        Fund.Commitment c = new Fund.Commitment(claimId, -amountFen, by, clock.instant(), why);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("commitments.claimId").is(claimId)
                        .and("releasedClaims").ne(claimId)),
                new Update().push("commitments", c).push("releasedClaims", claimId).inc("availableFen", amountFen)
                        .inc("committedFen", -amountFen).inc("version", 1L), Fund.class);
    }
}
