package cn.sunshine.enrollment.ledger;

import cn.sunshine.enrollment.audit.PersonalDataAudit;
import cn.sunshine.enrollment.klass.Classes;
import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.enrollment.support.Access;
import cn.sunshine.enrollment.trainee.AttendedHours;
import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.enrollment.trainee.Enrollments;
import cn.sunshine.enrollment.trainee.Trainee;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.Disclosure;
import cn.sunshine.platform.identifiers.PersonalData;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ledger (台帐) of a class as a file: ID numbers and phones whole only for the county's officers, whose export
 * is audited first ({@link PersonalDataAudit}); every text cell formula-safe ({@link Sheets}).
 */
@Service
public class Ledgers {

    /** The ledger's columns: Chinese header, English header. */
    static final List<String[]> COLUMNS = List.of(
            new String[]{"序号", "no"}, new String[]{"姓名", "name"}, new String[]{"性别", "gender"},
            new String[]{"年龄", "age"}, new String[]{"身份证号", "idNumber"}, new String[]{"户籍县", "householdDivision"},
            new String[]{"乡镇", "town"}, new String[]{"村", "village"}, new String[]{"农村户籍", "ruralHousehold"},
            new String[]{"手机", "phone"}, new String[]{"文化程度", "education"}, new String[]{"培训专业", "major"},
            new String[]{"培训班", "classId"}, new String[]{"培训时间", "period"}, new String[]{"收费标准(分)", "feeFen"},
            new String[]{"补助档次", "subsidyTier"}, new String[]{"补助金额(分)", "subsidyFen"},
            new String[]{"状态", "status"}, new String[]{"身份核定", "rosterCheck"},
            new String[]{"结业证书", "certificateNumber"}, new String[]{"技能鉴定证书", "skillCertificateNumber"},
            new String[]{"就业单位", "employerName"}, new String[]{"就业单位地址", "employerAddress"},
            new String[]{"就业单位电话", "employerPhone"}, new String[]{"应到学时", "hoursHeld"},
            new String[]{"出勤学时", "hoursAttended"}, new String[]{"学员签字", "signature"});

    /** Marks an employer whose placement a spot check disproved (抽查不实): the row keeps who was claimed. */
    static final String DISPROVED_MARK = "（抽查不实）";

    /**
     * The employer of the trainee's latest placement (placement-service's events); one a spot check
     * disproved is marked and shows no address or phone.
     */
    private static String employerName(Enrollment.Employer emp) {
        if (emp == null) {
            return "";
        }
        return emp.disproved() ? DISPROVED_MARK + orEmpty(emp.name()) : orEmpty(emp.name());
    }

    /** Fields an event did not carry (an earlier body has no employer address or phone) are empty cells. */
    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private final Classes classes;
    private final Enrollments enrollments;
    private final PersonalDataAudit audit;
    private final AttendedHours.Source hours;

    public Ledgers(Classes classes, Enrollments enrollments, PersonalDataAudit audit, AttendedHours.Source hours) {
        this.classes = classes;
        this.enrollments = enrollments;
        this.audit = audit;
        this.hours = hours;
    }

    /** The ledger of a class the caller may see, as {@code csv} or {@code xlsx}. */
    public LedgerDtos.Export export(String classId, String format) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw DomainException.invalidField("format", Phrase.coded("enrollment.ledger-format",
                    "must be csv or xlsx"));
        }
        TrainingClass c = classes.get(classId);
        CurrentUser user = Jurisdiction.currentUser();
        Disclosure d = Access.disclosure(user, c.getDivisionCode(), c.getBaseId());
        boolean whole = d.whole();
        List<Enrollment> ledger = enrollments.ledgerOf(classId);
        if (whole && !ledger.isEmpty()) {
            audit.record(user, "ledger.export", c.getDivisionCode(), classId, ledger.stream().map(Enrollment::getId).toList());
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS.stream().map(h -> h[0]).toList());
        rows.add(COLUMNS.stream().map(h -> h[1]).toList());
        Map<String, AttendedHours> attended = hours.ofClass(classId);
        int no = 0;
        for (Enrollment e : ledger) {
            AttendedHours h = attended.getOrDefault(e.getId(), AttendedHours.NONE);
            Trainee t = e.getTrainee();
            Enrollment.Completion done = e.getCompletion();
            Enrollment.Employer emp = e.getEmployer();
            Integer age = d.age(t.ageAtEnrollment());
            rows.add(List.of(String.valueOf(++no), t.name(), t.gender().chinese(), age == null ? "" : String.valueOf(age),
                    d.idNumber(t.idNumber()), t.householdDivision(), orEmpty(d.address(t.town())), orEmpty(d.address(t.village())),
                    t.ruralHousehold() ? "是" : "否", d.phone(t.phone()), t.education().chinese(),
                    e.getMajorName(), c.getId(), c.getPlannedStart() + "~" + c.getPlannedEnd(),
                    String.valueOf(e.getFeeFen()), e.getSubsidyTier().name(), String.valueOf(e.getSubsidyFen()),
                    e.getStatus().name(), e.getRosterCheck().name(), done == null ? "" : done.certificateNumber(),
                    done == null || done.skillCertificateNumber() == null ? "" : done.skillCertificateNumber(),
                    employerName(emp), emp == null || emp.disproved() ? "" : orEmpty(emp.address()),
                    emp == null || emp.disproved() ? "" : orEmpty(whole ? emp.phone() : PersonalData.maskPhone(emp.phone())),
                    String.valueOf(h.held()), String.valueOf(h.attended()), ""));
        }
        String filename = "ledger-" + c.getId() + "." + format;
        return format.equals("csv")
                ? new LedgerDtos.Export(filename, Sheets.CSV + ";charset=UTF-8", Sheets.writeCsv(rows))
                : new LedgerDtos.Export(filename, Sheets.XLSX, Sheets.writeXlsx("台帐", rows));
    }
}
