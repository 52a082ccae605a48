package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.support.EnrollmentProperties;
import cn.sunshine.platform.domain.DomainException.FieldError;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.ResidentIdNumber;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The program's rules for a trainee, shared by single enrollment and the roster import: the ID
 * number's form, birth date and check character; gender as the number says; age in the program's
 * range; a rural household inside the province; an 11-digit mobile. Messages never repeat the number.
 */
@org.springframework.stereotype.Component
public final class TraineeRules {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    /** What was found: malformed fields (400), fields against the program's rules (422), or the trainee. */
    public record Checked(List<FieldError> malformed, List<FieldError> ineligible, Trainee trainee, ResidentIdNumber id) {
        public boolean ok() {
            return malformed.isEmpty() && ineligible.isEmpty();
        }

        public List<FieldError> all() {
            List<FieldError> all = new ArrayList<>(malformed);
            all.addAll(ineligible);
            return all;
        }
    }

    private final EnrollmentProperties properties;

    public TraineeRules(EnrollmentProperties properties) {
        this.properties = properties;
    }

    public Checked check(EnrollmentDtos.TraineeRequest r, LocalDate today) {
        List<FieldError> malformed = new ArrayList<>();
        List<FieldError> ineligible = new ArrayList<>();
        String raw = r.idNumber() == null ? null : r.idNumber().trim();
        Optional<Phrase> idProblem = ResidentIdNumber.problemPhrase(raw);
        ResidentIdNumber id = null;
        if (idProblem.isPresent()) {
            malformed.add(new FieldError("idNumber", idProblem.get()));
        } else {
            id = ResidentIdNumber.parse(raw);
            if (r.gender() != null && (r.gender() == Gender.MALE) != id.isMale()) {
                malformed.add(FieldError.coded("gender", "enrollment.gender-mismatch", "does not match the resident ID number"));
            }
            if (id.birthDate().isAfter(today)) {
                malformed.add(FieldError.coded("idNumber", "enrollment.birth-date-future",
                        "the birth date inside the resident ID number is in the future"));
            } else {
                int age = Period.between(id.birthDate(), today).getYears();
                if (age < properties.minAge() || age > properties.maxAge()) {
                    ineligible.add(FieldError.coded("idNumber", "enrollment.age", "the trainee is " + age
                            + " years old; the program enrolls " + properties.minAge() + " to " + properties.maxAge(),
                            age, properties.minAge(), properties.maxAge()));
                }
            }
        }
        String phone = r.phone() == null ? "" : r.phone().trim();
        if (!MOBILE.matcher(phone).matches()) {
            malformed.add(FieldError.coded("phone", "enrollment.mobile", "must be an 11-digit mobile number"));
        }
        String household = r.householdDivision() == null ? "" : r.householdDivision().trim();
        if (!household.matches("\\d{6}")) {
            malformed.add(FieldError.coded("householdDivision", "enrollment.division-code", "must be a 6-digit division code"));
        } else if (!household.startsWith(properties.provinceCode())) {
            ineligible.add(FieldError.coded("householdDivision", "enrollment.household-province",
                    "the household must be registered in the province (" + properties.provinceCode() + "xxxx)",
                    properties.provinceCode()));
        }
        if (Boolean.FALSE.equals(r.ruralHousehold())) {
            ineligible.add(FieldError.coded("ruralHousehold", "enrollment.rural", "the program trains rural labourers (农村户籍)"));
        }
        Trainee trainee = null;
        if (malformed.isEmpty() && ineligible.isEmpty()) {
            trainee = new Trainee(r.name().trim(), r.gender(), id.value(), id.birthDate(),
                    Period.between(id.birthDate(), today).getYears(), household, r.town().trim(), r.village().trim(),
                    true, phone, r.education());
        }
        return new Checked(malformed, ineligible, trainee, id);
    }
}
