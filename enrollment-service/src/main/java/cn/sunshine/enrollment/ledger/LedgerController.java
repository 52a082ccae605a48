package cn.sunshine.enrollment.ledger;

import cn.sunshine.enrollment.klass.Classes;
import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.enrollment.support.Access;
import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.enrollment.trainee.Enrollments;
import cn.sunshine.enrollment.trainee.Trainee;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.identifiers.Disclosure;
import cn.sunshine.platform.identifiers.PersonalData;
import cn.sunshine.enrollment.privacy.PersonalDataAudit;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

@RestController
@Tag(name = "Ledger", description = "The ledger (台帐) of a class, for the county's files and the subsidy claim")
public class LedgerController {

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
            new String[]{"就业单位电话", "employerPhone"}, new String[]{"学员签字", "signature"});

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

    public LedgerController(Classes classes, Enrollments enrollments, PersonalDataAudit audit) {
        this.classes = classes;
        this.enrollments = enrollments;
        this.audit = audit;
    }

    @GetMapping("/api/enrollment/classes/{classId}/ledger")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "Export a class's ledger as CSV or XLSX (format=csv|xlsx); ID numbers and phones whole only "
            + "for the county's officers (audited: say why with purpose or X-Purpose); every text cell formula-safe")
    public ResponseEntity<byte[]> export(@PathVariable String classId,
                                         @RequestParam(required = false, defaultValue = "csv") String format,
                                         @RequestParam(required = false) String purpose) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw DomainException.invalidField("format", "must be csv or xlsx");
        }
        TrainingClass c = classes.get(classId);
        CurrentUser user = cn.sunshine.platform.security.Jurisdiction.currentUser();
        Disclosure d = Access.disclosure(user, c.getDivisionCode(), c.getBaseId());
        boolean whole = d.whole();
        List<Enrollment> ledger = enrollments.ledgerOf(classId);
        if (whole && !ledger.isEmpty()) {
            audit.record(user, "ledger.export", c.getDivisionCode(), classId, ledger.stream().map(Enrollment::getId).toList());
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS.stream().map(h -> h[0]).toList());
        rows.add(COLUMNS.stream().map(h -> h[1]).toList());
        int no = 0;
        for (Enrollment e : ledger) {
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
                    ""));
        }
        String filename = "ledger-" + c.getId() + "." + format;
        byte[] body = format.equals("csv") ? Sheets.writeCsv(rows) : Sheets.writeXlsx("台帐", rows);
        return ResponseEntity.ok()
                .contentType(format.equals("csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                        : MediaType.parseMediaType(Sheets.XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
