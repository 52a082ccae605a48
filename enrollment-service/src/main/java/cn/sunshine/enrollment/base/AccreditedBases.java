package cn.sunshine.enrollment.base;

import cn.sunshine.platform.bases.AccreditedBaseEvents;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.web.PageResult;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Reads of the bases as enrollment knows them (kept from accreditation's events, {@link BaseEvents}). */
@Service
public class AccreditedBases {

    private final MongoTemplate mongo;

    public AccreditedBases(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A base its officers or its own staff may see; 404 for anyone else. */
    public BaseDtos.AccreditedBaseView get(String baseId) {
        return BaseDtos.AccreditedBaseView.of(AccreditedBaseEvents.readable(mongo, AccreditedBase.class, baseId));
    }

    /** The bases in the officer's jurisdiction. */
    public PageResult<BaseDtos.AccreditedBaseView> list(Integer page, Integer size) {
        Jurisdiction.requireRole(Jurisdiction.OFFICIALS);
        return PageResult.find(mongo, Query.query(Jurisdiction.scope("divisionCode")), AccreditedBase.class, page, size,
                Sort.by("divisionCode", "name")).map(BaseDtos.AccreditedBaseView::of);
    }
}
