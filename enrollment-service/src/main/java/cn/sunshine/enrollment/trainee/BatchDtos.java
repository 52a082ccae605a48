package cn.sunshine.enrollment.trainee;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Requests and responses of the class-level batches: each entry names an enrollment of the class
 * and carries the same fields as the single trainee's request, validated by that request's rules.
 */
public final class BatchDtos {

    /** The most entries one batch may hold. */
    public static final int MAX_ENTRIES = 500;

    private BatchDtos() {
    }

    /** An entry of a batch: the enrollment it is about and the single trainee's request it stands for. */
    interface Entry<R> {
        String enrollmentId();

        R request();
    }

    public record RosterCheckEntry(String enrollmentId, Enrollment.RosterCheck outcome, String reason)
            implements Entry<EnrollmentDtos.RosterCheckRequest> {
        @Override
        public EnrollmentDtos.RosterCheckRequest request() {
            return new EnrollmentDtos.RosterCheckRequest(outcome, reason);
        }
    }

    public record AssessmentEntry(String enrollmentId, Integer theoryScore, Integer practicalScore)
            implements Entry<EnrollmentDtos.AssessmentRequest> {
        @Override
        public EnrollmentDtos.AssessmentRequest request() {
            return new EnrollmentDtos.AssessmentRequest(theoryScore, practicalScore);
        }
    }

    public record CompletionEntry(String enrollmentId, String certificateNumber, String skillCertificateNumber,
                                  String skillLevel) implements Entry<EnrollmentDtos.CompletionRequest> {
        @Override
        public EnrollmentDtos.CompletionRequest request() {
            return new EnrollmentDtos.CompletionRequest(certificateNumber, skillCertificateNumber, skillLevel);
        }
    }

    @Schema(example = """
            {"checks":[{"enrollmentId":"0b6f5e0e-3f0c-4a53-9a39-8d2f3c1e7a10","outcome":"VERIFIED"},
             {"enrollmentId":"5d1c2a44-7e0b-4a4e-a1f3-2b9e6c0d4f21","outcome":"REJECTED","reason":"本人未到场"}]}""")
    public record RosterChecksRequest(
            @NotNull @Size(min = 1, max = MAX_ENTRIES, message = "must hold {min} to {max} entries")
            List<RosterCheckEntry> checks) {
    }

    @Schema(example = """
            {"assessments":[{"enrollmentId":"0b6f5e0e-3f0c-4a53-9a39-8d2f3c1e7a10","theoryScore":82,"practicalScore":90}]}""")
    public record AssessmentsRequest(
            @NotNull @Size(min = 1, max = MAX_ENTRIES, message = "must hold {min} to {max} entries")
            List<AssessmentEntry> assessments) {
    }

    @Schema(example = """
            {"completions":[{"enrollmentId":"0b6f5e0e-3f0c-4a53-9a39-8d2f3c1e7a10","certificateNumber":"YC2026-WELD-0001",
             "skillCertificateNumber":"1142000000123","skillLevel":"初级"}]}""")
    public record CompletionsRequest(
            @NotNull @Size(min = 1, max = MAX_ENTRIES, message = "must hold {min} to {max} entries")
            List<CompletionEntry> completions) {
    }

    /** A batch done: entries applied now, entries found already done (a repeated batch), every entry's enrollment. */
    public record BatchView(int applied, int alreadyDone, List<String> enrollmentIds) {
    }
}
