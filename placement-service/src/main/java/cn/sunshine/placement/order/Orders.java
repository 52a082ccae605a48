package cn.sunshine.placement.order;

import cn.sunshine.placement.base.AccreditedBase;
import cn.sunshine.placement.employer.Employer;
import cn.sunshine.placement.order.OrderDtos.CreateRequest;
import cn.sunshine.placement.order.OrderDtos.OrderView;
import cn.sunshine.placement.order.OrderDtos.PositionView;
import cn.sunshine.placement.placement.Placement;
import cn.sunshine.placement.support.Access;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.PageResult;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/** Use cases of employers' training orders: recorded by a base, linked to its classes, read with how far they are filled. */
@Service
public class Orders extends UseCase {

    public Orders(Changes changes, Clock clock) {
        super(changes, clock);
    }

    public TrainingOrder create(CreateRequest r) {
        CurrentUser staff = Jurisdiction.requireRole(Role.BASE_STAFF);
        AccreditedBase base = staff.baseId() == null ? null : mongo.findById(staff.baseId(), AccreditedBase.class);
        if (base == null || base.isRevoked()) {
            throw DomainException.rule("base-not-accredited", "Base not accredited",
                    "orders are recorded by accredited bases only");
        }
        Employer employer = mongo.findById(r.employerId(), Employer.class);
        if (employer == null) {
            throw DomainException.invalidField("employerId", Phrase.coded("order.employer-unknown",
                    "is not a registered employer"));
        }
        List<TrainingOrder.Position> positions = r.positions().stream()
                .map(p -> new TrainingOrder.Position(p.majorCode(), p.count(), p.monthlyWageFen(), p.place().trim()))
                .toList();
        TrainingOrder o = TrainingOrder.create(Ids.newId(), employer.getId(), employer.getName(),
                employer.getCreditCode(), base.getId(), base.getDivisionCode(), r.year(), positions, clock.instant(),
                staff.subject());
        return store.insert(o);
    }

    public TrainingOrder get(String id) {
        TrainingOrder o = mongo.findById(id, TrainingOrder.class);
        if (o == null) {
            throw DomainException.notFound("order " + id);
        }
        Jurisdiction.requireOfficerOrOwnBase(o.getDivisionCode(), o.getBaseId(), "order " + id);
        return o;
    }

    public PageResult<TrainingOrder> list(Integer year, Integer page, Integer size) {
        Criteria c = Access.listScope("baseId", "divisionCode");
        if (year != null) {
            c = new Criteria().andOperator(c, Criteria.where("year").is(year));
        }
        return PageResult.find(mongo, Query.query(c), TrainingOrder.class, page, size, Sort.by("createdAt"));
    }

    /** The base's staff link an opened class of theirs, of a major of the order, to the order (one order per class). */
    public TrainingOrder link(String id, String ifMatch, String classId) {
        return changes.change(TrainingOrder.class, id, ifMatch, o -> Jurisdiction.staffOf(o.getBaseId()),
                (TrainingOrder o, CurrentUser staff) -> {
                    TrainingClass c = mongo.findById(classId, TrainingClass.class);
                    if (c == null) {
                        throw DomainException.invalidField("classId", Phrase.coded("order.class-unknown",
                    "is not a class whose opening placement has seen"));
                    }
                    TrainingOrder other = mongo.findOne(Query.query(Criteria.where("classIds").is(c.getId())),
                            TrainingOrder.class);
                    if (other != null && !other.getId().equals(o.getId())) {
                        throw DomainException.conflict("class-linked-elsewhere", "Linked to another order",
                                "class " + c.getId() + " is linked to order " + other.getId());
                    }
                    o.link(c);
                });
    }

    /** The order with the placements made under it, per major. */
    public OrderView view(TrainingOrder o) {
        List<PositionView> positions = o.getPositions().stream().map(p -> new PositionView(p.majorCode(), p.count(),
                p.monthlyWageFen(), p.place(), mongo.count(Query.query(new Criteria().andOperator(
                        Criteria.where("orderId").is(o.getId()).and("majorCode").is(p.majorCode()),
                        Placement.countsAsPlaced())), Placement.class))).toList();
        return new OrderView(o.getId(), o.getVersion(), o.getEmployerId(), o.getEmployerName(),
                o.getEmployerCreditCode(), o.getBaseId(), o.getDivisionCode(), o.getYear(), positions,
                o.getClassIds(), o.getCreatedAt());
    }
}
