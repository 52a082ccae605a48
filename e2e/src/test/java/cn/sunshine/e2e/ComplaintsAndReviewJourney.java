package cn.sunshine.e2e;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static cn.sunshine.e2e.ConsoleJourneysMore.press;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Complaints, the annual review and the quota in headless Chromium, through the gateway: a member of the public
 * files a complaint about a base of 应城市 with their name and phone, confirmed with the SMS code (the local run's
 * simulated code, shown as the demo's); the county officer finds it on the home page, assigns it to herself (the
 * phone is then whole for her), investigates and answers it substantiated; the public statistics count it; the
 * officer opens the base's annual review (the substantiated complaint stands among the recorded findings) and
 * renews it with conditions; the province officer plans the year (if not yet planned) and allocates to 孝感市.
 * Screenshots 100–109; axe-core on every page photographed ({@code console-screenshots/axe-oversight.txt}).
 */
final class ComplaintsAndReviewJourney {

    static final Http GATEWAY = ConsoleJourneys.GATEWAY;
    static final String COUNTY = "420981";
    static final String PHONE = "13907127777";

    private ComplaintsAndReviewJourney() {
    }

    static void play() throws Exception {
        String officer = TestTokens.of("COUNTY_OFFICER", COUNTY);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // A base of the county of its own, so the review and the complaint touch no other journey's base.
        String first17 = "52420981MJ" + String.format("%07d", System.currentTimeMillis() % 10_000_000L);
        String creditCode = first17 + cn.sunshine.platform.identifiers.CreditCode.checkCharacter(first17);
        Http.Response registered = GATEWAY.as(officer).post("/api/accreditation/bases", Map.of(
                "name", "应城市惠民职业技能培训学校", "creditCode", creditCode, "divisionCode", COUNTY,
                "address", "应城市城中街道温泉大道88号",
                "majors", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "annualCapacity", 200, "feeStandardFen", 120000)),
                "validFrom", today.toString(), "validUntil", today.plusDays(364).toString()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String baseId = registered.json().path("id").asString();

        try (ConsoleJourneys browser = new ConsoleJourneys()) {
            // ---- The public: a complaint about the base, with name and phone, confirmed with the code.
            browser.open("/public/complaints?division=" + COUNTY);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("complaint-form")));
            new Select(browser.driver.findElement(By.id("c-base"))).selectByValue(baseId);
            browser.driver.findElement(By.id("c-statement")).sendKeys("该校电焊班实际到课约30人，花名册上报42人，涉嫌虚报培训人数套取补助。");
            browser.driver.findElement(By.id("c-name")).sendKeys("王女士");
            browser.driver.findElement(By.id("c-phone")).sendKeys(PHONE);
            press(browser, By.id("complaint-send"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("simulated-code")));
            String code = browser.driver.findElement(By.id("simulated-code")).getAttribute("data-code");
            assertThat(browser.text("complaint-sent")).contains("139****7777");
            browser.screenshot("100-public-complaint-code-zh");
            browser.driver.findElement(By.id("complaint-code")).sendKeys(code);
            press(browser, By.id("complaint-confirm"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("complaint-filed")));
            String complaintId = browser.text("complaint-id");
            browser.screenshot("101-public-complaint-filed-zh");
            JsonNode filed = GATEWAY.as(officer).get("/api/accreditation/complaints/" + complaintId).json();
            assertThat(filed.path("status").asString()).isEqualTo("RECEIVED");
            assertThat(filed.path("subject").path("baseId").asString()).isEqualTo(baseId);
            int year = filed.path("year").asInt();
            long substantiatedBefore = statistics(year).path("substantiated").asLong();

            // ---- The county officer: the home card, the list, the case through its steps.
            browser.signIn("county-officer-yingcheng");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accr-task-complaintsNew")));
            assertThat(Integer.parseInt(browser.driver.findElement(By.cssSelector("#accr-task-complaintsNew .count")).getText())).isPositive();
            browser.screenshot("102-officer-home-complaints-zh");
            press(browser, By.id("accr-task-complaintsNew"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-complaint-id='" + complaintId + "']")));
            browser.screenshot("103-officer-complaints-zh");
            browser.open("/accreditation/complaints/" + complaintId);
            assertThat(browser.text("complainant-phone")).as("masked until she handles it").isEqualTo("139****7777");
            press(browser, By.id("assign-button"), true);
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("complaint-status"), "data-status", "ASSIGNED"));
            assertThat(browser.text("complainant-phone")).as("whole for the handling officer").isEqualTo(PHONE);
            browser.driver.findElement(By.id("i-note")).sendKeys("调取花名册和考勤记录，约谈学员。");
            press(browser, By.id("investigate-button"), false);
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("complaint-status"), "data-status", "INVESTIGATING"));
            press(browser, By.id("sub-true"), false);
            browser.driver.findElement(By.id("a-findings")).sendKeys("电焊班虚报培训人数12人");
            browser.driver.findElement(By.id("a-reply")).sendKeys("经核查，举报属实。已责令该校退回多报人数对应的补助，并在年度审核中附加整改条件。");
            press(browser, By.id("answer-button"), true);
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("complaint-status"), "data-status", "ANSWERED"));
            assertThat(browser.text("answer-substantiated")).isEqualTo("属实");
            browser.screenshot("104-officer-complaint-answered-zh");
            JsonNode answered = GATEWAY.as(officer).get("/api/accreditation/complaints/" + complaintId).json();
            assertThat(answered.path("answer").path("substantiated").asBoolean()).isTrue();
            assertThat(answered.path("complainant").path("masked").asBoolean()).as("the test token is not the handler").isTrue();

            // ---- The public statistics count it.
            browser.open("/public/complaints?division=" + COUNTY + "&year=" + year);
            long substantiated = statistics(year).path("substantiated").asLong();
            assertThat(substantiated).isEqualTo(substantiatedBefore + 1);
            assertThat(browser.text("stat-substantiated")).isEqualTo(String.valueOf(substantiated));
            browser.screenshot("105-public-complaint-statistics-zh");

            // ---- The annual review: the substantiated complaint is among the recorded findings; renewed with conditions.
            waitForFinding(officer, baseId, year, complaintId);
            browser.open("/accreditation/bases");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-base-id='" + baseId + "']")));
            browser.screenshot("106-officer-bases-zh");
            browser.open("/accreditation/bases/" + baseId + "?year=" + year);
            assertThat(browser.driver.findElement(By.id("f-findings")).getAttribute("value")).contains("监督举报 " + complaintId);
            for (String[] f : new String[][] {{"f-enrolled", "42"}, {"f-completed", "40"}, {"f-placed", "30"},
                    {"f-spotChecksCalled", "6"}, {"f-spotChecksConfirmed", "5"}}) {
                browser.driver.findElement(By.id(f[0])).clear();
                browser.driver.findElement(By.id(f[0])).sendKeys(f[1]);
            }
            browser.driver.findElement(By.id("f-rate")).sendKeys("90");
            press(browser, By.id("open-button"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decide-form")));
            assertThat(browser.text("meets")).isEqualTo("未达承诺");
            assertThat(browser.text("review-findings")).contains("监督举报 " + complaintId);
            browser.screenshot("107-officer-review-opened-zh");
            press(browser, By.id("o-RENEW_WITH_CONDITIONS"), false);
            browser.driver.findElement(By.id("d-conditions")).sendKeys("三个月内整改虚报问题，县阳光办复查\n下年度转移就业率不低于承诺");
            browser.driver.findElement(By.id("d-reasons")).sendKeys("转移就业率75%，未达承诺的90%；监督举报经查属实。");
            press(browser, By.id("decide-button"), true);
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("review-status"), "data-status", "RENEWED_WITH_CONDITIONS"));
            browser.screenshot("108-officer-review-decided-zh");
            JsonNode base = GATEWAY.as(officer).get("/api/accreditation/bases/" + baseId).json();
            assertThat(base.path("status").asString()).isEqualTo("ACCREDITED");
            assertThat(base.path("conditions").toString()).contains("三个月内整改虚报问题");
            browser.signOut();

            // ---- The province officer: the year's plan (once), then an allocation to 孝感市.
            String province = TestTokens.of("PROVINCE_OFFICER", "420000");
            int planYear = today.getYear() + 1;
            browser.signIn("province-officer");
            browser.open("/accreditation/quotas?year=" + planYear);
            if (browser.driver.findElements(By.cssSelector("tr[data-division='420000']")).isEmpty()) {
                browser.driver.findElement(By.id("p-total")).sendKeys("20000");
                browser.driver.findElement(By.id("p-reason")).sendKeys("省阳光办" + planYear + "年农村劳动力转移培训计划");
                press(browser, By.id("plan-button"), true);
                browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("allocate-form")));
            } else {
                press(browser, By.cssSelector("tr[data-division='420000'] a"), false);
                browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("allocate-form")));
            }
            String ledgerId = browser.driver.getCurrentUrl().replaceAll(".*/accreditation/quotas/([^?]+).*", "$1");
            Select to = new Select(browser.driver.findElement(By.id("q-recipient")));
            String xiaogan = to.getOptions().stream().map(o -> o.getAttribute("value"))
                    .filter(v -> v.startsWith("division:420900")).findFirst().orElseThrow();
            to.selectByValue(xiaogan);
            int amount = 3000 + (int) (System.currentTimeMillis() % 100);
            browser.driver.findElement(By.id("q-amount")).sendKeys(String.valueOf(amount));
            browser.driver.findElement(By.id("q-reason")).sendKeys("按各市农村劳动力转移任务分配");
            press(browser, By.id("allocate-button"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#allocations tr[data-status='CURRENT']")));
            browser.screenshot("109-province-quota-allocated-zh");
            JsonNode ledger = GATEWAY.as(province).get("/api/accreditation/quota-ledgers/" + ledgerId).json();
            long current = 0;
            for (JsonNode a : ledger.path("allocations")) {
                if ("CURRENT".equals(a.path("status").asString()) && "420900".equals(a.path("toDivision").asString())) {
                    current++;
                    assertThat(a.path("amount").asInt()).as("allocated once, by the double-click").isEqualTo(amount);
                }
            }
            assertThat(current).isEqualTo(1);
            browser.signOut();

            Files.writeString(ConsoleJourneys.SHOTS.resolve("axe-oversight.txt"), String.join("\n", browser.accessibility) + "\n");
            assertThat(browser.accessibility).as("serious or critical axe-core violations (WCAG 2.1 A/AA) on the pages visited")
                    .isEmpty();
        }
    }

    private static JsonNode statistics(int year) {
        for (JsonNode c : GATEWAY.get("/api/public/accreditation/complaint-statistics?division=" + COUNTY + "&year=" + year)
                .json().path("counties")) {
            if (COUNTY.equals(c.path("divisionCode").asString())) {
                return c;
            }
        }
        return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    /** The answered event reaches the base's performance (the service's own queue): wait for the finding. */
    private static void waitForFinding(String officer, String baseId, int year, String complaintId) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!GATEWAY.as(officer).get("/api/accreditation/bases/" + baseId + "/performance?year=" + year).body().contains(complaintId)) {
            assertThat(System.nanoTime()).as("the substantiated complaint reaches the base's performance").isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
