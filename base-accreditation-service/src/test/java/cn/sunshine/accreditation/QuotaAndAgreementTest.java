package cn.sunshine.accreditation;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.GoldenSamples;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestClockConfiguration;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The quota flows province → city → county → bases and is never over-allocated, also under
 * concurrent allocations; reallocations keep their history; agreements are signed by both sides and
 * amended in versions.
 */
@SunshineServiceTest
class QuotaAndAgreementTest extends ServiceTestSupport {


    private Http.Response allocate(String token, String ledgerId, String key, Map<String, Object> body) {
        Http h = http().as(token);
        if (key != null) {
            h = h.header("Idempotency-Key", key);
        }
        return h.post("/api/accreditation/quota-ledgers/" + ledgerId + "/allocations", body);
    }

    private JsonNode ledger(String token, String division, int year) {
        JsonNode items = http().as(token).get("/api/accreditation/quota-ledgers?division=" + division + "&year=" + year)
                .json().path("items");
        assertThat(items).as("ledger of %s %d", division, year).hasSize(1);
        return items.path(0);
    }

    private static Map<String, Object> toBase(String baseId, String major, int amount, String replaces) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseId", baseId);
        m.put("majorCode", major);
        m.put("amount", amount);
        if (replaces != null) {
            m.put("replaces", replaces);
        }
        m.put("reason", "按基地认定的年培训能力分配");
        return m;
    }

    @Test
    void twentyConcurrentAllocationsNeverOverAllocateACountysQuota() throws Exception {
        int year = 2027;
        Http.Response plan = http().as(Fixtures.PROVINCE_OFFICER).post("/api/accreditation/quota-ledgers",
                Map.of("divisionCode", Seeds.PROVINCE, "year", year, "total", 120_000, "reason", "省阳光办下达年度培训转移任务"));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        assertThat(http().as(Fixtures.PROVINCE_OFFICER).post("/api/accreditation/quota-ledgers",
                Map.of("divisionCode", Seeds.PROVINCE, "year", year, "total", 1, "reason", "again")).status()).isEqualTo(409);
        String provinceLedger = plan.json().path("id").asText();
        assertThat(allocate(Fixtures.PROVINCE_OFFICER, provinceLedger, "p-xiaogan-" + year,
                Map.of("toDivision", Seeds.XIAOGAN, "amount", 10_000, "reason", "孝感市任务")).status()).isEqualTo(201);
        String cityLedger = ledger(Fixtures.CITY_OFFICER, Seeds.XIAOGAN, year).path("id").asText();
        assertThat(ledger(Fixtures.CITY_OFFICER, Seeds.XIAOGAN, year).path("received").asInt()).isEqualTo(10_000);
        Http.Response toCounty = allocate(Fixtures.CITY_OFFICER, cityLedger, "c-yingcheng-" + year,
                Map.of("toDivision", Seeds.YINGCHENG, "amount", 3660, "reason", "应城市任务"));
        assertThat(toCounty.status()).as(toCounty.toString()).isEqualTo(201);
        JsonNode county = ledger(Fixtures.OFFICER, Seeds.YINGCHENG, year);
        assertThat(county.path("received").asInt()).isEqualTo(3660);
        String countyLedger = county.path("id").asText();

        // four bases with five majors of 300 each: twenty recipients.
        List<String[]> recipients = new ArrayList<>();
        List<String> majors = List.of("WELDING", "SEWING", "COMPUTING", "DRIVING", "COOKING");
        for (int b = 0; b < 4; b++) {
            Map<String, Integer> caps = new LinkedHashMap<>();
            majors.forEach(m -> caps.put(m, 300));
            String baseId = Fixtures.registerBase(http(), Fixtures.INSTITUTIONS.get(b), Fixtures.creditCode(), caps);
            majors.forEach(m -> recipients.add(new String[]{baseId, m}));
        }

        // 20 threads allocate 200 each against 3,660 at the same moment: exactly 18 fit.
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String[] r = recipients.get(i);
            String key = "alloc-" + year + "-" + i;
            answers.add(pool.submit(() -> {
                start.await();
                return allocate(Fixtures.OFFICER, countyLedger, key, toBase(r[0], r[1], 200, null));
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        List<Integer> succeeded = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Http.Response a = answers.get(i).get();
            statuses.add(a.status());
            if (a.status() == 201) {
                succeeded.add(i);
            } else {
                assertThat(a.status()).as(a.toString()).isEqualTo(422);
                assertThat(a.json().path("type").asText()).isEqualTo("urn:sunshine:problem:quota-exceeded");
                assertThat(a.json().path("errors").path(0).path("field").asText()).isEqualTo("amount");
            }
        }
        pool.shutdown();
        assertThat(statuses.stream().filter(s -> s == 201).count()).as(statuses.toString()).isEqualTo(18);
        county = ledger(Fixtures.OFFICER, Seeds.YINGCHENG, year);
        assertThat(county.path("allocated").asInt()).isEqualTo(3600);
        assertThat(county.path("remaining").asInt()).isEqualTo(60);
        assertThat(county.path("allocations")).hasSize(18);

        // The same key and body give the same allocation, never a second; another body under the key is refused.
        int i0 = succeeded.get(0);
        String[] r0 = recipients.get(i0);
        Http.Response replay = allocate(Fixtures.OFFICER, countyLedger, "alloc-" + year + "-" + i0, toBase(r0[0], r0[1], 200, null));
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        String firstAllocation = replay.json().path("allocation").path("id").asText();
        assertThat(answers.get(i0).get().json().path("allocation").path("id").asText()).isEqualTo(firstAllocation);
        Http.Response reused = allocate(Fixtures.OFFICER, countyLedger, "alloc-" + year + "-" + i0, toBase(r0[0], r0[1], 150, null));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().path("type").asText()).isEqualTo("urn:sunshine:problem:idempotency-key-reused");
        assertThat(ledger(Fixtures.OFFICER, Seeds.YINGCHENG, year).path("allocations")).hasSize(18);

        // A reallocation names what it replaces; the replaced record stays, superseded.
        Http.Response unnamed = allocate(Fixtures.OFFICER, countyLedger, null, toBase(r0[0], r0[1], 100, null));
        Fixtures.assertRefused(unnamed, 409, "replaces");
        Http.Response reallocated = allocate(Fixtures.OFFICER, countyLedger, "realloc-" + year,
                toBase(r0[0], r0[1], 100, firstAllocation));
        assertThat(reallocated.status()).as(reallocated.toString()).isEqualTo(201);
        assertThat(reallocated.json().path("allocation").path("previousAmount").asInt()).isEqualTo(200);
        county = ledger(Fixtures.OFFICER, Seeds.YINGCHENG, year);
        assertThat(county.path("allocated").asInt()).isEqualTo(3500);
        assertThat(county.path("allocations")).hasSize(19);
        JsonNode replaced = null;
        for (JsonNode a : county.path("allocations")) {
            if (a.path("id").asText().equals(firstAllocation)) {
                replaced = a;
            }
        }
        assertThat(replaced).isNotNull();
        assertThat(replaced.path("status").asText()).isEqualTo("SUPERSEDED");
        assertThat(replaced.path("supersededBy").asText()).isEqualTo(reallocated.json().path("allocation").path("id").asText());

        // No base more than its accredited capacity; no level below what it allocated onwards.
        String[] unallocated = recipients.get(statuses.indexOf(422));
        Http.Response overCapacity = allocate(Fixtures.OFFICER, countyLedger, null, toBase(unallocated[0], unallocated[1], 301, null));
        assertThat(overCapacity.status()).isEqualTo(422);
        assertThat(overCapacity.json().path("type").asText()).isEqualTo("urn:sunshine:problem:capacity-exceeded");
        Http.Response cut = allocate(Fixtures.CITY_OFFICER, cityLedger, null, Map.of("toDivision", Seeds.YINGCHENG,
                "amount", 3000, "replaces", toCounty.json().path("allocation").path("id").asText(), "reason", "调减"));
        assertThat(cut.status()).as(cut.toString()).isEqualTo(422);
        assertThat(cut.json().path("detail").asText()).contains("3500");
        assertThat(ledger(Fixtures.CITY_OFFICER, Seeds.XIAOGAN, year).path("allocated").asInt()).isEqualTo(3660);
        assertThat(ledger(Fixtures.OFFICER, Seeds.YINGCHENG, year).path("received").asInt()).isEqualTo(3660);
        Http.Response lowered = allocate(Fixtures.CITY_OFFICER, cityLedger, null, Map.of("toDivision", Seeds.YINGCHENG,
                "amount", 3500, "replaces", toCounty.json().path("allocation").path("id").asText(), "reason", "按实际能力调减"));
        assertThat(lowered.status()).as(lowered.toString()).isEqualTo(201);
        assertThat(ledger(Fixtures.OFFICER, Seeds.YINGCHENG, year).path("received").asInt()).isEqualTo(3500);
        assertThat(ledger(Fixtures.OFFICER, Seeds.YINGCHENG, year).path("receipts")).hasSize(2);

        // Jurisdiction: another county sees nothing of it and cannot allocate from it.
        assertThat(http().as(Fixtures.ANLU_OFFICER).get("/api/accreditation/quota-ledgers/" + countyLedger).status()).isEqualTo(404);
        assertThat(allocate(Fixtures.ANLU_OFFICER, countyLedger, null, toBase(r0[0], r0[1], 1, null)).status()).isEqualTo(404);
    }

    @Test
    void aBaseSignsItsAgreementAndAnAmendmentIsANewVersion() {
        clock.set(TestClockConfiguration.START);
        int year = 2026;
        String baseId = Fixtures.registerBase(http(), "应城市职业教育中心", Fixtures.creditCode(), Map.of("WELDING", 300));
        Http.Response plan = http().as(Fixtures.PROVINCE_OFFICER).post("/api/accreditation/quota-ledgers",
                Map.of("divisionCode", Seeds.PROVINCE, "year", year, "total", 120_000, "reason", "省阳光办下达年度培训转移任务"));
        assertThat(plan.status()).isEqualTo(201);
        assertThat(allocate(Fixtures.PROVINCE_OFFICER, plan.json().path("id").asText(), null,
                Map.of("toDivision", Seeds.YINGCHENG, "amount", 3660, "reason", "应城市任务")).status()).isEqualTo(201);
        String countyLedger = ledger(Fixtures.OFFICER, Seeds.YINGCHENG, year).path("id").asText();
        Http.Response allocated = allocate(Fixtures.OFFICER, countyLedger, "welding-" + baseId, toBase(baseId, "WELDING", 300, null));
        assertThat(allocated.status()).as(allocated.toString()).isEqualTo(201);
        String allocationId = allocated.json().path("allocation").path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(EventTypes.QUOTA_ALLOCATED.name()).stream()
                .anyMatch(t -> t.body().contains(allocationId)));
        GoldenSamples.assertMatches(EventTypes.QUOTA_ALLOCATED, tap.ofType(EventTypes.QUOTA_ALLOCATED.name()).stream()
                .filter(t -> t.body().contains(allocationId)).findFirst().orElseThrow().body()
                .replace(allocationId, "01JALLOC000000000000000001").replace(countyLedger, "01JLEDGER00000000000000001")
                .replace(baseId, "01JBASE0000000000000000001"));

        Map<String, Object> proposal = Map.of("baseId", baseId, "year", year, "majors",
                List.of(Map.of("majorCode", "WELDING", "quota", 300, "feeFen", 60_000)),
                "subsidyPaymentMode", "REDUCED_FEE", "committedPlacementRateBp", 9000);
        Http.Response proposed = http().as(Fixtures.OFFICER).post("/api/accreditation/agreements", proposal);
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        String agreementId = proposed.json().path("id").asText();
        assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/agreements/" + agreementId + "/signature",
                Map.of("signatoryName", "李校长", "signatoryTitle", "校长")).status()).as("the base signs, not the county").isEqualTo(403);
        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, baseId);
        clock.advance(Duration.ofHours(4));
        Http.Response signed = http().as(staff).header("If-Match", proposed.header("ETag"))
                .post("/api/accreditation/agreements/" + agreementId + "/signature", Map.of("signatoryName", "李校长", "signatoryTitle", "校长"));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(signed.json().path("effectiveVersion").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(EventTypes.AGREEMENT_SIGNED.name()).stream()
                .anyMatch(t -> t.body().contains(agreementId)));
        GoldenSamples.assertMatches(EventTypes.AGREEMENT_SIGNED, tap.ofType(EventTypes.AGREEMENT_SIGNED.name()).stream()
                .filter(t -> t.body().contains(agreementId)).findFirst().orElseThrow().body()
                .replace(agreementId, "01JAGREEMENT00000000000001").replace(baseId, "01JBASE0000000000000000001"));

        Http.Response tooMuch = http().as(Fixtures.OFFICER).post("/api/accreditation/agreements/" + agreementId + "/amendments",
                Map.of("majors", List.of(Map.of("majorCode", "WELDING", "quota", 301, "feeFen", 60_000)),
                        "subsidyPaymentMode", "REFUND_AFTER", "committedPlacementRateBp", 9000, "reason", "增加任务"));
        Fixtures.assertRefused(tooMuch, 422, "majors[0].quota");
        Http.Response amended = http().as(Fixtures.OFFICER).post("/api/accreditation/agreements/" + agreementId + "/amendments",
                Map.of("majors", List.of(Map.of("majorCode", "WELDING", "quota", 280, "feeFen", 55_000)),
                        "subsidyPaymentMode", "REFUND_AFTER", "committedPlacementRateBp", 9200, "reason", "按实际招生调整"));
        assertThat(amended.status()).as(amended.toString()).isEqualTo(200);
        assertThat(amended.json().path("effectiveVersion").asInt()).as("version 1 holds until the base signs").isEqualTo(1);
        Http.Response signedAgain = http().as(staff).post("/api/accreditation/agreements/" + agreementId + "/signature",
                Map.of("signatoryName", "李校长", "signatoryTitle", "校长"));
        JsonNode versions = signedAgain.json().path("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.path(0).path("status").asText()).isEqualTo("SUPERSEDED");
        assertThat(versions.path(0).path("majors").path(0).path("quota").asInt()).as("never overwritten").isEqualTo(300);
        assertThat(versions.path(1).path("status").asText()).isEqualTo("EFFECTIVE");
        assertThat(versions.path(1).path("supersedes").asInt()).isEqualTo(1);
        assertThat(versions.path(1).path("countySignature").path("reason").asText()).isEqualTo("按实际招生调整");
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, "another-base")).get("/api/accreditation/agreements/" + agreementId)
                .status()).isEqualTo(404);
    }
}
