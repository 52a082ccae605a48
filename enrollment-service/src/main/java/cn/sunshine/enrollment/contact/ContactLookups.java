package cn.sunshine.enrollment.contact;

import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.enrollment.trainee.Enrollments;
import cn.sunshine.enrollment.trainee.Trainee;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.PageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;

/**
 * Lookups of a trainee's contact, each audited ({@link ContactLookup}) before anything is disclosed, and the
 * auditors' list of them. Who may look up is in {@link ContactController}.
 */
@Service
public class ContactLookups {

    private static final Logger log = LoggerFactory.getLogger(ContactLookups.class);

    /** What a service client's token must carry to look contacts up. */
    public static final String SCOPE = "contacts:read";

    private final Enrollments enrollments;
    private final MongoTemplate mongo;
    private final Clock clock;

    public ContactLookups(Enrollments enrollments, MongoTemplate mongo, Clock clock) {
        this.enrollments = enrollments;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A county officer or a service client with the scope, for a trainee of its division (else 404). */
    public ContactDtos.ContactView lookup(ContactDtos.LookupRequest request) {
        CurrentUser user = Jurisdiction.requireRoleOrScope(SCOPE, Role.COUNTY_OFFICER);
        Enrollment e;
        try {
            e = enrollments.find(request.enrollmentId());
        } catch (DomainException notFound) {
            throw DomainException.notFound("enrollment " + request.enrollmentId());
        }
        if (!user.covers(e.getDivisionCode())) {
            throw DomainException.notFound("enrollment " + request.enrollmentId());
        }
        ContactLookup audit = new ContactLookup(Ids.newId(), e.getId(), e.getDivisionCode(), e.getBaseId(),
                user.subject(), user.roles().stream().map(Enum::name).sorted().toList(),
                user.isServiceClient() ? user.clientId() : null,
                user.isServiceClient() ? user.scopes().stream().sorted().toList() : null,
                request.purpose().name(), request.reason().trim(), clock.instant());
        mongo.insert(audit); // before the disclosure: no audit, no answer
        log.info("contact of enrollment {} disclosed to {} for {} (lookup {})", e.getId(), user.subject(),
                request.purpose(), audit.id());
        Trainee t = e.getTrainee();
        return new ContactDtos.ContactView(e.getId(), t.name(), t.phone(), t.householdDivision(), t.town(), t.village(),
                audit.id());
    }

    /** The lookups in the auditor's jurisdiction, newest first. */
    public PageResult<ContactLookup> audit(String enrollmentId, Integer page, Integer size) {
        Jurisdiction.requireRole(Role.AUDITOR);
        Query query = Filters.within(Jurisdiction.scope("divisionCode")).is("enrollmentId", enrollmentId).query();
        return PageResult.find(mongo, query, ContactLookup.class, page, size, Sort.by(Sort.Direction.DESC, "at"));
    }
}
