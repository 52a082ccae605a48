package cn.sunshine.subsidy.base;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.Jurisdiction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Use cases of a base's payment standing: reading it (the standing itself follows the accreditation's events). */
@Service
public class BaseStandings {

    private final MongoTemplate mongo;

    public BaseStandings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The standing of a base the caller may see (an official over it, or its own staff), else 404. */
    public BaseStanding get(String baseId) {
        BaseStanding s = mongo.findById(baseId, BaseStanding.class);
        if (s == null) {
            throw DomainException.notFound("base " + baseId);
        }
        Jurisdiction.requireOfficerOrOwnBase(s.getDivisionCode(), s.getId(), "base " + baseId);
        return s;
    }
}
