package cn.sunshine.enrollment.audit;

import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.PageResult;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Instant;

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
        Query query = Filters.within(Jurisdiction.scope("divisionCode")).is("enrollmentIds", enrollmentId)
                .is("classId", classId).is("readBy", readBy).from("at", from).before("at", to).query();
        return PageResult.find(mongo, query, PersonalDataRead.class, page, size, Sort.by(Sort.Direction.DESC, "at"));
    }
}
