package cn.sunshine.enrollment.audit;

import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.PageResult;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit of whole personal data read ({@link PersonalDataRead}), as auditors and the province see it. */
@Service
public class AuditRecords {

    private final MongoTemplate mongo;

    public AuditRecords(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The records in the caller's jurisdiction, newest first, narrowed by whichever filters are given. */
    public PageResult<PersonalDataRead> list(String enrollmentId, String classId, String readBy, Instant from, Instant to,
                                             Integer page, Integer size) {
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
