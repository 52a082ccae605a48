package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.IdempotentRequests;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.subsidy.claim.ClaimDtos.ClaimView;
import cn.sunshine.subsidy.confirmation.TraineeConfirmations;
import cn.sunshine.subsidy.claim.ClaimDtos.DecisionRequest;
import cn.sunshine.subsidy.claim.ClaimDtos.HoldDecisionRequest;
import cn.sunshine.subsidy.claim.ClaimDtos.SubmitRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "Claims", description = "A base's claim and its approval chain: 核准 → 审批 → 复核")
public class ClaimController {

    private final Claims claims;
    private final TraineeConfirmations confirmations;

    public ClaimController(Claims claims, TraineeConfirmations confirmations) {
        this.claims = claims;
        this.confirmations = confirmations;
    }

    @PostMapping("/api/subsidy/claims")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Claim for a class with its redeemed vouchers of completed trainees (Idempotency-Key: the same key and body answer the same claim)")
    public ResponseEntity<ClaimView> submit(@Valid @RequestBody SubmitRequest r,
                                            @RequestHeader(value = IdempotentRequests.HEADER, required = false) String key) {
        // The platform's IdempotencyFilter has checked the key and replays a request it has answered; the claim's
        // id derives from the base and the key besides (Claims.submit), which a replay past the filter meets.
        if (key != null) {
            IdempotentRequests.requireValidKey(key);
        }
        Claims.Submitted s = claims.submit(r.classId(), r.voucherSerials().stream().map(String::trim).toList(),
                r.claimPart(), r.attachmentIds().stream().map(String::trim).toList(), key);
        Claim c = s.claim();
        if (s.replayed()) {
            return ResponseEntity.ok().header(IdempotentRequests.REPLAYED_HEADER, "true").eTag(ETags.of(c.getVersion()))
                    .body(view(c));
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(c.getId()).toUri()).eTag(ETags.of(c.getVersion())).body(view(c));
    }

    @GetMapping("/api/subsidy/claims/{claimId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A claim with every decision (who, when, why)")
    public ResponseEntity<ClaimView> get(@PathVariable String claimId) {
        return Answers.ok(claims.get(claimId), this::view);
    }

    @GetMapping("/api/subsidy/claims")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Claims in your jurisdiction, or your base's, by status, base, programme year and part")
    public PageResult<ClaimView> list(@RequestParam(required = false) String status,
                                      @RequestParam(required = false) String baseId,
                                      @RequestParam(required = false) Integer year,
                                      @RequestParam(required = false) String part,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return claims.list(status, baseId, year, part, page, size).map(this::view);
    }

    @PostMapping("/api/subsidy/claims/{claimId}/verification")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "核准: the county officer verifies the claim against the ledger and vouchers")
    public ResponseEntity<ClaimView> verify(@PathVariable String claimId, @Valid @RequestBody DecisionRequest r,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return decided(claims.decide(claimId, Stage.VERIFICATION, r.approves(), r.reason(), ifMatch));
    }

    @PostMapping("/api/subsidy/claims/{claimId}/approval")
    @Allowed({Role.COUNTY_LEADER})
    @Operation(summary = "审批: the county leader approves; the fund commits the amount")
    public ResponseEntity<ClaimView> approve(@PathVariable String claimId, @Valid @RequestBody DecisionRequest r,
                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return decided(claims.decide(claimId, Stage.APPROVAL, r.approves(), r.reason(), ifMatch));
    }

    @PostMapping("/api/subsidy/claims/{claimId}/extra-approval")
    @Allowed({Role.COUNTY_LEADER, Role.CITY_OFFICER})
    @Operation(summary = "The extra approval of a claim above the threshold, by another leader or the city office")
    public ResponseEntity<ClaimView> extraApprove(@PathVariable String claimId, @Valid @RequestBody DecisionRequest r,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return decided(claims.decide(claimId, Stage.EXTRA_APPROVAL, r.approves(), r.reason(), ifMatch));
    }

    @PostMapping("/api/subsidy/claims/{claimId}/recheck")
    @Allowed({Role.FINANCE_OFFICER})
    @Operation(summary = "复核: the finance bureau officer re-checks; approval orders the payment instructions")
    public ResponseEntity<ClaimView> recheck(@PathVariable String claimId, @Valid @RequestBody DecisionRequest r,
                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return decided(claims.decide(claimId, Stage.RECHECK, r.approves(), r.reason(), ifMatch));
    }

    @PostMapping("/api/subsidy/claims/{claimId}/hold-decision")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Propose to release (pay after all) or cancel (give the fund back) a claim held because its "
            + "base was revoked; another person confirms")
    public ResponseEntity<ClaimView> proposeHoldDecision(@PathVariable String claimId,
                                                         @Valid @RequestBody HoldDecisionRequest r,
                                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return decided(claims.proposeHoldDecision(claimId, r.action(), r.reason().trim(), ifMatch));
    }

    @PostMapping("/api/subsidy/claims/{claimId}/hold-decision/confirmation")
    @Allowed({Role.COUNTY_OFFICER, Role.COUNTY_LEADER})
    @Operation(summary = "A second person of the county confirms the proposed release or cancellation of a held claim")
    public ResponseEntity<ClaimView> confirmHoldDecision(@PathVariable String claimId,
                                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return decided(claims.confirmHoldDecision(claimId, ifMatch));
    }

    private ResponseEntity<ClaimView> decided(Claim c) {
        return Answers.ok(c, this::view);
    }

    /** The claim with its trainees' confirmations: the 核准 officer sees the lines denied or not confirmed. */
    private ClaimView view(Claim c) {
        return ClaimView.of(c, confirmations.of(c.getLines().stream().map(Claim.Line::enrollmentId).toList()));
    }
}
