package cn.sunshine.subsidy.base;

import cn.sunshine.platform.bases.AccreditedBaseEvents;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Use cases of a base's payment standing: reading it (the standing itself follows the accreditation's events). */
@Service
public class AccreditedBases {

    private final MongoTemplate mongo;

    public AccreditedBases(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The standing of a base the caller may see (an official over it, or its own staff), else 404. */
    public AccreditedBase get(String baseId) {
        return AccreditedBaseEvents.readable(mongo, AccreditedBase.class, baseId);
    }
}
