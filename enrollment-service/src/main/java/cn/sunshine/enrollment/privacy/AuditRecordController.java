package cn.sunshine.enrollment.privacy;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@RestController
@Tag(name = "Audit", description = "Who read trainees' personal data whole, what, why and when")
public class AuditRecordController {

    private final MongoTemplate mongo;

    public AuditRecordController(MongoTemplate mongo) {
        this.mongo = mongo;
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
        Jurisdiction.requireRole(Role.AUDITOR, Role.PROVINCE_OFFICER);
        List<Criteria> all = new ArrayList<>(List.of(Jurisdiction.scope("divisionCode")));
        if (enrollmentId != null) {
            all.add(Criteria.where("enrollmentIds").is(enrollmentId));
        }
        if (classId != null) {
            all.add(Criteria.where("classId").is(classId));
        }
        if (readBy != null) {
            all.add(Criteria.where("readBy").is(readBy));
        }
        if (from != null) {
            all.add(Criteria.where("at").gte(from));
        }
        if (to != null) {
            all.add(Criteria.where("at").lt(to));
        }
        return PageResult.find(mongo, Query.query(new Criteria().andOperator(all.toArray(Criteria[]::new))),
                PersonalDataRead.class, page, size, Sort.by(Sort.Direction.DESC, "at"));
    }
}
