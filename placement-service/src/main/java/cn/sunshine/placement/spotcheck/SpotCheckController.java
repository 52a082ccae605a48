package cn.sunshine.placement.spotcheck;

import cn.sunshine.placement.contact.ContactLookups.Outcome;
import cn.sunshine.placement.spotcheck.SpotCheckDtos.CallRequest;
import cn.sunshine.placement.spotcheck.SpotCheckDtos.DrawRequest;
import cn.sunshine.placement.spotcheck.SpotCheckDtos.ItemView;
import cn.sunshine.placement.spotcheck.SpotCheckDtos.RoundRequest;
import cn.sunshine.placement.spotcheck.SpotCheckDtos.RoundView;
import cn.sunshine.placement.spotcheck.SpotCheckDtos.SpotCheckView;
import cn.sunshine.platform.identifiers.PersonalData;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@Tag(name = "Spot checks", description = "Phone spot checks (抽查) of the placements a base reported")
public class SpotCheckController {

    /** Why a seed in a draw request is refused: the officer whose placements are checked never chooses it. */
    static final String SEED_REFUSED = "is not accepted: the seed is the server's (HMAC of the round id under its "
            + "secret), recorded before the draw; GET /api/placement/spot-check-rounds/{roundId} shows it";

    private final SpotChecks spotChecks;

    public SpotCheckController(SpotChecks spotChecks) {
        this.spotChecks = spotChecks;
    }


    @PostMapping("/api/placement/spot-checks")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Draw a reproducible sample of a base's reported placements in a period, with the call list")
    public ResponseEntity<SpotCheckView> draw(@Valid @RequestBody DrawRequest r) {
        refuseSeed(r.seed());
        SpotCheck s = spotChecks.draw(r.baseId(), r.periodFrom(), r.periodTo());
        return ResponseEntity.created(URI.create("/api/placement/spot-checks/" + s.getId()))
                .cacheControl(CacheControl.noStore()).eTag(ETags.of(s.getVersion()))
                .body(view(s, Jurisdiction.currentUser()));
    }

    @PostMapping("/api/placement/spot-check-rounds")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Draw a county-wide round: one reproducible sample per base that reported placements in the period")
    public ResponseEntity<RoundView> drawRound(@Valid @RequestBody RoundRequest r) {
        refuseSeed(r.seed());
        SpotChecks.Round round = spotChecks.drawRound(r.periodFrom(), r.periodTo());
        CurrentUser officer = Jurisdiction.currentUser();
        return ResponseEntity.created(URI.create("/api/placement/spot-check-rounds/" + round.roundId()))
                .cacheControl(CacheControl.noStore())
                .body(new RoundView(round.roundId(), round.seed(), round.seedCommitment(),
                        round.spotChecks().stream().map(s -> view(s, officer)).toList()));
    }

    @GetMapping("/api/placement/spot-check-rounds/{roundId}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.AUDITOR})
    @Operation(summary = "What a round (or a single draw) was drawn from, as recorded before the draw: its seed, "
            + "the seed's commitment and source, the sampling rule and, per base, the population's placement ids "
            + "and the sample, so an auditor can repeat the draw")
    public ResponseEntity<SpotCheckDraw> round(@PathVariable String roundId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(spotChecks.findDraw(roundId));
    }

    private static void refuseSeed(Long seed) {
        if (seed != null) {
            throw cn.sunshine.platform.domain.DomainException.invalidField("seed", cn.sunshine.platform.domain.Phrase.coded(
                    "spot-check.seed-refused", SEED_REFUSED));
        }
    }

    @GetMapping("/api/placement/spot-checks/{id}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.AUDITOR})
    @Operation(summary = "A spot check with its call list (phones whole only for the county's officers while open)")
    public ResponseEntity<SpotCheckView> get(@PathVariable String id) {
        SpotCheck s = spotChecks.get(id);
        CurrentUser user = Jurisdiction.currentUser();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(s.getVersion()))
                .body(view(s, user));
    }

    @GetMapping("/api/placement/spot-checks")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.AUDITOR})
    @Operation(summary = "Spot checks in your jurisdiction, newest first")
    public PageResult<SpotCheckView> list(@RequestParam(required = false) String baseId,
                                          @RequestParam(required = false) String roundId,
                                          @RequestParam(required = false) Integer page,
                                          @RequestParam(required = false) Integer size) {
        CurrentUser user = Jurisdiction.currentUser();
        return spotChecks.list(baseId, roundId, page, size).map(s -> view(s, user));
    }

    @PostMapping("/api/placement/spot-checks/{id}/contacts")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Ask enrollment again for the contacts still pending")
    public ResponseEntity<SpotCheckView> retryContacts(@PathVariable String id) {
        SpotChecks.Acted acted = spotChecks.retryContacts(id);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(acted.check().getVersion()))
                .body(view(acted.check(), acted.officer()));
    }

    @PostMapping("/api/placement/spot-checks/{id}/calls")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Record a call: each discrepancy becomes a finding against the base, published")
    public ResponseEntity<SpotCheckView> call(@PathVariable String id,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody CallRequest r) {
        SpotChecks.Acted acted = spotChecks.recordCall(id, ifMatch, r);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(acted.check().getVersion()))
                .body(view(acted.check(), acted.officer()));
    }

    @PostMapping("/api/placement/spot-checks/{id}/conclusion")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Conclude the round: publishes its counts and erases the phones")
    public ResponseEntity<SpotCheckView> conclude(@PathVariable String id,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        SpotChecks.Acted acted = spotChecks.conclude(id, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(acted.check().getVersion())).body(view(acted.check(), acted.officer()));
    }

    private static SpotCheckView view(SpotCheck s, CurrentUser user) {
        boolean caller = user.has(Role.COUNTY_OFFICER) && user.covers(s.getDivisionCode())
                && s.getStatus() == SpotCheck.Status.OPEN;
        List<ItemView> items = s.getItems().stream().map(i -> new ItemView(i.placementId(), i.enrollmentId(),
                i.traineeName(), i.maskedIdNumber(), i.employerName(), i.employerAddress(), i.job(), i.workplace(),
                i.contact(), i.phone() == null ? null : caller ? i.phone() : PersonalData.maskPhone(i.phone()),
                i.contactProblem(), i.call())).toList();
        int pending = (int) s.getItems().stream().filter(i -> i.contact() == Outcome.PENDING).count();
        return new SpotCheckView(s.getId(), s.getVersion(), s.getBaseId(), s.getDivisionCode(), s.getYear(),
                s.getPeriodFrom(), s.getPeriodTo(), s.getPopulation(), s.getSampleRateBp(), s.getSeed(),
                s.getRoundId(), s.getRoundSeed(), s.getItems().size(), pending, s.getStatus(), s.getDrawnAt(), s.getDrawnBy(), s.getConcludedAt(), items);
    }
}
