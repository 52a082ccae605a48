package cn.sunshine.enrollment.audit;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
@Tag(name = "Audit", description = "Who read trainees' personal data whole, what, why and when")
public class AuditRecordController {

    private final AuditRecords records;

    public AuditRecordController(AuditRecords records) {
        this.records = records;
    }

    @GetMapping("/api/enrollment/audit-records")
    @Allowed({Role.AUDITOR, Role.PROVINCE_OFFICER})
    @Operation(summary = "The reads and exports of whole personal data in your jurisdiction, newest first "
            + "(filters: enrollmentId, classId, readBy, from/to instants)")
    public PageResult<PersonalDataRead> list(@RequestParam(required = false) String enrollmentId,
                                             @RequestParam(required = false) String classId,
                                             @RequestParam(required = false) String readBy,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                             @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size) {
        return records.list(enrollmentId, classId, readBy, from, to, page, size);
    }
}
