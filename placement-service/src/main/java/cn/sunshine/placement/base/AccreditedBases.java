package cn.sunshine.placement.base;

import cn.sunshine.platform.bases.AccreditedBaseEvents;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Use cases of the bases as placement knows them (kept from the accreditation's events): reading one. */
@Service
public class AccreditedBases {

    private final MongoTemplate mongo;

    public AccreditedBases(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The base, for an official over it or its own staff (404 otherwise). */
    public AccreditedBase get(String baseId) {
        return AccreditedBaseEvents.readable(mongo, AccreditedBase.class, baseId);
    }
}
