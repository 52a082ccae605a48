package cn.sunshine.placement;

import cn.sunshine.placement.base.AccreditedBase;
import cn.sunshine.placement.order.TrainingClass;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.enrollment.ClassOpened;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestEvents;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Employers (credit code checked, one record per code), their orders with a base, order classes and placements under an order. */
@SunshineServiceTest
class OrderTest extends PlacementTestSupport {

    private void openClass(String classId, String baseId, String form) {
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.CLASS_OPENED,
                new ClassOpened(classId, baseId, Seeds.YINGCHENG, "WELDING", 2026, form,
                        "ORDER".equals(form) ? "武汉江城重工有限公司" : null, false, "城中街道", null,
                        LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 15), 40, 0, 30,
                        Instant.parse("2026-05-01T02:00:00Z"), "county-officer-420981"),
                classId, Seeds.YINGCHENG);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(classId, TrainingClass.class) != null);
    }

    @Test
    void anEmployersOrderIsTrainedForByALinkedClassAndFilledByPlacements() {
        String baseId = UUID.randomUUID().toString();
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_ACCREDITED,
                Seeds.baseAccredited(baseId, Seeds.YINGCHENG), baseId, Seeds.YINGCHENG);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(baseId, AccreditedBase.class) != null);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));

        // employers: the credit code's check character is verified, one record per code
        String code = creditCode(100_000 + Math.abs(baseId.hashCode() % 800_000));
        Map<String, Object> employer = Map.of("name", "武汉江城重工有限公司", "creditCode", code,
                "address", "武汉市江夏区庙山大道8号", "hrPhone", "027-87654321");
        Map<String, Object> wrongCheck = new HashMap<>(employer);
        wrongCheck.put("creditCode", code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0'));
        Http.Response refused = staff.post("/api/placement/employers", wrongCheck);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("creditCode");
        Http.Response registered = staff.post("/api/placement/employers", employer);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String employerId = registered.json().path("id").asText();
        assertThat(staff.post("/api/placement/employers", employer).status()).isEqualTo(409);

        // the order: positions per major, count, wage and place
        Http.Response created = staff.post("/api/placement/orders", Map.of("employerId", employerId, "year", 2026,
                "positions", List.of(Map.of("majorCode", "WELDING", "count", 30, "monthlyWageFen", 500000,
                        "place", "武汉市江夏区"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String orderId = created.json().path("id").asText();
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).get("/api/placement/orders/" + orderId)
                .status()).isEqualTo(404);

        // a class trained for it is linked; a class of another training form is not
        String classId = "class-" + baseId;
        openClass(classId, baseId, "ORDER");
        Http.Response linked = staff.post("/api/placement/orders/" + orderId + "/classes", Map.of("classId", classId));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(linked.json().path("classIds").get(0).asText()).isEqualTo(classId);
        assertThat(staff.post("/api/placement/orders/" + orderId + "/classes", Map.of("classId", classId)).status())
                .isEqualTo(409);
        String freeClass = "free-" + baseId;
        openClass(freeClass, baseId, "FREE");
        assertThat(staff.post("/api/placement/orders/" + orderId + "/classes", Map.of("classId", freeClass)).status())
                .isEqualTo(400);

        // placements under the order fill it; the order's employer only
        List<String> completers = complete(2, classId, baseId, Seeds.YINGCHENG, 2026);
        Map<String, Object> underOrder = placeBody(completers.get(0), LocalDate.of(2026, 7, 1),
                Map.of("employer", employer, "orderId", orderId));
        assertThat(staff.post("/api/placement/placements", underOrder).status()).isEqualTo(201);
        // or naming the registered employer instead of giving it inline
        Map<String, Object> byId = new HashMap<>(placeBody(completers.get(1), LocalDate.of(2026, 7, 1)));
        byId.remove("employer");
        byId.put("employerId", employerId);
        byId.put("orderId", orderId);
        Map<String, Object> both = new HashMap<>(byId);
        both.put("employer", employer);
        assertThat(staff.post("/api/placement/placements", both).status()).isEqualTo(400);
        Map<String, Object> otherEmployer = placeBody(completers.get(1), LocalDate.of(2026, 7, 1),
                Map.of("orderId", orderId));
        assertThat(staff.post("/api/placement/placements", otherEmployer).status()).isEqualTo(400);
        Http.Response placedById = staff.post("/api/placement/placements", byId);
        assertThat(placedById.status()).as(placedById.body()).isEqualTo(201);
        assertThat(placedById.json().path("employer").path("creditCode").asText()).isEqualTo(code);
        assertThat(placedById.json().path("employer").path("hrPhone").asText()).isEqualTo("027-87654321");

        JsonNode order = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG)).get("/api/placement/orders/" + orderId).json();
        assertThat(order.path("positions").get(0).path("count").asInt()).isEqualTo(30);
        assertThat(order.path("positions").get(0).path("placed").asLong()).isEqualTo(2);
    }
}
