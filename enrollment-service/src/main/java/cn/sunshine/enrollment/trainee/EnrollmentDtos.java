package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.support.Access;
import cn.sunshine.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/**
 * Requests and responses of the trainee feature, the class-level batches' included. Personal data only in bodies,
 * masked unless the caller may see it whole.
 */
public final class EnrollmentDtos {

    private EnrollmentDtos() {
    }

    @Schema(example = """
            {"name":"张伟","gender":"MALE","idNumber":"420981199003152314","householdDivision":"420981",
             "town":"杨河镇","village":"三合村","ruralHousehold":true,"phone":"13871234567",
             "education":"JUNIOR_SECONDARY","subsidyTier":"TIER_2","subsidyFen":20000}""")
    public record TraineeRequest(@NotBlank @Size(max = 50) String name,
                                 @NotNull Gender gender,
                                 @NotBlank @Size(max = 18) String idNumber,
                                 @NotBlank @Pattern(regexp = "\\d{6}", message = "must be a 6-digit division code") String householdDivision,
                                 @NotBlank @Size(max = 50) String town,
                                 @NotBlank @Size(max = 50) String village,
                                 @NotNull Boolean ruralHousehold,
                                 @NotBlank @Size(max = 11) String phone,
                                 @NotNull Education education,
                                 @NotNull SubsidyTier subsidyTier,
                                 @NotNull @Min(0) @Max(10_000_000) Long subsidyFen) {
        @Override
        public String toString() {
            return "TraineeRequest[" + name + "]";
        }
    }

    public record RosterCheckRequest(@NotNull Enrollment.RosterCheck outcome, @Size(max = 1000) String reason) {
    }

    public record ReasonRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    public record AssessmentRequest(@NotNull @Min(0) @Max(100) Integer theoryScore,
                                    @NotNull @Min(0) @Max(100) Integer practicalScore) {
    }

    public record CompletionRequest(@NotBlank @Size(max = 50) String certificateNumber,
                                    @Size(max = 50) String skillCertificateNumber,
                                    @Size(max = 20) String skillLevel) {
    }

    /**
     * The trainee as the caller may see them ({@link cn.sunshine.platform.identifiers.Disclosure}): with a
     * masked ID number the birth date and the age are absent (null), and the town and village too unless
     * the caller is the trainee's own base.
     */
    public record TraineeView(String name, Gender gender, String idNumber, LocalDate birthDate, Integer ageAtEnrollment,
                              String householdDivision, String town, String village, boolean ruralHousehold,
                              String phone, Education education) {
    }

    public record EnrollmentView(String id, long version, String classId, String baseId, String baseName,
                                 String divisionCode, String majorCode, String majorName, int year, String trainingForm,
                                 TraineeView trainee, boolean personalDataMasked, long feeFen, SubsidyTier subsidyTier,
                                 long subsidyFen, EnrollmentStatus status, Enrollment.Decision enrolled,
                                 Enrollment.RosterCheck rosterCheck, Enrollment.Decision rosterDecision,
                                 Enrollment.Decision left, List<Enrollment.Assessment> assessments,
                                 Enrollment.Completion completion, Enrollment.Employer employer) {

        /** The ID number and phone whole for a county officer of the trainee's county, masked for everyone else. */
        public static EnrollmentView of(Enrollment e, CurrentUser viewer) {
            return of(e, Access.disclosure(viewer, e.getDivisionCode(), e.getBaseId()));
        }

        public static EnrollmentView of(Enrollment e, cn.sunshine.platform.identifiers.Disclosure d) {
            boolean whole = d.whole();
            Trainee t = e.getTrainee();
            TraineeView tv = new TraineeView(t.name(), t.gender(), d.idNumber(t.idNumber()), d.birthDate(t.birthDate()),
                    d.age(t.ageAtEnrollment()), t.householdDivision(), d.address(t.town()), d.address(t.village()),
                    t.ruralHousehold(), d.phone(t.phone()), t.education());
            return new EnrollmentView(e.getId(), e.getVersion(), e.getClassId(), e.getBaseId(), e.getBaseName(),
                    e.getDivisionCode(), e.getMajorCode(), e.getMajorName(), e.getYear(), e.getTrainingForm(), tv, !whole,
                    e.getFeeFen(), e.getSubsidyTier(), e.getSubsidyFen(), e.getStatus(), e.getEnrolled(),
                    e.getRosterCheck(), e.getRosterDecision(), e.getLeft(), e.getAssessments(), e.getCompletion(),
                    e.getEmployer() == null || whole ? e.getEmployer() : e.getEmployer().masked());
        }
    }

    // The class-level batches: each entry names an enrollment of the class and carries the same fields as the
    // single trainee's request, validated by that request's rules.

    /** The most entries one batch may hold. */
    public static final int MAX_ENTRIES = 500;

    /** An entry of a batch: the enrollment it is about and the single trainee's request it stands for. */
    interface Entry<R> {
        String enrollmentId();

        R request();
    }

    public record RosterCheckEntry(String enrollmentId, Enrollment.RosterCheck outcome, String reason)
            implements Entry<RosterCheckRequest> {
        @Override
        public RosterCheckRequest request() {
            return new RosterCheckRequest(outcome, reason);
        }
    }

    public record AssessmentEntry(String enrollmentId, Integer theoryScore, Integer practicalScore)
            implements Entry<AssessmentRequest> {
        @Override
        public AssessmentRequest request() {
            return new AssessmentRequest(theoryScore, practicalScore);
        }
    }

    public record CompletionEntry(String enrollmentId, String certificateNumber, String skillCertificateNumber,
                                  String skillLevel) implements Entry<CompletionRequest> {
        @Override
        public CompletionRequest request() {
            return new CompletionRequest(certificateNumber, skillCertificateNumber, skillLevel);
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

    /** A bad entry of a batch: {@code row} counts the entries from 1. */
    public record BatchRowError(int row, String enrollmentId, String field, String message) {
    }

    /** A batch done: entries applied now, entries found already done (a repeated batch), every entry's enrollment. */
    public record BatchView(int applied, int alreadyDone, List<String> enrollmentIds) {
    }
}
