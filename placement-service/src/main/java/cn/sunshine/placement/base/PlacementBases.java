package cn.sunshine.placement.base;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.Jurisdiction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Use cases of the bases as placement knows them (kept from the accreditation's events): reading one. */
@Service
public class PlacementBases {

    private final MongoTemplate mongo;

    public PlacementBases(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The base, for an official over it or its own staff (404 otherwise). */
    public PlacementBase get(String baseId) {
        PlacementBase b = mongo.findById(baseId, PlacementBase.class);
        if (b == null) {
            throw DomainException.notFound("base " + baseId);
        }
        Jurisdiction.requireOfficerOrOwnBase(b.getDivisionCode(), b.getId(), "base " + baseId);
        return b;
    }
}
