package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.klass.ClassPlace;
import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.enrollment.klass.TrainingForm;
import cn.sunshine.enrollment.support.EnrollmentProperties;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.identifiers.ResidentIdNumber;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trainee's lifecycle and the program's rules for a person, without Spring. */
class EnrollmentRulesTest {

    static final Instant NOW = Instant.parse("2026-07-06T01:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 7, 6);
    final TraineeRules rules = new TraineeRules(new EnrollmentProperties(16, 60, "42", 60, "x".repeat(32), 8000));

    static String id(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    static EnrollmentDtos.TraineeRequest request(String idNumber, Gender gender, String household, boolean rural, String phone) {
        return new EnrollmentDtos.TraineeRequest("张伟", gender, idNumber, household, "杨河镇", "三合村", rural, phone,
                Education.JUNIOR_SECONDARY, SubsidyTier.TIER_2, 20_000L);
    }

    Enrollment enrolled() {
        TrainingClass c = TrainingClass.report("c-1", "b-1", "应城市职业教育中心", "420981", "WELDING", "电焊", TODAY,
                LocalDate.of(2026, 8, 14), new ClassPlace("杨河镇", "三合村", "村委会", true), TrainingForm.REDUCED_FEE,
                null, 60, 60_000, TODAY, "base-staff-b-1", NOW);
        TraineeRules.Checked ok = rules.check(request(id("42098119900315231"), Gender.MALE, "420981", true, "13871234567"), TODAY);
        assertThat(ok.ok()).as(ok.all().toString()).isTrue();
        return Enrollment.enroll("e-1", c, ok.trainee(), "key", SubsidyTier.TIER_2, 20_000, "base-staff-b-1", NOW);
    }

    @Test
    void thePersonMustBeOfAgeFromTheProvinceRuralAndReachable() {
        assertThat(rules.check(request(id("42098120150101001"), Gender.MALE, "420981", true, "13871234567"), TODAY)
                .ineligible()).extracting(DomainException.FieldError::field).containsExactly("idNumber");
        assertThat(rules.check(request(id("42098119900315231"), Gender.FEMALE, "430102", false, "0712123"), TODAY).all())
                .extracting(DomainException.FieldError::field)
                .containsExactlyInAnyOrder("gender", "phone", "householdDivision", "ruralHousehold");
        TraineeRules.Checked badCheck = rules.check(request("42098119900315231" + "0", Gender.MALE, "420981", true,
                "13871234567"), TODAY);
        assertThat(badCheck.malformed()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("check character").doesNotContain("420981199003152310"));
        assertThat(rules.check(request(id("42098119900230231"), Gender.MALE, "420981", true, "13871234567"), TODAY)
                .malformed().get(0).message()).contains("not a real date");
    }

    @Test
    void aTraineeIsVerifiedAssessedAndCompletesEachStepAnEvent() {
        Enrollment e = enrolled();
        assertThat(e.pendingEvents()).extracting(p -> p.type().name()).containsExactly(EventTypes.TRAINEE_ENROLLED.name());
        assertThatThrownBy(() -> e.assess(80, 80, 60, "s", NOW)).isInstanceOf(DomainException.class)
                .hasMessageContaining("roster");
        e.checkAgainstRoster(true, null, "county-officer-420981", NOW);
        e.assess(50, 90, 60, "s", NOW);
        assertThatThrownBy(() -> e.complete("C-1", null, null, "s", NOW)).hasMessageContaining("theory exam");
        e.assess(70, 90, 60, "s", NOW);
        e.complete("C-1", null, null, "s", NOW);
        assertThat(e.getStatus()).isEqualTo(EnrollmentStatus.COMPLETED);
        assertThat(e.getAssessments()).hasSize(2);
        assertThatThrownBy(() -> e.withdraw("late", "s", NOW)).isInstanceOf(DomainException.class)
                .satisfies(x -> assertThat(((DomainException) x).status()).isEqualTo(409));
        assertThat(e.pendingEvents()).extracting(p -> p.type().name()).containsExactly("enrollment.trainee.enrolled.v1",
                "enrollment.trainee.assessed.v1", "enrollment.trainee.assessed.v1", "enrollment.trainee.completed.v1");
    }

    @Test
    void aRejectedIdentityIsWithdrawnNotAssessedOrDropped() {
        Enrollment e = enrolled();
        assertThatThrownBy(() -> e.checkAgainstRoster(false, " ", "o", NOW)).hasMessageContaining("reason");
        e.checkAgainstRoster(false, "冒名顶替", "o", NOW);
        assertThatThrownBy(() -> e.assess(90, 90, 60, "s", NOW)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> e.drop("x", "s", NOW)).isInstanceOf(DomainException.class);
        e.withdraw("身份核定未通过", "s", NOW);
        assertThat(e.getStatus()).isEqualTo(EnrollmentStatus.WITHDRAWN);
        assertThatThrownBy(() -> e.withdraw("again", "s", NOW)).isInstanceOf(DomainException.class);
    }
}
