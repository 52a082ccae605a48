package cn.sunshine.accreditation.complaint;

import cn.sunshine.accreditation.base.Decision;
import cn.sunshine.platform.identifiers.PersonalData;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Requests and views of complaints (监督举报). */
public final class ComplaintDtos {

    private ComplaintDtos() {
    }

    /** The complainant's contact: a name and a mobile or landline number. */
    public record ComplainantDto(@NotBlank @Size(max = 50) String name,
                             @NotBlank @Pattern(regexp = "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}",
                                     message = "must be a mobile number or a landline with area code") String phone) {
    }

    /** What the complaint is about: {@code BASE} names {@code baseId}, {@code CLASS} names {@code classId}. */
    public record SubjectDto(@NotNull Complaint.SubjectType type, @Size(max = 100) String baseId,
                             @Size(max = 100) String classId, @Size(max = 500) String description) {
    }

    /**
     * A complaint, from the web form (anyone, no token) or taken on the hotline by a county officer. Without a
     * {@code complainant} it is anonymous.
     */
    public record ComplaintRequest(
            @NotBlank @Pattern(regexp = "\\d{4}(?!00)\\d{2}", message = "must be a 6-digit county code") String divisionCode,
            @Valid ComplainantDto complainant,
            @NotNull @Valid SubjectDto subject,
            @NotBlank @Size(max = 4000) String statement) {
    }

    /** The handling officer: a county officer's token subject (the caller when absent). */
    public record AssignmentRequest(@Size(max = 100) String handler, @Size(max = 50) String handlerName) {
    }

    /** A note on a step (optional). */
    public record NoteRequest(@Size(max = 2000) String note) {
    }

    public record AnswerRequest(@NotNull Boolean substantiated,
                                @Size(max = 20) List<@NotBlank @Size(max = 500) String> findings,
                                @NotBlank @Size(max = 4000) String reply) {
    }

    /**
     * What a web complainant is told. {@code RECEIVED}: the complaint's id, its receipt and due day (anonymous, or
     * confirmed). {@code AWAITING_CONFIRMATION}: where to confirm with the code sent to the phone, until when.
     */
    public record PublicFiling(
            @Schema(allowableValues = {"RECEIVED", "AWAITING_CONFIRMATION"}) String status,
            String complaintId, Instant receivedAt, LocalDate answerDue, boolean anonymous,
            String confirmationId, String phone, Instant expiresAt, String simulatedCode) {

        static PublicFiling received(Complaint c) {
            return new PublicFiling("RECEIVED", c.getId(), c.getReceivedAt(), LocalDate.parse(c.getAnswerDue()),
                    c.getContact() == null, null,
                    c.getContact() == null ? null : PersonalData.maskPhone(c.getContact().phone()), null, null);
        }

        static PublicFiling awaiting(String confirmationId, String phone, Instant expiresAt, String simulatedCode) {
            return new PublicFiling("AWAITING_CONFIRMATION", null, null, null, false, confirmationId,
                    PersonalData.maskPhone(phone), expiresAt, simulatedCode);
        }
    }

    /** The contact as the reader may see it: whole for the handling officer, masked for everyone else. */
    public record ContactView(String name, String phone, boolean masked) {
    }

    public record SubjectView(Complaint.SubjectType type, String baseId, String classId, String description) {
    }

    public record AnswerView(boolean substantiated, List<String> findings, String reply, boolean onTime,
                             Decision decision) {
    }

    public record ComplaintView(String id, String divisionCode, int year, Complaint.Channel channel, boolean anonymous,
                                ContactView complainant, SubjectView subject, String statement,
                                Complaint.Status status, Instant receivedAt, String receivedBy, LocalDate answerDue,
                                @Schema(description = "due day of the current step; null once answered") LocalDate dueDate,
                                boolean overdue, String handler, String handlerName, Decision assignment,
                                Decision investigation, AnswerView answer, Decision closure, long version) {

        /** The complaint as {@code reader} sees it on {@code today}: the contact whole only for its handling officer. */
        static ComplaintView of(Complaint c, String reader, LocalDate today) {
            Complaint.Contact contact = c.getContact();
            ContactView shown = contact == null ? null : c.handledBy(reader)
                    ? new ContactView(contact.name(), contact.phone(), false)
                    : new ContactView(maskName(contact.name()), PersonalData.maskPhone(contact.phone()), true);
            Complaint.Subject s = c.getSubject();
            Complaint.Answer a = c.getAnswer();
            return new ComplaintView(c.getId(), c.getDivisionCode(), c.getYear(), c.getChannel(), contact == null, shown,
                    new SubjectView(s.type(), s.baseId(), s.classId(), s.description()), c.getStatement(),
                    c.getStatus(), c.getReceivedAt(), c.getReceivedBy(), LocalDate.parse(c.getAnswerDue()),
                    c.getDueDate() == null ? null : LocalDate.parse(c.getDueDate()), c.overdueOn(today),
                    c.getHandler(), c.getHandlerName(), c.getAssignment(), c.getInvestigation(),
                    a == null ? null : new AnswerView(a.substantiated(), a.findings(), a.reply(), a.onTime(), a.decision()),
                    c.getClosure(), c.getVersion() == null ? 0 : c.getVersion());
        }
    }

    /** A name masked to its first character (张** for 张三丰). */
    static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /** A county's complaints of a year, as the public sees them. */
    public record CountyStatistics(String divisionCode, long received, long answered, long answeredOnTime,
                                   long substantiated, long overdue) {
    }

    public record Statistics(int year, List<CountyStatistics> counties) {
    }
}
