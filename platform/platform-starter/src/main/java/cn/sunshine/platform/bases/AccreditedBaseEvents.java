package cn.sunshine.platform.bases;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRevoked;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import cn.sunshine.platform.security.Jurisdiction;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.function.Supplier;

/**
 * The one way a service keeps and reads its {@link AccreditedBaseModel} (docs/events.md): created by the first
 * of {@code accreditation.base.accredited.v1} / {@code accreditation.base.revoked.v1} that names the base,
 * changed by the later ones, each event applied once ({@link Projections}).
 */
public final class AccreditedBaseEvents {

    private AccreditedBaseEvents() {
    }

    /**
     * The subscriptions that keep {@code type}: {@code fresh} makes an empty one, which gets the base's id and
     * then the event.
     */
    public static <T extends AggregateRoot & AccreditedBaseModel> EventSubscriptions subscriptions(
            Projections projections, Class<T> type, Supplier<T> fresh) {
        return EventSubscriptions.create()
                .on(EventTypes.BASE_ACCREDITED, projections.handler(type, BaseAccredited::baseId,
                        (BaseAccredited e) -> created(fresh, e.baseId(), b -> b.apply(e)), (T b, BaseAccredited e) -> b.apply(e)))
                .on(EventTypes.BASE_REVOKED, projections.handler(type, BaseRevoked::baseId,
                        (BaseRevoked e) -> created(fresh, e.baseId(), b -> b.apply(e)), (T b, BaseRevoked e) -> b.apply(e)));
    }

    /** The base, for an official over it or its own staff; 404 for anyone else and for a base not (yet) known. */
    public static <T extends AggregateRoot & AccreditedBaseModel> T readable(MongoTemplate mongo, Class<T> type,
                                                                           String baseId) {
        T b = mongo.findById(baseId, type);
        if (b == null) {
            throw DomainException.notFound("base " + baseId);
        }
        Jurisdiction.requireOfficerOrOwnBase(b.getDivisionCode(), b.getId(), "base " + baseId);
        return b;
    }

    private static <T extends AggregateRoot> T created(Supplier<T> fresh, String baseId,
                                                       java.util.function.Consumer<T> first) {
        T b = fresh.get();
        b.assignId(baseId);
        first.accept(b);
        return b;
    }
}
