package cn.sunshine.accreditation.agreement;

import cn.sunshine.accreditation.base.BaseDtos.DecisionView;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Requests and responses of the agreement feature. */
public final class AgreementDtos {

    private AgreementDtos() {
    }

    @Schema(example = """
            {"baseId":"…","year":2026,"majors":[{"majorCode":"WELDING","quota":300,"feeFen":60000}],
             "subsidyPaymentMode":"REDUCED_FEE","committedPlacementRateBp":9000}""")
    public record ProposeRequest(@NotBlank @Size(max = 100) String baseId,
                                 @NotNull @Min(2000) @Max(2100) Integer year,
                                 @NotEmpty @Size(max = 40) List<@Valid @NotNull MajorTerms> majors,
                                 @NotNull PaymentMode subsidyPaymentMode,
                                 @NotNull @Min(0) @Max(10000) Integer committedPlacementRateBp) {
    }

    public record AmendRequest(@NotEmpty @Size(max = 40) List<@Valid @NotNull MajorTerms> majors,
                               @NotNull PaymentMode subsidyPaymentMode,
                               @NotNull @Min(0) @Max(10000) Integer committedPlacementRateBp,
                               @NotBlank @Size(max = 1000) String reason) {
    }

    public record MajorTerms(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be an upper-case code such as WELDING") String majorCode,
            @NotNull @Min(1) @Max(100000) Integer quota,
            @NotNull @Min(0) @Max(10_000_000) Long feeFen) {
    }

    public record SignRequest(@NotBlank @Size(max = 50) String signatoryName, @NotBlank @Size(max = 50) String signatoryTitle) {
    }

    public record VersionView(int number, List<AgreementVersion.AgreedMajor> majors, PaymentMode subsidyPaymentMode,
                              int committedPlacementRateBp, AgreementVersion.Status status,
                              DecisionView countySignature, AgreementVersion.Signatory baseSignatory,
                              DecisionView baseSignature, Integer supersedes) {
        static VersionView of(AgreementVersion v) {
            return new VersionView(v.number(), v.majors(), v.subsidyPaymentMode(), v.committedPlacementRateBp(),
                    v.status(), DecisionView.of(v.countySignature()), v.baseSignatory(),
                    DecisionView.of(v.baseSignature()), v.supersedes());
        }
    }

    public record AgreementView(String id, long version, String baseId, String baseName, String divisionCode, int year,
                                Integer effectiveVersion, List<VersionView> versions) {
        static AgreementView of(Agreement a) {
            return new AgreementView(a.getId(), a.getVersion(), a.getBaseId(), a.getBaseName(), a.getDivisionCode(),
                    a.getYear(), a.effective().map(AgreementVersion::number).orElse(null),
                    a.getVersions().stream().map(VersionView::of).toList());
        }
    }
}
