package cn.sunshine.enrollment.funding;

import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.enrollment.roster.RosterReader;
import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.enrollment.support.PersonKey;
import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.enrollment.trainee.EnrollmentStatus;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.PersonalData;
import cn.sunshine.platform.identifiers.ResidentIdNumber;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.PageResult;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Double funding (重复享受培训补贴): a county imports other programmes' lists of people they fund for training in the
 * year, all rows or none; enrollment then refuses a person funded for an overlapping period ({@link FundingRegister}),
 * and the report lists the people enrolled before a list came who are on it for an overlapping period.
 */
@Service
public class FundingLists extends UseCase {

    /** The columns of a list, by their Chinese or English header. */
    static final Map<String, String> HEADERS = headers();

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        String[][] pairs = {{"项目名称", "programme"}, {"姓名", "name"}, {"身份证号", "idNumber"},
                {"培训开始", "periodStart"}, {"培训结束", "periodEnd"}};
        for (String[] p : pairs) {
            h.put(p[0], p[1]);
            h.put(p[1].toLowerCase(Locale.ROOT), p[1]);
        }
        return h;
    }

    /** The outcome: the list imported, or every error found (then nothing was imported). */
    public record Result(FundingList list, List<FundingDtos.FundingRowError> errors) {
    }

    private final PersonKey personKey;

    public FundingLists(Changes changes, PersonKey personKey, Clock clock) {
        super(changes, clock);
        this.personKey = personKey;
    }

    /** A county officer imports a list for their county and the year: every row is checked first. */
    public Result importList(int year, String contentType, byte[] body) {
        CurrentUser user = Jurisdiction.requireRole(Role.COUNTY_OFFICER);
        if (user.division() == null) {
            throw new DomainException(403, "outside-jurisdiction", "Outside your jurisdiction", "the token names no county");
        }
        if (year < 2000 || year > 2100) {
            throw DomainException.invalidField("year", Phrase.coded("enrollment.programme-year",
                    "must be a programme year such as 2026"));
        }
        List<List<String>> table = RosterReader.table(contentType, body, "list");
        List<FundingDtos.FundingRowError> errors = new ArrayList<>();
        if (table.isEmpty()) {
            return new Result(null, List.of(new FundingDtos.FundingRowError(0, "file", "the file is empty")));
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = table.get(0);
        for (int i = 0; i < header.size(); i++) {
            String field = HEADERS.get(header.get(i) == null ? "" : header.get(i).trim().toLowerCase(Locale.ROOT));
            if (field != null) {
                columns.putIfAbsent(field, i);
            }
        }
        for (String required : List.of("programme", "idNumber", "periodStart", "periodEnd")) {
            if (!columns.containsKey(required)) {
                errors.add(new FundingDtos.FundingRowError(1, required, "the header has no column " + required));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        int first = table.size() > 1 && isHeader(table.get(1)) ? 2 : 1;
        List<FundingList.Funded> people = new ArrayList<>();
        Map<String, Integer> rowOf = new HashMap<>();
        for (int r = first; r < table.size(); r++) {
            List<String> cells = table.get(r);
            if (cells.stream().allMatch(s -> s == null || s.isBlank())) {
                continue;
            }
            int line = r + 1;
            List<FundingDtos.FundingRowError> rowErrors = new ArrayList<>();
            String programme = cell(cells, columns, "programme");
            String name = cell(cells, columns, "name");
            String id = cell(cells, columns, "idNumber");
            if (programme == null || programme.length() > 100) {
                rowErrors.add(new FundingDtos.FundingRowError(line, "programme", "names the programme (at most 100 characters)"));
            }
            if (name != null && name.length() > 50) {
                rowErrors.add(new FundingDtos.FundingRowError(line, "name", "at most 50 characters"));
            }
            String idProblem = id == null ? "must not be blank" : ResidentIdNumber.problem(id).orElse(null);
            if (idProblem != null) {
                rowErrors.add(new FundingDtos.FundingRowError(line, "idNumber", idProblem));
            }
            LocalDate start = date(cells, columns, "periodStart", line, rowErrors);
            LocalDate end = date(cells, columns, "periodEnd", line, rowErrors);
            if (start != null && end != null) {
                if (end.isBefore(start)) {
                    rowErrors.add(new FundingDtos.FundingRowError(line, "periodEnd", "must not be before periodStart"));
                } else if (start.getYear() > year || end.getYear() < year) {
                    rowErrors.add(new FundingDtos.FundingRowError(line, "periodStart", "the period " + start + "~" + end
                            + " lies outside " + year));
                }
            }
            if (rowErrors.isEmpty()) {
                ResidentIdNumber number = ResidentIdNumber.parse(id);
                String key = personKey.of(number);
                String dedup = key + "/" + programme + "/" + start + "/" + end;
                Integer earlier = rowOf.putIfAbsent(dedup, line);
                if (earlier != null) {
                    rowErrors.add(new FundingDtos.FundingRowError(line, "idNumber", "the same as row " + earlier + " of this file"));
                } else {
                    people.add(new FundingList.Funded(line, key, PersonalData.maskIdNumber(number.value()), name, programme,
                            start, end));
                }
            }
            errors.addAll(rowErrors);
        }
        if (people.isEmpty() && errors.isEmpty()) {
            errors.add(new FundingDtos.FundingRowError(0, "file", "the file has no people"));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(FundingDtos.FundingRowError::row));
            return new Result(null, errors);
        }
        return new Result(store.insert(FundingList.imported(user.division().value(), year, people, user.subject(),
                clock.instant())), List.of());
    }

    public PageResult<FundingList> lists(Integer year, Integer page, Integer size) {
        Query query = Filters.within(Jurisdiction.scope("divisionCode")).is("year", year).query();
        return PageResult.find(mongo, query, FundingList.class, page, size, Sort.by(Sort.Direction.DESC, "importedAt"));
    }

    /**
     * The people enrolled in the caller's jurisdiction for the year whom a list (of any county) names for training
     * overlapping their class's days: the matches found after the fact.
     */
    public PageResult<FundingDtos.FundingMatch> matches(int year, Integer page, Integer size) {
        Jurisdiction.requireRole(Jurisdiction.OFFICIALS);
        Map<String, List<FundingListEntry>> byKey = new HashMap<>();
        for (FundingList l : mongo.find(Query.query(Criteria.where("year").is(year)), FundingList.class)) {
            for (FundingList.Funded f : l.getPeople()) {
                byKey.computeIfAbsent(f.personKey(), k -> new ArrayList<>()).add(new FundingListEntry(l, f));
            }
        }
        List<FundingDtos.FundingMatch> out = new ArrayList<>();
        if (!byKey.isEmpty()) {
            Query q = Query.query(new Criteria().andOperator(Jurisdiction.scope("divisionCode"),
                    Criteria.where("personKey").in(byKey.keySet()), Criteria.where("year").is(year),
                    Criteria.where("status").ne(EnrollmentStatus.WITHDRAWN)));
            List<Enrollment> enrolled = mongo.find(q, Enrollment.class);
            Set<String> classIds = enrolled.stream().map(Enrollment::getClassId).collect(Collectors.toSet());
            Map<String, TrainingClass> classes = new HashMap<>();
            mongo.find(Query.query(Criteria.where("_id").in(classIds)), TrainingClass.class)
                    .forEach(c -> classes.put(c.getId(), c));
            for (Enrollment e : enrolled) {
                TrainingClass c = classes.get(e.getClassId());
                if (c == null) {
                    continue;
                }
                for (FundingListEntry f : byKey.get(e.getPersonKey())) {
                    FundingList.Funded p = f.funded();
                    if (!p.periodStart().isAfter(c.getPlannedEnd()) && !p.periodEnd().isBefore(c.getPlannedStart())) {
                        out.add(new FundingDtos.FundingMatch(e.getId(), c.getId(), e.getBaseId(), e.getBaseName(),
                                e.getDivisionCode(), e.getTrainee().name(), e.getTrainee().maskedIdNumber(),
                                e.getStatus().name(), c.getPlannedStart(), c.getPlannedEnd(), p.programme(),
                                p.periodStart(), p.periodEnd(), f.list().getId(), f.list().getDivisionCode(),
                                e.getEnrolled().at(), f.list().getImportedAt(),
                                e.getEnrolled().at().isBefore(f.list().getImportedAt())));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(FundingDtos.FundingMatch::divisionCode).thenComparing(FundingDtos.FundingMatch::baseName)
                .thenComparing(FundingDtos.FundingMatch::enrollmentId).thenComparing(FundingDtos.FundingMatch::listId));
        org.springframework.data.domain.PageRequest pr = PageResult.request(page, size, Sort.unsorted());
        int from = (int) Math.min(out.size(), pr.getOffset());
        return new PageResult<>(out.subList(from, Math.min(out.size(), from + pr.getPageSize())), pr.getPageNumber(),
                pr.getPageSize(), out.size());
    }

    private record FundingListEntry(FundingList list, FundingList.Funded funded) {
    }

    private static String cell(List<String> cells, Map<String, Integer> columns, String field) {
        Integer i = columns.get(field);
        String v = i == null || i >= cells.size() ? null : cells.get(i);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** A date as YYYY-MM-DD (or YYYY/MM/DD), or an XLSX date serial. */
    private static LocalDate date(List<String> cells, Map<String, Integer> columns, String field, int line,
                                  List<FundingDtos.FundingRowError> errors) {
        String v = cell(cells, columns, field);
        if (v == null) {
            errors.add(new FundingDtos.FundingRowError(line, field, "must not be blank"));
            return null;
        }
        try {
            if (v.matches("\\d{5}(\\.0+)?")) {
                return LocalDate.of(1899, 12, 30).plusDays(Long.parseLong(v.replaceAll("\\..*", "")));
            }
            return LocalDate.parse(v.replace('/', '-'));
        } catch (DateTimeParseException e) {
            errors.add(new FundingDtos.FundingRowError(line, field, "must be a date such as 2026-03-01"));
            return null;
        }
    }

    private static boolean isHeader(List<String> row) {
        return row.stream().anyMatch(s -> s != null && HEADERS.containsKey(s.trim().toLowerCase(Locale.ROOT)))
                && row.stream().filter(s -> s != null && !s.isBlank()).noneMatch(s -> s.trim().matches(".*\\d.*"));
    }
}
