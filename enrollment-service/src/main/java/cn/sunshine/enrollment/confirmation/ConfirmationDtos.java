package cn.sunshine.enrollment.confirmation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What the officer's request and the trainee's public page send and get. */
public final class ConfirmationDtos {

    private ConfirmationDtos() {
    }

    /** The county officer's request for a class: every trainee who completed and has not answered gets a code. */
    public record ConfirmationRequestView(String classId, int asked, int sent, int answered, List<SimulatedCode> simulatedCodes) {
    }

    /** The code sent to one trainee, in the answer only where the SMS gateway is simulated ({@code echo-code}). */
    public record SimulatedCode(String enrollmentId, String maskedPhone, String code) {
    }

    /**
     * Who the trainee is (their phone, or the last six characters of their ID number) and the code sent to them.
     * Exactly one of {@code phone} and {@code idNumberTail}.
     */
    public record ConfirmationLookupRequest(@Pattern(regexp = "1[3-9]\\d{9}", message = "must be an 11-digit mobile number") String phone,
                                @Pattern(regexp = "\\d{5}[\\dXx]", message = "must be the last 6 characters of the ID number") String idNumberTail,
                                @NotBlank @Pattern(regexp = "\\s*\\d{6}\\s*", message = "must be the 6-digit code") String code) {
    }

    /** The answers, with who and the code. {@code subsidyReceived}: YES, NO or NOT_APPLICABLE. */
    public record ConfirmationAnswerRequest(@Pattern(regexp = "1[3-9]\\d{9}", message = "must be an 11-digit mobile number") String phone,
                                @Pattern(regexp = "\\d{5}[\\dXx]", message = "must be the last 6 characters of the ID number") String idNumberTail,
                                @NotBlank @Pattern(regexp = "\\s*\\d{6}\\s*", message = "must be the 6-digit code") String code,
                                @NotNull Boolean attended, @NotNull Boolean completed,
                                @Size(max = 100) String employer,
                                @NotNull @Pattern(regexp = "YES|NO|NOT_APPLICABLE") String subsidyReceived) {
    }

    /**
     * What the trainee sees: the class and base, the statements the base's claim makes (fee and subsidy in fen), and
     * their answers once given. No personal data beyond the name masked.
     */
    public record ConfirmationView(String confirmationId, String status, String traineeName, String baseName,
                                   String majorName, String plannedStart, String plannedEnd, String trainingForm,
                                   long feeFen, long subsidyFen, String codeExpiresAt, ConfirmationAnswers answers) {

        static ConfirmationView of(TraineeConfirmation c) {
            TraineeConfirmation.Answers a = c.getAnswers();
            return new ConfirmationView(c.getId(), c.getStatus().name(), c.getMaskedName(), c.getBaseName(),
                    c.getMajorName(), str(c.getPlannedStart()), str(c.getPlannedEnd()), c.getTrainingForm(),
                    c.getFeeFen(), c.getSubsidyFen(), c.answered() ? null : str(c.getCodeExpiresAt()),
                    a == null ? null : new ConfirmationAnswers(a.attended(), a.completed(), a.employer(), a.subsidyReceived().name(),
                            a.denied().stream().map(Enum::name).toList(), a.answeredAt().toString()));
        }

        private static String str(Object o) {
            return o == null ? null : o.toString();
        }
    }

    public record ConfirmationAnswers(boolean attended, boolean completed, String employer, String subsidyReceived,
                          List<String> denied, String answeredAt) {
    }

    /** The officer's view of a class's confirmations: per trainee the status and the statements denied. */
    public record ClassConfirmations(String classId, int asked, int confirmed, int denied, int awaiting,
                                     List<ConfirmationLine> lines) {
    }

    public record ConfirmationLine(String enrollmentId, String traineeName, String status, List<String> denied, String answeredAt,
                       int codesSent) {
    }
}
