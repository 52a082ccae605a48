package cn.sunshine.subsidy.voucher;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.PublicEndpoint;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Vouchers", description = "Numbered vouchers (代金券): issued at the class opening, redeemed by the base")
public class VoucherController {

    public record RedeemRequest(@NotBlank @Size(max = 40) String serial, @NotBlank @Size(max = 16) String code,
                                @NotBlank String enrollmentId) {
    }

    /** A class's vouchers as its trainees hand them in: 1 to 500 entries, each voucher once. */
    public record ClassRedemptionsRequest(@jakarta.validation.constraints.NotNull @Size(min = 1, max = 500)
                                          List<Vouchers.Redemption> redemptions) {
    }

    /** What a class's redemptions did: how many now, how many were already redeemed, the serials in the order sent. */
    public record ClassRedemptionView(int redeemed, int alreadyDone, List<String> serials) {
    }

    public record VerifyRequest(@NotBlank @Size(max = 40) String serial, @NotBlank @Size(max = 16) String code) {
    }

    public record VoidRequest(@NotBlank @Size(max = 40) String serial, @NotBlank @Size(max = 500) String reason) {
    }

    public record VoucherView(String serial, String enrollmentId, String classId, String baseId, String divisionCode,
                              int year, String majorCode, String tier, long amountFen, String traineeName,
                              String maskedIdNumber, String status, String issuedAt, String issuedBy,
                              String redeemedAt, String redeemedBy, String claimId, String code) {
        static VoucherView of(Voucher v, String code) {
            return new VoucherView(v.getSerial(), v.getEnrollmentId(), v.getClassId(), v.getBaseId(),
                    v.getDivisionCode(), v.getYear(), v.getMajorCode(), v.getTier(), v.getAmountFen(),
                    v.getTraineeName(), v.getMaskedIdNumber(), v.getStatus().name(), str(v.getIssuedAt()),
                    v.getIssuedBy(), str(v.getRedeemedAt()), v.getRedeemedBy(), v.getClaimId(), code);
        }
    }

    /** The public answer: whether the voucher is genuine, its state and amount; nothing about the person. */
    public record Verification(boolean genuine, String status, Long amountFen, Integer year) {
    }

    private final Vouchers vouchers;

    public VoucherController(Vouchers vouchers) {
        this.vouchers = vouchers;
    }

    @PostMapping("/api/subsidy/classes/{classId}/vouchers")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Issue the vouchers of a class at its opening: one per verified trainee, with its code")
    public List<VoucherView> issue(@PathVariable String classId) {
        return vouchers.issueForClass(classId).stream().map(p -> VoucherView.of(p.voucher(), p.code())).toList();
    }

    @GetMapping("/api/subsidy/classes/{classId}/vouchers")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "The vouchers of a class (without their codes)")
    public List<VoucherView> ofClass(@PathVariable String classId) {
        return vouchers.ofClass(classId).stream().map(v -> VoucherView.of(v, null)).toList();
    }

    @PostMapping("/api/subsidy/vouchers/redemption")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Redeem a voucher the trainee presented (serial and code), for their enrollment; once")
    public VoucherView redeem(@Valid @RequestBody RedeemRequest r) {
        return VoucherView.of(vouchers.redeem(r.serial().trim(), r.code(), r.enrollmentId()), null);
    }

    @PostMapping("/api/subsidy/classes/{classId}/voucher-redemptions")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Redeem the vouchers a class's trainees handed in, in one request (收券): each by the single "
            + "redemption's rules; any bad row (listed) changes nothing; repeatable")
    public org.springframework.http.ResponseEntity<?> redeemForClass(@PathVariable String classId,
                                                                     @Valid @RequestBody ClassRedemptionsRequest r) {
        Vouchers.ClassRedemption result = vouchers.redeemForClass(classId, r.redemptions());
        if (!result.errors().isEmpty()) {
            return cn.sunshine.platform.web.BadRows.batch(result.errors());
        }
        return org.springframework.http.ResponseEntity.ok(new ClassRedemptionView(result.redeemed().size(),
                result.alreadyDone().size(), result.serials()));
    }

    @PostMapping("/api/subsidy/vouchers/voiding")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Void a voucher not in a claim (the trainee left, a wrong issue), with the reason")
    public VoucherView voidVoucher(@Valid @RequestBody VoidRequest r) {
        return VoucherView.of(vouchers.voidVoucher(r.serial().trim(), r.reason().trim()), null);
    }

    @PostMapping("/api/public/subsidy/vouchers/verification")
    @PublicEndpoint
    @Operation(summary = "Check a voucher's serial and code (in the body, never in a URL)")
    public Verification verify(@Valid @RequestBody VerifyRequest r) {
        Voucher v = vouchers.verify(r.serial().trim(), r.code());
        return v == null ? new Verification(false, null, null, null)
                : new Verification(true, v.getStatus().name(), v.getAmountFen(), v.getYear());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
