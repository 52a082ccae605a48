package cn.sunshine.accreditation.progress;

import cn.sunshine.platform.identifiers.CreditCode;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accreditation part of a progress report, set up through the service's own quota, base and
 * agreement endpoints: quota received per level, the committed placement rate of the agreements in
 * force weighted by their quota, bases accredited in the period; scoped to the caller's jurisdiction.
 * Uses 2031 and counties no other test touches (云梦县 420923, 孝昌县 420921, 襄阳's 谷城县 420625).
 */
@SunshineServiceTest
class ProgressFiguresTest extends ServiceTestSupport {

    private static final int YEAR = 2031;
    private static final String YUNMENG = "420923";
    private static final String XIAOCHANG = "420921";
    private static final String XIANGYANG = "420600";
    private static final String GUCHENG = "420625";
    private static final String PROVINCE_OFFICER = TestTokens.of("PROVINCE_OFFICER", Seeds.PROVINCE);
    private static final String CITY_OFFICER = TestTokens.of("CITY_OFFICER", Seeds.XIAOGAN);
    private static final String YUNMENG_OFFICER = TestTokens.of("COUNTY_OFFICER", YUNMENG);
    private static final String XIAOCHANG_OFFICER = TestTokens.of("COUNTY_OFFICER", XIAOCHANG);
    private static final AtomicInteger SERIAL = new AtomicInteger(1);

    @Test
    void figuresAreWhatTheLedgersAgreementsAndBasesHoldWithinTheCallersJurisdiction() {
        String province = created(http().as(PROVINCE_OFFICER).post("/api/accreditation/quota-ledgers",
                Map.of("divisionCode", Seeds.PROVINCE, "year", YEAR, "total", 100_000, "reason", "省阳光办下达年度培训转移任务")));
        allocate(PROVINCE_OFFICER, province, Map.of("toDivision", Seeds.XIAOGAN, "amount", 10_000, "reason", "孝感市任务"));
        // 襄阳市 gets no ledger: the province allocates to its county directly.
        allocate(PROVINCE_OFFICER, province, Map.of("toDivision", GUCHENG, "amount", 1_500, "reason", "谷城县任务"));
        String city = ledgerId(CITY_OFFICER, Seeds.XIAOGAN);
        allocate(CITY_OFFICER, city, Map.of("toDivision", YUNMENG, "amount", 2_000, "reason", "云梦县任务"));
        allocate(CITY_OFFICER, city, Map.of("toDivision", XIAOCHANG, "amount", 1_660, "reason", "孝昌县任务"));
        String county = ledgerId(YUNMENG_OFFICER, YUNMENG);

        String welding = registerBase("云梦县职业教育中心", "WELDING", "电焊", 800);
        String sewing = registerBase("云梦县劳动就业培训中心", "SEWING", "缝纫", 600);
        allocate(YUNMENG_OFFICER, county, toBase(welding, "WELDING", 800));
        allocate(YUNMENG_OFFICER, county, toBase(sewing, "SEWING", 400));
        // A third base, revoked on 1 March: accredited in the first quarter, not in the fourth.
        String revoked = registerBase("云梦县某培训学校", "COOKING", "烹饪", 100);
        clock.set(Instant.parse("2031-03-01T02:00:00Z"));
        Http.Response revocation = http().as(YUNMENG_OFFICER).post("/api/accreditation/bases/" + revoked + "/revocation",
                Map.of("reason", "年度检查：全年未开班"));
        assertThat(revocation.status()).as(revocation.toString()).isEqualTo(200);
        String first = signedAgreement(welding, "WELDING", 800, 9000);
        // The second is signed in mid-November: not yet in force at the end of October.
        clock.set(Instant.parse("2031-11-15T02:00:00Z"));
        String second = signedAgreement(sewing, "SEWING", 400, 9350);
        assertThat(first).isNotEqualTo(second);
        // An amendment the base has not signed yet does not change what is in force.
        Http.Response amended = http().as(YUNMENG_OFFICER).post("/api/accreditation/agreements/" + second + "/amendments",
                Map.of("majors", List.of(Map.of("majorCode", "SEWING", "quota", 400, "feeFen", 30_000)),
                        "subsidyPaymentMode", "REDUCED_FEE", "committedPlacementRateBp", 9900, "reason", "提高承诺"));
        assertThat(amended.status()).as(amended.toString()).isEqualTo(200);

        // (800 × 9000 + 400 × 9350) / 1200 = 9116.67 → 9117 basis points.
        JsonNode yunmeng = progress(YUNMENG_OFFICER, YUNMENG, "2031-10-01", "2031-12-31", 200);
        assertThat(yunmeng.path("division").asText()).isEqualTo(YUNMENG);
        assertThat(yunmeng.path("from").asText()).isEqualTo("2031-10-01");
        assertThat(yunmeng.path("to").asText()).isEqualTo("2031-12-31");
        JsonNode f = yunmeng.path("figures");
        assertThat(f.path("quota").asLong()).isEqualTo(2_000);
        assertThat(f.path("committedPlacementRateBp").asLong()).isEqualTo(9117);
        assertThat(f.path("agreementsInForce").asLong()).isEqualTo(2);
        assertThat(f.path("agreedQuota").asLong()).isEqualTo(1_200);
        assertThat(f.path("basesAccredited").asLong()).isEqualTo(2);

        JsonNode october = progress(YUNMENG_OFFICER, YUNMENG, "2031-10-01", "2031-10-31", 200).path("figures");
        assertThat(october.path("committedPlacementRateBp").asLong()).isEqualTo(9000);
        assertThat(october.path("agreementsInForce").asLong()).isEqualTo(1);
        assertThat(october.path("agreedQuota").asLong()).isEqualTo(800);
        assertThat(october.path("quota").asLong()).as("the year's quota, in every period of it").isEqualTo(2_000);

        assertThat(progress(YUNMENG_OFFICER, YUNMENG, "2031-01-01", "2031-03-31", 200).path("figures")
                .path("basesAccredited").asLong()).isEqualTo(3);

        // The city: its own ledger's received (not only what it passed on); the agreements below it.
        JsonNode xiaogan = progress(CITY_OFFICER, Seeds.XIAOGAN, "2031-10-01", "2031-12-31", 200).path("figures");
        assertThat(xiaogan.path("quota").asLong()).isEqualTo(10_000);
        assertThat(xiaogan.path("committedPlacementRateBp").asLong()).isEqualTo(9117);
        assertThat(xiaogan.path("basesAccredited").asLong()).isEqualTo(2);
        // A city the province bypassed: the county ledgers below it.
        assertThat(progress(PROVINCE_OFFICER, XIANGYANG, "2031-01-01", "2031-12-31", 200).path("figures")
                .path("quota").asLong()).isEqualTo(1_500);
        assertThat(progress(PROVINCE_OFFICER, Seeds.PROVINCE, "2031-01-01", "2031-12-31", 200).path("figures")
                .path("quota").asLong()).isEqualTo(100_000);
        // A county with a quota but no agreement yet: no rate (null, not 0).
        JsonNode xiaochang = progress(XIAOCHANG_OFFICER, XIAOCHANG, "2031-10-01", "2031-12-31", 200).path("figures");
        assertThat(xiaochang.path("quota").asLong()).isEqualTo(1_660);
        assertThat(xiaochang.path("committedPlacementRateBp").isNull()).isTrue();
        assertThat(xiaochang.path("agreementsInForce").asLong()).isZero();
        assertThat(xiaochang.path("basesAccredited").asLong()).isZero();
        // A year with nothing: no quota, no bases (their term ends 2031-12-31).
        JsonNode later = progress(YUNMENG_OFFICER, YUNMENG, "2032-01-01", "2032-01-31", 200).path("figures");
        assertThat(later.path("quota").asLong()).isZero();
        assertThat(later.path("committedPlacementRateBp").isNull()).isTrue();
        assertThat(later.path("basesAccredited").asLong()).isZero();

        // Jurisdiction: another county, or the city above, is not found; base staff may not ask.
        assertThat(problem(XIAOCHANG_OFFICER, YUNMENG, "2031-10-01", "2031-12-31", 404).path("type").asText())
                .isEqualTo("urn:sunshine:problem:not-found");
        problem(YUNMENG_OFFICER, Seeds.XIAOGAN, "2031-10-01", "2031-12-31", 404);
        problem(TestTokens.baseStaff(YUNMENG, welding), YUNMENG, "2031-10-01", "2031-12-31", 403);
        // Bad inputs name the field.
        assertThat(problem(YUNMENG_OFFICER, YUNMENG, "2031-12-31", "2031-10-01", 400).path("errors").path(0)
                .path("field").asText()).isEqualTo("to");
        assertThat(problem(YUNMENG_OFFICER, "42092", "2031-10-01", "2031-12-31", 400).toString()).contains("division");
        assertThat(http().as(YUNMENG_OFFICER).get("/api/accreditation/progress?division=" + YUNMENG
                + "&from=2031-13-01&to=2031-12-31").status()).isEqualTo(400);
        Http.Response missing = http().as(YUNMENG_OFFICER).get("/api/accreditation/progress?division=" + YUNMENG + "&to=2031-12-31");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").toString()).contains("from");
    }

    private JsonNode progress(String token, String division, String from, String to, int status) {
        Http.Response r = http().as(token).get("/api/accreditation/progress?division=" + division + "&from=" + from + "&to=" + to);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r.json();
    }

    private JsonNode problem(String token, String division, String from, String to, int status) {
        JsonNode body = progress(token, division, from, to, status);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        return body;
    }

    private static String created(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private void allocate(String token, String ledgerId, Map<String, Object> body) {
        Http.Response r = http().as(token).post("/api/accreditation/quota-ledgers/" + ledgerId + "/allocations", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private String ledgerId(String token, String division) {
        JsonNode items = http().as(token).get("/api/accreditation/quota-ledgers?division=" + division + "&year=" + YEAR)
                .json().path("items");
        assertThat(items).hasSize(1);
        return items.path(0).path("id").asText();
    }

    private static Map<String, Object> toBase(String baseId, String major, int amount) {
        return Map.of("baseId", baseId, "majorCode", major, "amount", amount, "reason", "按基地认定的年培训能力分配");
    }

    private String registerBase(String name, String majorCode, String majorName, int capacity) {
        String first17 = "52" + YUNMENG + String.format("MP%07d", SERIAL.getAndIncrement());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("creditCode", first17 + CreditCode.checkCharacter(first17));
        r.put("divisionCode", YUNMENG);
        r.put("address", "湖北省云梦县城关镇");
        r.put("validFrom", "2031-01-01");
        r.put("validUntil", "2031-12-31");
        r.put("majors", List.of(Map.of("majorCode", majorCode, "majorName", majorName, "annualCapacity", capacity,
                "feeStandardFen", 60_000)));
        return created(http().as(YUNMENG_OFFICER).post("/api/accreditation/bases", r));
    }

    private String signedAgreement(String baseId, String major, int quota, int rateBp) {
        String id = created(http().as(YUNMENG_OFFICER).post("/api/accreditation/agreements", Map.of("baseId", baseId,
                "year", YEAR, "majors", List.of(Map.of("majorCode", major, "quota", quota, "feeFen", 60_000)),
                "subsidyPaymentMode", "REDUCED_FEE", "committedPlacementRateBp", rateBp)));
        Http.Response signed = http().as(TestTokens.baseStaff(YUNMENG, baseId))
                .post("/api/accreditation/agreements/" + id + "/signature", Map.of("signatoryName", "王校长", "signatoryTitle", "校长"));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        return id;
    }
}
