package cn.sunshine.accreditation.tender;

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

import java.time.Instant;
import java.util.List;

/** Requests and responses of the tender feature. */
public final class TenderDtos {

    public static final String CODE = "[A-Z][A-Z0-9_]{1,39}";
    public static final String CODE_MESSAGE = "must be an upper-case code such as WELDING";

    private TenderDtos() {
    }

    @Schema(example = """
            {"divisionCode":"420981","year":2026,"title":"应城市农村劳动力转移培训阳光工程培训基地招标公告",
             "conditions":["具有独立法人资格","有固定的培训场所和实习基地","有稳定的就业安置渠道"],
             "procedure":"自愿申报、资格审查、专家评审和实地考察、社会公示、认定",
             "whereToApply":"应城市农业局科教站（阳光办）","requiredMaterials":["LEGAL_PERSON_CERTIFICATE","TEACHER_ROSTER"],
             "majors":[{"majorCode":"WELDING","majorName":"电焊","capacitySought":400}],
             "criteria":[{"code":"TEACHERS","name":"师资力量","weightBp":10000}],"scale":100,"passingScore":60,
             "applicationOpensAt":"2026-06-20T00:00:00Z","applicationClosesAt":"2026-06-23T10:00:00Z"}""")
    public record DraftTenderRequest(
            @NotBlank @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String divisionCode,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @NotBlank @Size(max = 200) String title,
            @NotNull @Size(max = 30) List<@NotBlank @Size(max = 500) String> conditions,
            @Size(max = 2000) String procedure,
            @NotBlank @Size(max = 300) String whereToApply,
            @NotNull @Size(max = 30) List<@NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String> requiredMaterials,
            @NotEmpty @Size(max = 40) List<@Valid @NotNull MajorSought> majors,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull CriterionDto> criteria,
            @Min(1) @Max(1000) Integer scale,
            @NotNull @Min(0) @Max(1000) Integer passingScore,
            @NotNull Instant applicationOpensAt,
            @NotNull Instant applicationClosesAt) {
    }

    public record MajorSought(
            @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String majorCode,
            @NotBlank @Size(max = 50) String majorName,
            @NotNull @Min(1) @Max(100000) Integer capacitySought) {

        TenderMajor toMajor() {
            return new TenderMajor(majorCode, majorName.trim(), capacitySought);
        }

        static MajorSought of(TenderMajor m) {
            return new MajorSought(m.majorCode(), m.majorName(), m.capacitySought());
        }
    }

    public record CriterionDto(
            @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotBlank @Size(max = 50) String name,
            @NotNull @Min(1) @Max(10000) Integer weightBp) {

        Criterion toCriterion() {
            return new Criterion(code, name.trim(), weightBp);
        }

        static CriterionDto of(Criterion c) {
            return new CriterionDto(c.code(), c.name(), c.weightBp());
        }
    }

    public record TenderView(String id, long version, String divisionCode, int year, String title,
                             List<String> conditions, String procedure, String whereToApply,
                             List<String> requiredMaterials, List<MajorSought> majors, List<CriterionDto> criteria,
                             int scale, int passingScore, Instant applicationOpensAt, Instant applicationClosesAt,
                             TenderStatus status, TenderStage stage, String noticeId, DecisionView drafting,
                             DecisionView publication) {

        public static TenderView of(Tender t, TenderStage stage, String noticeId) {
            return new TenderView(t.getId(), t.getVersion(), t.getDivisionCode(), t.getYear(), t.getTitle(),
                    t.getConditions(), t.getProcedure(), t.getWhereToApply(), t.getRequiredMaterials(),
                    t.getMajors().stream().map(MajorSought::of).toList(),
                    t.getCriteria().stream().map(CriterionDto::of).toList(), t.getScale(), t.getPassingScore(),
                    t.getApplicationOpensAt(), t.getApplicationClosesAt(), t.getStatus(), stage, noticeId,
                    DecisionView.of(t.getDrafting()), DecisionView.of(t.getPublication()));
        }
    }

    /** A published tender as the public sees it: everything an institution needs to apply, no account names. */
    public record PublicTenderView(String id, String divisionCode, int year, String title, List<String> conditions,
                                   String procedure, String whereToApply, List<String> requiredMaterials,
                                   List<MajorSought> majors, List<CriterionDto> criteria, int scale,
                                   int passingScore, Instant applicationOpensAt, Instant applicationClosesAt,
                                   TenderStage stage, String noticeId, Instant publishedAt) {

        public static PublicTenderView of(Tender t, TenderStage stage, String noticeId) {
            return new PublicTenderView(t.getId(), t.getDivisionCode(), t.getYear(), t.getTitle(), t.getConditions(),
                    t.getProcedure(), t.getWhereToApply(), t.getRequiredMaterials(),
                    t.getMajors().stream().map(MajorSought::of).toList(),
                    t.getCriteria().stream().map(CriterionDto::of).toList(), t.getScale(), t.getPassingScore(),
                    t.getApplicationOpensAt(), t.getApplicationClosesAt(), stage, noticeId,
                    t.getPublication() == null ? null : t.getPublication().at());
        }
    }
}
