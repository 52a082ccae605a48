package cn.sunshine.placement.order;

import cn.sunshine.placement.order.OrderDtos.CreateRequest;
import cn.sunshine.placement.order.OrderDtos.LinkRequest;
import cn.sunshine.placement.order.OrderDtos.OrderView;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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

@RestController
@Tag(name = "Orders", description = "Employers' training orders (订单培训) with a base, their classes and how far they are filled")
public class OrderController {

    private final Orders orders;

    public OrderController(Orders orders) {
        this.orders = orders;
    }

    @PostMapping("/api/placement/orders")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Record an employer's training order with your base")
    public ResponseEntity<OrderView> create(@Valid @RequestBody CreateRequest r) {
        TrainingOrder o = orders.create(r);
        return ResponseEntity.created(URI.create("/api/placement/orders/" + o.getId()))
                .eTag(ETags.of(o.getVersion())).body(orders.view(o));
    }

    @GetMapping("/api/placement/orders/{id}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "An order with its classes and the placements made under it, per major")
    public ResponseEntity<OrderView> get(@PathVariable String id) {
        return Answers.ok(orders.get(id), orders::view);
    }

    @GetMapping("/api/placement/orders")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Orders in your jurisdiction (or of your base)")
    public PageResult<OrderView> list(@RequestParam(required = false) Integer year,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return orders.list(year, page, size).map(orders::view);
    }

    @PostMapping("/api/placement/orders/{id}/classes")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Link an order class (opened, same base, a major of the order) to the order")
    public ResponseEntity<OrderView> link(@PathVariable String id,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody LinkRequest r) {
        return Answers.ok(orders.link(id, ifMatch, r.classId()), orders::view);
    }
}
