package cn.sunshine.placement;

import cn.sunshine.placement.employer.Employer;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An employer belongs to the county that registered it: another county's officer and any base's
 * staff cannot rewrite it; its own county's officers (and the province's) change it with a reason,
 * each change a revision with who, when and why; a placement made before a change keeps the
 * employer as it was.
 */
@SunshineServiceTest
class EmployerTest extends PlacementTestSupport {

    private static Map<String, Object> change(String name, String address, String hrPhone, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("address", address);
        body.put("hrPhone", hrPhone);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    @Test
    void onlyTheRegisteringCountyOrTheProvinceChangesAnEmployerEachChangeARevisionAndPlacementsKeepTheOld() {
        String baseId = UUID.randomUUID().toString();
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        Http yingcheng = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));
        Http anlu = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU));
        Http city = http().as(TestTokens.of("CITY_OFFICER", Seeds.XIAOGAN));
        Http province = http().as(TestTokens.of("PROVINCE_OFFICER", Seeds.PROVINCE));

        String code = creditCode(900_000 + Math.abs(baseId.hashCode() % 90_000));
        Http.Response registered = staff.post("/api/placement/employers", Map.of("name", "应城市盐化机械有限公司",
                "creditCode", code, "address", "应城市城中街道盐化大道1号", "hrPhone", "0712-3221234"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String id = registered.json().path("id").asText();
        assertThat(registered.json().path("registeredInDivision").asText()).isEqualTo(Seeds.YINGCHENG);
        assertThat(registered.json().path("revision").asInt()).isEqualTo(1);

        // a placement reported now, naming the registered employer
        String enrollmentId = complete(1, "class-" + baseId, baseId, Seeds.YINGCHENG, 2026).get(0);
        Map<String, Object> place = new HashMap<>(placeBody(enrollmentId, LocalDate.of(2026, 7, 1)));
        place.remove("employer");
        place.put("employerId", id);
        Http.Response placed = staff.post("/api/placement/placements", place);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String placementId = placed.json().path("id").asText();

        Map<String, Object> hijack = change("某某人力资源中介", "外省某市某区1号", "13900000000", "更正");
        // another county's officer: refused, and the employer is unchanged
        Http.Response foreign = anlu.put("/api/placement/employers/" + id, hijack);
        assertThat(foreign.status()).as(foreign.body()).isIn(403, 404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        // any base's staff, the registering one included: refused
        assertThat(staff.put("/api/placement/employers/" + id, hijack).status()).isEqualTo(403);
        assertThat(http().as(TestTokens.baseStaff(Seeds.ANLU, UUID.randomUUID().toString()))
                .put("/api/placement/employers/" + id, hijack).status()).isEqualTo(403);
        // the city above is not the keeper either (the county or the province)
        assertThat(city.put("/api/placement/employers/" + id, hijack).status()).isIn(403, 404);
        Employer unchanged = mongo.findById(id, Employer.class);
        assertThat(unchanged.getName()).isEqualTo("应城市盐化机械有限公司");
        assertThat(unchanged.getHrPhone()).isEqualTo("0712-3221234");
        assertThat(unchanged.getVersion()).isEqualTo(registered.json().path("version").asLong());

        // its own county: a reason is required, then the change is a revision with who, when and why
        Http.Response noReason = yingcheng.put("/api/placement/employers/" + id,
                change("应城市盐化机械股份有限公司", "应城市城中街道盐化大道1号", "0712-3229999", null));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        Http.Response changed = yingcheng.put("/api/placement/employers/" + id,
                change("应城市盐化机械股份有限公司", "应城市城中街道盐化大道1号", "0712-3229999", "企业改制，营业执照已变更"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("revision").asInt()).isEqualTo(2);
        assertThat(changed.json().path("lastChange").path("by").asText()).isEqualTo("county-officer-" + Seeds.YINGCHENG);
        assertThat(changed.json().path("lastChange").path("reason").asText()).isEqualTo("企业改制，营业执照已变更");
        assertThat(changed.json().path("lastChange").path("at").asText()).isNotBlank();
        // the province may change it too
        Http.Response byProvince = province.put("/api/placement/employers/" + id,
                change("应城市盐化机械股份有限公司", "应城市城中街道盐化大道2号", "0712-3229999", "地址核实更正"));
        assertThat(byProvince.status()).as(byProvince.body()).isEqualTo(200);

        // the history is kept, oldest first, readable by everyone in the program
        JsonNode history = http().as(TestTokens.of("AUDITOR", Seeds.ANLU)).get("/api/placement/employers/" + id + "/revisions").json();
        List<JsonNode> revisions = new java.util.ArrayList<>();
        history.path("revisions").forEach(revisions::add);
        assertThat(revisions).hasSize(3);
        assertThat(revisions.get(0).path("name").asText()).isEqualTo("应城市盐化机械有限公司");
        assertThat(revisions.get(0).path("reason").asText()).isEqualTo("registered");
        assertThat(revisions.get(1).path("hrPhone").asText()).isEqualTo("0712-3229999");
        assertThat(revisions.get(2).path("by").asText()).contains("province");
        assertThat(revisions.get(2).path("address").asText()).isEqualTo("应城市城中街道盐化大道2号");

        // the placement made before the changes keeps the employer as it was then
        JsonNode placement = yingcheng.get("/api/placement/placements/" + placementId).json();
        assertThat(placement.path("employer").path("name").asText()).isEqualTo("应城市盐化机械有限公司");
        assertThat(placement.path("employer").path("hrPhone").asText()).isEqualTo("0712-3221234");
        assertThat(placement.path("employer").path("address").asText()).isEqualTo("应城市城中街道盐化大道1号");
    }
}
