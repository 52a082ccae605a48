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

/** Requests and responses of the trainee feature. Personal data only in bodies, masked unless the caller may see it whole. */
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
}
