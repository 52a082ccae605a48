package cn.sunshine.console.order;

import cn.sunshine.console.accreditation.Pages;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.export.ListExports;
import cn.sunshine.console.web.CurrentUser;
import cn.sunshine.console.web.Formats;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.sunshine.console.classes.BaseClassesController.blankToNull;
import static cn.sunshine.console.classes.BaseClassesController.fen;
import static cn.sunshine.console.classes.BaseClassesController.integer;
import static cn.sunshine.console.classes.ClassesController.seg;
import static cn.sunshine.console.export.ListExports.column;
import static cn.sunshine.console.export.ListExports.count;
import static cn.sunshine.console.export.ListExports.text;
import static cn.sunshine.console.spotcheck.SpotChecksController.idempotent;
import static cn.sunshine.console.web.FormFeedback.refused;
import static cn.sunshine.console.year.ClassWorkController.ifMatch;
import static cn.sunshine.console.year.ClassWorkController.require;

/**
 * Employers' training orders (用工订单, 订单培训): the county's orders for its officers, the base's for its staff; base
 * staff record an order (the employer found by its credit code, or registered with it; a position per major: places,
 * wage in yuan sent as fen, workplace) and link an opened order class to it ({@code If-Match} the order's version);
 * each order's page shows its positions with the trainees placed under it per major.
 */
@Controller
public class OrdersController {

    static final String[] READERS = {"COUNTY_OFFICER", "CITY_OFFICER", "PROVINCE_OFFICER", "COUNTY_LEADER", "BASE_STAFF"};
    static final int ROWS = 5;

    private final Gateway gateway;
    private final ListExports exports;

    public OrdersController(Gateway gateway, ListExports exports) {
        this.gateway = gateway;
        this.exports = exports;
    }

    static int year(Integer year) {
        int now = LocalDate.now(Formats.PROGRAMME_ZONE).getYear();
        return year == null || year < 2000 || year > now + 1 ? now : year;
    }

    @GetMapping("/orders")
    String list(@RequestParam(required = false) Integer year, @RequestParam(defaultValue = "0") int page,
                Authentication auth, Model model) {
        require(auth, READERS);
        int y = year(year);
        model.addAttribute("year", y);
        model.addAttribute("yearText", String.valueOf(y));
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("size", 50);
        model.addAttribute("list", gateway.get("/api/placement/orders?year=" + y + "&size=50&page=" + Math.max(0, page)).body());
        return "order/list";
    }

    /**
     * The year's orders as Excel, one row an order: its positions (major × places, wage, workplace), places needed
     * and filled, order classes. A year that is not a number, or out of range, is the current year, as on the page.
     */
    @GetMapping("/orders/export.xlsx")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String year, Authentication auth) {
        require(auth, READERS);
        Map<Object, Object> bases = exports.baseNames();
        Integer asked = year != null && year.strip().matches("\\d{4}") ? Integer.valueOf(year.strip()) : null;
        return exports.ledger("orders", List.of(
                text("order.number", "id"),
                text("order.employer", "employerName"),
                text("order.creditCode", "employerCreditCode"),
                column("check.base", o -> bases.getOrDefault(o.get("baseId"), o.get("baseId"))),
                text("order.year", "year"),
                column("order.positions", o -> positions(o)),
                column("order.count", o -> sum(o, "count")),
                column("order.placed", o -> sum(o, "placed")),
                count("order.classes", "classIds"),
                exports.date("order.createdAt", "createdAt")),
                exports.all("/api/placement/orders?year=" + year(asked)));
    }

    private String positions(Map<?, ?> order) {
        List<String> out = new ArrayList<>();
        if (order.get("positions") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> p) {
                    out.add(p.get("majorCode") + " × " + p.get("count") + " · " + exports.fmt().money(p.get("monthlyWageFen"))
                            + (p.get("place") == null ? "" : " · " + p.get("place")));
                }
            }
        }
        return String.join("；", out);
    }

    private static long sum(Map<?, ?> order, String field) {
        long sum = 0;
        if (order.get("positions") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> p && p.get(field) instanceof Number n) {
                    sum += n.longValue();
                }
            }
        }
        return sum;
    }

    @GetMapping("/orders/new")
    String form(Authentication auth, Model model) {
        CurrentUser me = require(auth, "BASE_STAFF");
        drawForm(me, Map.of("year", String.valueOf(year(null))), model);
        return "order/new";
    }

    private void drawForm(CurrentUser me, Map<String, String> form, Model model) {
        Object majors = List.of();
        try {
            majors = gateway.get("/api/enrollment/bases/" + seg(me.baseId())).body().getOrDefault("majors", List.of());
        } catch (ApiException e) {
            cn.sunshine.console.year.ClassWorkController.signInAgain(e);
        }
        model.addAttribute("majors", majors);
        model.addAttribute("form", form);
        model.addAttribute("rows", java.util.stream.IntStream.range(0, ROWS).boxed().toList());
        model.addAttribute("key", UUID.randomUUID().toString());
    }

    @PostMapping("/orders")
    String create(@RequestParam Map<String, String> f, Authentication auth, HttpServletResponse response, Model model) {
        CurrentUser me = require(auth, "BASE_STAFF");
        List<Map<String, Object>> positions = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String major = blankToNull(f.get("majorCode-" + i));
            if (major == null) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("majorCode", major);
            p.put("count", integer(f.get("count-" + i)));
            p.put("monthlyWageFen", fen(f.get("wageYuan-" + i)));
            p.put("place", blankToNull(f.get("place-" + i)));
            positions.add(p);
        }
        try {
            String employerId = employer(f);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("employerId", employerId);
            body.put("year", integer(f.get("year")));
            body.put("positions", positions);
            Map<String, Object> answer = gateway.post("/api/placement/orders", body, idempotent(f.get("key"))).body();
            return "redirect:/orders/" + seg(String.valueOf(answer.get("id"))) + "?done=created";
        } catch (ApiException e) {
            refused(e, model, response);
            drawForm(me, f, model);
            return "order/new";
        }
    }

    /** The employer by its unified social credit code, registered first when the programme does not know it yet. */
    private String employer(Map<String, String> f) {
        String code = blankToNull(f.get("creditCode"));
        if (code != null && code.matches("[0-9A-Z]{18}")) {
            Map<String, Object> found = gateway.get("/api/placement/employers?creditCode=" + code).body();
            if (found.get("items") instanceof List<?> items && !items.isEmpty() && items.get(0) instanceof Map<?, ?> e) {
                return String.valueOf(e.get("id"));
            }
        }
        Map<String, Object> employer = new LinkedHashMap<>();
        employer.put("name", blankToNull(f.get("employerName")));
        employer.put("creditCode", code);
        employer.put("address", blankToNull(f.get("address")));
        employer.put("hrPhone", blankToNull(f.get("hrPhone")));
        return String.valueOf(gateway.post("/api/placement/employers", employer, idempotent(f.get("key") + "-employer")).body().get("id"));
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable String id, @RequestParam(required = false) String done, Authentication auth, Model model) {
        CurrentUser me = require(auth, READERS);
        Pages.sayDone(model, done, "[a-z]{1,20}");
        drawOrder(id, me, model);
        return "order/order";
    }

    private void drawOrder(String id, CurrentUser me, Model model) {
        Map<String, Object> order = gateway.get("/api/placement/orders/" + seg(id)).body();
        model.addAttribute("order", order);
        model.addAttribute("orderId", id);
        if (me.has("BASE_STAFF")) {
            // the base's opened order classes not yet linked to this order: the choices to link
            List<Object> linkable = new ArrayList<>();
            try {
                Object items = gateway.get("/api/enrollment/classes?status=OPENED&size=100").body().get("items");
                List<?> linked = order.get("classIds") instanceof List<?> l ? l : List.of();
                if (items instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof Map<?, ?> c && "ORDER".equals(c.get("trainingForm")) && !linked.contains(c.get("id"))) {
                            linkable.add(c);
                        }
                    }
                }
            } catch (ApiException e) {
                cn.sunshine.console.year.ClassWorkController.signInAgain(e);
            }
            model.addAttribute("linkable", linkable);
        }
    }

    @PostMapping("/orders/{id}/classes")
    String link(@PathVariable String id, @RequestParam(required = false) String classId,
                @RequestParam(required = false) String version, Authentication auth, HttpServletResponse response, Model model) {
        CurrentUser me = require(auth, "BASE_STAFF");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("classId", blankToNull(classId));
        try {
            gateway.post("/api/placement/orders/" + seg(id) + "/classes", body, ifMatch(version));
            return "redirect:/orders/" + seg(id) + "?done=linked";
        } catch (ApiException e) {
            refused(e, model, response);
            drawOrder(id, me, model);
            return "order/order";
        }
    }
}
