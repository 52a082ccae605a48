package cn.sunshine.placement.order;

import cn.sunshine.placement.base.PlacementBase;
import cn.sunshine.placement.employer.Employer;
import cn.sunshine.placement.placement.Placement;
import cn.sunshine.placement.support.Access;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

@RestController
@Tag(name = "Orders", description = "Employers' training orders (订单培训) with a base, their classes and how far they are filled")
public class OrderController {

    public record PositionRequest(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be an upper-case code such as WELDING") String majorCode,
            @NotNull @Min(1) @Max(100_000) Integer count,
            @NotNull @Min(1) @Max(100_000_000) Long monthlyWageFen,
            @NotBlank @Size(max = 200) String place) {
    }

    public record CreateRequest(@NotBlank @Size(max = 100) String employerId,
                                @NotNull @Min(2000) @Max(2100) Integer year,
                                @NotEmpty @Size(max = 40) List<@Valid @NotNull PositionRequest> positions) {
    }

    public record LinkRequest(@NotBlank @Size(max = 100) String classId) {
    }

    public record PositionView(String majorCode, int count, long monthlyWageFen, String place, long placed) {
    }

    public record OrderView(String id, long version, String employerId, String employerName, String employerCreditCode,
                            String baseId, String divisionCode, int year, List<PositionView> positions,
                            List<String> classIds, Instant createdAt) {
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Clock clock;

    public OrderController(MongoTemplate mongo, AggregateStore store, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.clock = clock;
    }

    @PostMapping("/api/placement/orders")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Record an employer's training order with your base")
    public ResponseEntity<OrderView> create(@Valid @RequestBody CreateRequest r) {
        CurrentUser staff = Jurisdiction.requireRole(Role.BASE_STAFF);
        PlacementBase base = staff.baseId() == null ? null : mongo.findById(staff.baseId(), PlacementBase.class);
        if (base == null || base.isRevoked()) {
            throw DomainException.rule("base-not-accredited", "Base not accredited",
                    "orders are recorded by accredited bases only");
        }
        Employer employer = mongo.findById(r.employerId(), Employer.class);
        if (employer == null) {
            throw DomainException.invalidField("employerId", "is not a registered employer");
        }
        List<TrainingOrder.Position> positions = r.positions().stream()
                .map(p -> new TrainingOrder.Position(p.majorCode(), p.count(), p.monthlyWageFen(), p.place().trim()))
                .toList();
        TrainingOrder o = TrainingOrder.create(Ids.newId(), employer.getId(), employer.getName(),
                employer.getCreditCode(), base.getId(), base.getDivisionCode(), r.year(), positions, clock.instant(),
                staff.subject());
        store.insert(o);
        return ResponseEntity.created(URI.create("/api/placement/orders/" + o.getId()))
                .eTag(ETags.of(o.getVersion())).body(view(o));
    }

    @GetMapping("/api/placement/orders/{id}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER,
            Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "An order with its classes and the placements made under it, per major")
    public ResponseEntity<OrderView> get(@PathVariable String id) {
        TrainingOrder o = find(id);
        Jurisdiction.requireOfficerOrOwnBase(o.getDivisionCode(), o.getBaseId(), "order " + id);
        return ResponseEntity.ok().eTag(ETags.of(o.getVersion())).body(view(o));
    }

    @GetMapping("/api/placement/orders")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER,
            Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "Orders in your jurisdiction (or of your base)")
    public PageResult<OrderView> list(@RequestParam(required = false) Integer year,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        Criteria c = Access.listScope("baseId", "divisionCode");
        if (year != null) {
            c = new Criteria().andOperator(c, Criteria.where("year").is(year));
        }
        return PageResult.find(mongo, Query.query(c), TrainingOrder.class, page, size, Sort.by("createdAt"))
                .map(this::view);
    }

    @PostMapping("/api/placement/orders/{id}/classes")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Link an order class (opened, same base, a major of the order) to the order")
    public ResponseEntity<OrderView> link(@PathVariable String id,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody LinkRequest r) {
        TrainingOrder o = find(id);
        Access.staffOf(o.getBaseId());
        ETags.requireMatch(ifMatch, o.getVersion(), "order " + id);
        TrainingClass c = mongo.findById(r.classId(), TrainingClass.class);
        if (c == null) {
            throw DomainException.invalidField("classId", "is not a class whose opening placement has seen");
        }
        TrainingOrder other = mongo.findOne(Query.query(Criteria.where("classIds").is(c.getId())), TrainingOrder.class);
        if (other != null && !other.getId().equals(o.getId())) {
            throw DomainException.conflict("class-linked-elsewhere", "Linked to another order",
                    "class " + c.getId() + " is linked to order " + other.getId());
        }
        o.link(c);
        store.update(o);
        return ResponseEntity.ok().eTag(ETags.of(o.getVersion())).body(view(o));
    }

    private TrainingOrder find(String id) {
        TrainingOrder o = mongo.findById(id, TrainingOrder.class);
        if (o == null) {
            throw DomainException.notFound("order " + id);
        }
        return o;
    }

    private OrderView view(TrainingOrder o) {
        List<PositionView> positions = o.getPositions().stream().map(p -> new PositionView(p.majorCode(), p.count(),
                p.monthlyWageFen(), p.place(), mongo.count(Query.query(new Criteria().andOperator(
                        Criteria.where("orderId").is(o.getId()).and("majorCode").is(p.majorCode()),
                        Placement.countsAsPlaced())), Placement.class))).toList();
        return new OrderView(o.getId(), o.getVersion(), o.getEmployerId(), o.getEmployerName(),
                o.getEmployerCreditCode(), o.getBaseId(), o.getDivisionCode(), o.getYear(), positions,
                o.getClassIds(), o.getCreatedAt());
    }
}
