package cn.sunshine.accreditation.notice;

import cn.sunshine.accreditation.base.BaseDtos.DecisionView;
import cn.sunshine.accreditation.base.BaseDtos.MajorDto;
import cn.sunshine.accreditation.review.ReviewDtos;
import cn.sunshine.platform.identifiers.PersonalData;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Requests and responses of the public notice feature. */
public final class NoticeDtos {

    private NoticeDtos() {
    }

    public record PublishNoticeRequest(@NotNull @Min(1) @Max(200) Integer basesToAccredit,
                                       @Min(1) @Max(30) Integer days) {
    }

    @Schema(example = """
            {"name":"张先生","phone":"13971234567","applicationId":"…",
             "statement":"该校实训车间为租用，租期仅剩三个月，与申报材料不符"}""")
    public record ObjectionRequest(
            @NotBlank @Size(max = 50) String name,
            @NotBlank @Pattern(regexp = "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}", message = "must be a mobile number or a landline with area code") String phone,
            @Email @Size(max = 100) String email,
            @Size(max = 100) String applicationId,
            @NotBlank @Size(max = 4000) String statement) {
    }

    @Schema(example = """
            {"code":"204816"}""")
    public record ConfirmationRequest(@NotBlank @Pattern(regexp = "\\s*\\d{6}\\s*", message = "must be the 6-digit code sent by SMS") String code) {
    }

    public record ObjectionDecisionRequest(@NotNull Objection.Outcome outcome, @NotBlank @Size(max = 2000) String reasons,
                                  @Valid ConsequenceDto consequence) {
    }

    public record ConsequenceDto(@NotNull Objection.ConsequenceType type, @NotBlank String applicationId,
                                 @Size(max = 40) List<@NotBlank String> majorCodes) {
        Objection.Consequence toConsequence() {
            return new Objection.Consequence(type, applicationId, majorCodes == null ? List.of() : List.copyOf(majorCodes));
        }
    }

    public record NoticeEntryView(String applicationId, int rank, String institutionName, String creditCode,
                            String institutionDivision, List<MajorDto> majors, NoticeEntry.Status status,
                            List<String> changedByObjections, List<String> removedMajors, String baseId) {
        static NoticeEntryView of(NoticeEntry e) {
            return new NoticeEntryView(e.applicationId(), e.rank(), e.institutionName(), e.creditCode(),
                    e.institutionDivision(), e.majors().stream().map(MajorDto::of).toList(), e.status(),
                    e.changedByObjections(), e.removedMajors(), e.baseId());
        }
    }

    public record RulingView(Objection.Outcome outcome, Objection.Consequence consequence, DecisionView decision) {
        static RulingView of(Objection.Ruling r) {
            return r == null ? null : new RulingView(r.outcome(), r.consequence(), DecisionView.of(r.decision()));
        }
    }

    /** An objection as the office sees it: the filer's contact whole, to reply. */
    public record ObjectionView(String id, Instant filedAt, Objection.ObjectorContact contact, String applicationId,
                                String statement, RulingView ruling) {
        static ObjectionView of(Objection o) {
            return new ObjectionView(o.id(), o.filedAt(), o.contact(), o.applicationId(), o.statement(),
                    RulingView.of(o.ruling()));
        }
    }

    /** An objection as the public sees it: no contact, no statement (it may name people); what was decided and why. */
    public record PublicObjectionView(String id, Instant filedAt, String applicationId, RulingView ruling) {
        static PublicObjectionView of(Objection o) {
            return new PublicObjectionView(o.id(), o.filedAt(), o.applicationId(), RulingView.of(o.ruling()));
        }
    }

    /** What the filer gets back: the objection's id, and their phone masked. */
    public record FiledObjectionView(String id, String noticeId, Instant filedAt, String name, String phone,
                                     LocalDate periodLastDay) {
        static FiledObjectionView of(PublicNotice n, Objection o) {
            return new FiledObjectionView(o.id(), n.getId(), o.filedAt(), o.contact().name(),
                    PersonalData.maskPhone(o.contact().phone()), n.getLastDay());
        }
    }

    public record NoticeView(String id, long version, String tenderId, String divisionCode, int year, String title,
                             int basesRequested, int days, LocalDate firstDay, LocalDate lastDay, Instant startsAt,
                             Instant endsAt, boolean open, NoticeStatus status, List<NoticeEntryView> entries,
                             ReviewDtos.RankingView ranking, List<ObjectionView> objections,
                             DecisionView publication, DecisionView finalisation) {
        static NoticeView of(PublicNotice n, Instant now) {
            return new NoticeView(n.getId(), n.getVersion(), n.getTenderId(), n.getDivisionCode(), n.getYear(),
                    n.getTitle(), n.getBasesRequested(), n.getDays(), n.getFirstDay(), n.getLastDay(), n.getStartsAt(),
                    n.getEndsAt(), n.isOpenAt(now), n.getStatus(), n.getEntries().stream().map(NoticeEntryView::of).toList(),
                    rankingOf(n, true), n.getObjections().stream().map(ObjectionView::of).toList(),
                    DecisionView.of(n.getPublication()), DecisionView.of(n.getFinalisation()));
        }
    }

    public record PublicNoticeView(String id, String tenderId, String divisionCode, int year, String title,
                                   LocalDate firstDay, LocalDate lastDay, Instant endsAt, boolean open,
                                   NoticeStatus status, List<NoticeEntryView> entries, ReviewDtos.RankingView ranking,
                                   List<PublicObjectionView> objections, Instant publishedAt, Instant finalisedAt) {
        static PublicNoticeView of(PublicNotice n, Instant now) {
            return new PublicNoticeView(n.getId(), n.getTenderId(), n.getDivisionCode(), n.getYear(), n.getTitle(),
                    n.getFirstDay(), n.getLastDay(), n.getEndsAt(), n.isOpenAt(now), n.getStatus(),
                    n.getEntries().stream().map(NoticeEntryView::of).toList(), rankingOf(n, false),
                    n.getObjections().stream().map(PublicObjectionView::of).toList(), n.getPublication().at(),
                    n.getFinalisation() == null ? null : n.getFinalisation().at());
        }
    }

    static ReviewDtos.RankingView rankingOf(PublicNotice n, boolean withSheets) {
        return new ReviewDtos.RankingView(n.getTenderId(), n.getScale(), n.getPassingScore(), n.getReviewers(), true, List.of(),
                n.getRanking().stream().map(e -> ReviewDtos.RankingEntryView.of(e, withSheets)).toList());
    }
}
