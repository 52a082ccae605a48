package cn.sunshine.enrollment.audit;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Clock;
import java.util.List;

/**
 * Audits every answer that carries personal data whole, before it is given. The caller may say why
 * with the header {@value #HEADER} or the query parameter {@code purpose} (at most 200 characters);
 * without one the operation's name is recorded as the purpose.
 */
@Service
public class PersonalDataAudit {

    public static final String HEADER = "X-Purpose";
    public static final int MAX_PURPOSE = 200;

    private static final Logger log = LoggerFactory.getLogger(PersonalDataAudit.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    public PersonalDataAudit(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Records the disclosure; fails (and nothing is disclosed) when it cannot be written. */
    public PersonalDataRead record(CurrentUser user, String operation, String divisionCode, String classId,
                                   List<String> enrollmentIds) {
        String purpose = purpose();
        PersonalDataRead r = new PersonalDataRead(Ids.newId(), operation, divisionCode, classId, List.copyOf(enrollmentIds),
                enrollmentIds.size(), user.subject(), user.roles().stream().map(Enum::name).sorted().toList(),
                purpose == null ? operation : purpose, clock.instant());
        mongo.insert(r);
        log.info("personal data of {} record(s) of class {} disclosed whole to {} ({}; audit {})", r.records(), classId,
                user.subject(), operation, r.id());
        return r;
    }

    /** The caller's stated purpose, from the header or the query parameter; 400 when too long. */
    static String purpose() {
        RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
        if (!(attrs instanceof ServletRequestAttributes s)) {
            return null;
        }
        String p = s.getRequest().getHeader(HEADER);
        if (p == null || p.isBlank()) {
            p = s.getRequest().getParameter("purpose");
        }
        if (p == null || p.isBlank()) {
            return null;
        }
        if (p.length() > MAX_PURPOSE) {
            throw DomainException.invalidField("purpose", Phrase.coded("enrollment.purpose-length",
                    "at most " + MAX_PURPOSE + " characters", MAX_PURPOSE));
        }
        return p.trim();
    }
}
