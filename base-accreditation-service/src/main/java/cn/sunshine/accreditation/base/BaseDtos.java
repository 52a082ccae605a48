package cn.sunshine.accreditation.base;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The web adapter's records: requests and responses never expose the document itself. */
public final class BaseDtos {

    private BaseDtos() {
    }

    @Schema(example = """
            {"name":"应城市职业教育中心","creditCode":"12420981MB1234567H","divisionCode":"420981",
             "address":"湖北省应城市城中民营经济园","validFrom":"2026-07-01","validUntil":"2027-06-30",
             "majors":[{"majorCode":"WELDING","majorName":"电焊","annualCapacity":300,"feeStandardFen":60000}]}""")
    public record AccreditBaseRequest(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Pattern(regexp = "[0-9A-Z]{18}", message = "must be 18 digits or capital letters") String creditCode,
            @NotBlank @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String divisionCode,
            @NotBlank @Size(max = 200) String address,
            @NotEmpty @Size(max = 30) List<@Valid @NotNull MajorDto> majors,
            @NotNull LocalDate validFrom,
            @NotNull LocalDate validUntil) {
    }

    public record MajorDto(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be an upper-case code such as WELDING") String majorCode,
            @NotBlank @Size(max = 50) String majorName,
            @NotNull @Min(1) @Max(100000) Integer annualCapacity,
            @NotNull @Min(0) @Max(10_000_000) Long feeStandardFen) {

        Major toMajor() {
            return new Major(majorCode, majorName, annualCapacity, feeStandardFen);
        }

        public static MajorDto of(Major m) {
            return new MajorDto(m.majorCode(), m.majorName(), m.annualCapacity(), m.feeStandardFen());
        }
    }

    public record RevokeRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record DecisionView(String by, Instant at, String reason) {
        public static DecisionView of(Decision d) {
            return d == null ? null : new DecisionView(d.by(), d.at(), d.reason());
        }
    }

    public record BaseView(String id, long version, String name, String creditCode, String divisionCode, String address,
                           List<MajorDto> majors, LocalDate validFrom, LocalDate validUntil, BaseStatus status,
                           DecisionView accreditation, DecisionView revocation, Origin origin, List<String> conditions,
                           List<TermView> terms) {
        public static BaseView of(Base b) {
            return new BaseView(b.getId(), b.getVersion(), b.getName(), b.getCreditCode(), b.getDivisionCode(),
                    b.getAddress(), b.getMajors().stream().map(MajorDto::of).toList(), b.getValidFrom(),
                    b.getValidUntil(), b.getStatus(), DecisionView.of(b.getAccreditation()),
                    DecisionView.of(b.getRevocation()), b.getOrigin(), b.getConditions(),
                    b.getTerms().stream().map(TermView::of).toList());
        }
    }

    /** One term of accreditation in the base's history. */
    public record TermView(List<MajorDto> majors, LocalDate validFrom, LocalDate validUntil, Origin origin,
                           DecisionView decision, List<String> conditions) {
        static TermView of(Term t) {
            return new TermView(t.majors().stream().map(MajorDto::of).toList(), t.validFrom(), t.validUntil(),
                    t.origin(), DecisionView.of(t.decision()), t.conditions());
        }
    }

    /** What the public sees of an accredited base (五公开: training posts and fee standards). */
    public record PublicBaseProfile(String id, String name, String divisionCode, String address, List<MajorDto> majors,
                                    LocalDate validFrom, LocalDate validUntil, BaseStatus status,
                                    Origin.Kind accreditedThrough, List<String> conditions) {
        static PublicBaseProfile of(Base b) {
            return new PublicBaseProfile(b.getId(), b.getName(), b.getDivisionCode(), b.getAddress(),
                    b.getMajors().stream().map(MajorDto::of).toList(), b.getValidFrom(), b.getValidUntil(), b.getStatus(),
                    b.getOrigin().kind(), b.getConditions());
        }
    }
}
