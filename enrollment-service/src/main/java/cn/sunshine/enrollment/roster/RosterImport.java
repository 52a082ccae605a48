package cn.sunshine.enrollment.roster;

import cn.sunshine.enrollment.klass.Classes;
import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.enrollment.quota.Places;
import cn.sunshine.enrollment.registry.PersonYear;
import cn.sunshine.enrollment.registry.PersonYears;
import cn.sunshine.enrollment.support.PersonKey;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.enrollment.trainee.Admissions;
import cn.sunshine.enrollment.trainee.Education;
import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.enrollment.trainee.EnrollmentDtos;
import cn.sunshine.enrollment.trainee.Enrollments;
import cn.sunshine.enrollment.trainee.Gender;
import cn.sunshine.enrollment.trainee.SubsidyTier;
import cn.sunshine.enrollment.trainee.TraineeRules;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.web.ProblemMessages;
import cn.sunshine.platform.security.CurrentUser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a class's roster (名册) from CSV or XLSX: every row is checked first — its fields, the ID
 * number's check character, duplicates inside the file, people already enrolled this year anywhere
 * in the province, the quota and the class's places — and a file with any bad row imports nothing. The rows'
 * messages are in the request's language ({@link ProblemMessages}: Chinese for {@code Accept-Language: zh-CN}).
 */
@Service
public class RosterImport {

    public static final int MAX_ROWS = 1000;

    /** The outcome: the enrollments made, or every error found (then nothing was imported). */
    public record Result(List<Enrollment> enrolled, List<RosterDtos.RowError> errors) {
    }

    /** The columns the import reads, by their Chinese or English header. */
    static final Map<String, String> HEADERS = headers();

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        String[][] pairs = {{"姓名", "name"}, {"性别", "gender"}, {"身份证号", "idNumber"}, {"户籍县", "householdDivision"},
                {"乡镇", "town"}, {"村", "village"}, {"农村户籍", "ruralHousehold"}, {"手机", "phone"},
                {"文化程度", "education"}, {"补助档次", "subsidyTier"}, {"补助金额(分)", "subsidyFen"}};
        for (String[] p : pairs) {
            h.put(p[0], p[1]);
            h.put(p[1].toLowerCase(Locale.ROOT), p[1]);
        }
        return h;
    }

    private final Classes classes;
    private final Enrollments enrollments;
    private final TraineeRules rules;
    private final PersonKey personKey;
    private final PersonYears personYears;
    private final Places places;
    private final Admissions admissionsUnderWay;
    private final Validator validator;
    private final Clock clock;

    public RosterImport(Classes classes, Enrollments enrollments, TraineeRules rules, PersonKey personKey,
                        PersonYears personYears, Places places, Admissions admissionsUnderWay, Validator validator,
                        Clock clock) {
        this.classes = classes;
        this.enrollments = enrollments;
        this.rules = rules;
        this.personKey = personKey;
        this.personYears = personYears;
        this.places = places;
        this.admissionsUnderWay = admissionsUnderWay;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * Imports a roster, all rows or none. The same roster sent again with its Idempotency-Key — its answer lost, or
     * its process dead before or after storing it — is the same admission ({@link Admissions}): the people it
     * registered are its own, not rows already enrolled, and it answers the enrollments it made, finished if need be.
     */
    public Result importRoster(String classId, String contentType, byte[] body) {
        TrainingClass c = classes.find(classId);
        CurrentUser user = Jurisdiction.ownBaseStaff(c.getBaseId(), "class " + classId);
        List<List<String>> table = RosterReader.table(contentType, body, "roster");
        enrollments.requireOpenForEnrollment(c);

        Locale locale = ProblemMessages.locale();
        Rows rows = new Rows(locale);
        List<RosterDtos.RowError> errors = new ArrayList<>();
        if (table.isEmpty()) {
            return new Result(List.of(), List.of(rows.error(0, "file", "enrollment.roster.empty", "the file is empty")));
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = table.get(0);
        for (int i = 0; i < header.size(); i++) {
            String field = HEADERS.get(header.get(i).trim().toLowerCase(Locale.ROOT));
            if (field != null) {
                columns.putIfAbsent(field, i);
            }
        }
        for (String required : new LinkedHashMap<>(HEADERS).values().stream().distinct().toList()) {
            if (!columns.containsKey(required)) {
                errors.add(rows.error(1, required, "enrollment.roster.missing-column", "the header has no column " + required,
                        chineseHeader(required)));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(List.of(), errors);
        }
        int first = 1;
        if (table.size() > 1 && isHeader(table.get(1))) {
            first = 2; // the Chinese header with the English one beneath it, as exported
        }
        LocalDate today = ProgramCalendar.today(clock);
        String admissionId = Admissions.newAdmissionId();
        List<Enrollments.Admission> admissions = new ArrayList<>();
        List<Integer> admissionRows = new ArrayList<>();
        Map<String, Integer> firstRowOfKey = new HashMap<>();
        Map<String, Integer> rowOfRegistryId = new LinkedHashMap<>();
        int dataRows = 0;
        for (int r = first; r < table.size(); r++) {
            List<String> cells = table.get(r);
            if (cells.stream().allMatch(s -> s == null || s.isBlank())) {
                continue;
            }
            int line = r + 1;
            if (++dataRows > MAX_ROWS) {
                errors.add(rows.error(line, "file", "enrollment.roster.too-many-rows", "a roster has at most " + MAX_ROWS + " rows",
                        MAX_ROWS));
                break;
            }
            List<RosterDtos.RowError> rowErrors = new ArrayList<>();
            EnrollmentDtos.TraineeRequest req = toRequest(cells, columns, line, rowErrors, rows);
            for (ConstraintViolation<EnrollmentDtos.TraineeRequest> v : validator.validate(req)) {
                String field = v.getPropertyPath().toString();
                if (rowErrors.stream().noneMatch(e -> e.field().equals(field))) {
                    rowErrors.add(new RosterDtos.RowError(line, field, ProblemMessages.text(v, field, locale)));
                }
            }
            TraineeRules.Checked checked = null;
            if (rowErrors.isEmpty()) {
                checked = rules.check(req, today);
                checked.all().forEach(fe -> rowErrors.add(new RosterDtos.RowError(line, fe.field(), ProblemMessages.text(fe, locale))));
                if (rowErrors.isEmpty() && c.getTrainingForm() != cn.sunshine.enrollment.klass.TrainingForm.FREE
                        && req.subsidyFen() > c.getFeeFen()) {
                    rowErrors.add(rows.error(line, "subsidyFen", Enrollments.subsidyOverFee(c)));
                }
            }
            if (rowErrors.isEmpty()) {
                String key = personKey.of(checked.id());
                Integer earlier = firstRowOfKey.putIfAbsent(key, line);
                if (earlier != null) {
                    rowErrors.add(rows.error(line, "idNumber", "enrollment.roster.same-person",
                            "the same person as row " + earlier + " of this file", earlier));
                } else {
                    rowOfRegistryId.put(PersonYear.id(key, c.getYear()), line);
                    admissions.add(new Enrollments.Admission(Admissions.enrollmentId(admissionId, key), checked.trainee(), key,
                            req.subsidyTier(),
                            req.subsidyFen()));
                    admissionRows.add(line);
                }
            }
            errors.addAll(rowErrors);
        }
        // Rows registered by this same admission's earlier try (its process died mid-way) are its own, not refusals.
        Map<String, String> ours = new HashMap<>();
        admissions.forEach(a -> ours.put(PersonYear.id(a.personKey(), c.getYear()), a.enrollmentId()));
        int storedBefore = 0;
        if (!rowOfRegistryId.isEmpty()) {
            List<String> earlierTry = new ArrayList<>();
            for (PersonYear holder : personYears.findAll(new ArrayList<>(rowOfRegistryId.keySet()))) {
                if (holder.enrollmentId() != null && holder.enrollmentId().equals(ours.get(holder.id()))) {
                    earlierTry.add(holder.enrollmentId());
                } else {
                    errors.add(rows.error(rowOfRegistryId.get(holder.id()), "idNumber", PersonYears.alreadyEnrolledMessage(holder)));
                }
            }
            storedBefore = earlierTry.isEmpty() ? 0 : admissionsUnderWay.stored(earlierTry).size();
        }
        if (!firstRowOfKey.isEmpty()) {
            Map<String, String> maskedOf = new HashMap<>();
            admissions.forEach(a -> maskedOf.put(a.personKey(), a.trainee().maskedIdNumber()));
            enrollments.fundedElsewhere(c, new ArrayList<>(firstRowOfKey.keySet())).forEach((key, funded) ->
                    errors.add(new RosterDtos.RowError(firstRowOfKey.get(key), "idNumber",
                            Enrollments.fundedElsewhereMessage(maskedOf.get(key), funded))));
        }
        if (dataRows == 0) {
            errors.add(rows.error(0, "file", "enrollment.roster.no-trainees", "the file has no trainees"));
        }
        // The places this roster still needs: none where an earlier try of it holds them, none for what it stored.
        int asked = dataRows;
        int needed = asked - storedBefore;
        Optional<PlaceCounter> quota = places.find(PlaceCounter.quotaId(c.getBaseId(), c.getMajorCode(), c.getYear()));
        int quotaLeft = quota.map(PlaceCounter::remaining).orElse(0);
        if (needed > quotaLeft && quota.flatMap(q -> q.holdOf(admissionId)).isEmpty()) {
            errors.add(rows.error(0, "file", "enrollment.roster.quota-left", "the agreed quota of the base for " + c.getMajorCode()
                    + " in " + c.getYear() + " has " + Math.max(0, quotaLeft) + " place(s) left; the file has " + asked + " trainees",
                    c.getMajorCode(), c.getYear(), Math.max(0, quotaLeft), asked));
        }
        Optional<PlaceCounter> seats = places.find(PlaceCounter.classId(c.getId()));
        int seatsLeft = seats.map(PlaceCounter::remaining).orElse(0);
        if (needed > seatsLeft && seats.flatMap(q -> q.holdOf(admissionId)).isEmpty()) {
            errors.add(rows.error(0, "file", "enrollment.roster.places-left", "the class has " + Math.max(0, seatsLeft)
                    + " place(s) left; the file has " + asked + " trainees", Math.max(0, seatsLeft), asked));
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(RosterDtos.RowError::row));
            return new Result(List.of(), errors);
        }
        try {
            return new Result(enrollments.admit(c, admissionId, admissions, user.subject()), List.of());
        } catch (Enrollments.AlreadyEnrolled e) {
            // Someone enrolled the person elsewhere between the check and the import: nothing was imported.
            return new Result(List.of(), List.of(new RosterDtos.RowError(admissionRows.get(e.index()), "idNumber",
                    ProblemMessages.text(e.detail(), locale))));
        }
    }

    /** A row's (or the file's) error in the request's language: English by default, the code's Chinese for zh. */
    private record Rows(Locale locale) {
        RosterDtos.RowError error(int row, String field, Phrase message) {
            return new RosterDtos.RowError(row, field, ProblemMessages.text(message, locale));
        }

        RosterDtos.RowError error(int row, String field, String code, String english, Object... args) {
            return error(row, field, Phrase.coded(code, english, args));
        }
    }

    /** The column's Chinese header (性别 for gender). */
    private static String chineseHeader(String field) {
        return HEADERS.entrySet().stream().filter(h -> h.getValue().equals(field) && !h.getKey().equals(field.toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getKey).findFirst().orElse(field);
    }

    private static boolean isHeader(List<String> row) {
        return row.stream().filter(s -> s != null && !s.isBlank())
                .allMatch(s -> HEADERS.containsKey(s.trim().toLowerCase(Locale.ROOT)) || !s.trim().matches(".*\\d.*"))
                && row.stream().anyMatch(s -> s != null && HEADERS.containsKey(s.trim().toLowerCase(Locale.ROOT)));
    }

    private static EnrollmentDtos.TraineeRequest toRequest(List<String> cells, Map<String, Integer> columns, int line,
                                                           List<RosterDtos.RowError> errors, Rows rows) {
        java.util.function.Function<String, String> cell = f -> {
            int i = columns.get(f);
            String v = i < cells.size() ? cells.get(i) : null;
            return v == null || v.isBlank() ? null : v.trim();
        };
        String genderText = cell.apply("gender");
        Gender gender = Gender.parse(genderText);
        if (genderText != null && gender == null) {
            errors.add(rows.error(line, "gender", "enrollment.roster.gender", "must be 男 or 女 (MALE or FEMALE)"));
        }
        String educationText = cell.apply("education");
        Education education = Education.parse(educationText);
        if (educationText != null && education == null) {
            errors.add(rows.error(line, "education", "enrollment.roster.education", "is not a known level of education"));
        }
        String tierText = cell.apply("subsidyTier");
        SubsidyTier tier = SubsidyTier.parse(tierText);
        if (tierText != null && tier == null) {
            errors.add(rows.error(line, "subsidyTier", "enrollment.roster.subsidy-tier", "must be TIER_1, TIER_2 or TIER_3"));
        }
        String ruralText = cell.apply("ruralHousehold");
        Boolean rural = ruralText == null ? null : switch (ruralText.toLowerCase(Locale.ROOT)) {
            case "是", "true", "yes", "y", "1" -> Boolean.TRUE;
            case "否", "false", "no", "n", "0" -> Boolean.FALSE;
            default -> {
                errors.add(rows.error(line, "ruralHousehold", "enrollment.roster.rural", "must be 是 or 否"));
                yield null;
            }
        };
        String subsidyText = cell.apply("subsidyFen");
        Long subsidy = null;
        if (subsidyText != null) {
            try {
                subsidy = Long.parseLong(subsidyText);
            } catch (NumberFormatException e) {
                errors.add(rows.error(line, "subsidyFen", "enrollment.roster.subsidy-fen", "must be a whole number of fen"));
            }
        }
        return new EnrollmentDtos.TraineeRequest(cell.apply("name"), gender, cell.apply("idNumber"),
                cell.apply("householdDivision"), cell.apply("town"), cell.apply("village"), rural, cell.apply("phone"),
                education, tier, subsidy);
    }
}
