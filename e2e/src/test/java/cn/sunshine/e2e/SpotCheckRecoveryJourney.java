package cn.sunshine.e2e;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.TestTokens;
import cn.sunshine.yeardriver.YearWorkScene;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static cn.sunshine.e2e.ConsoleJourneysMore.press;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The county officer's and finance's remaining year work in the console, on the e2e's county year (应城市, the year
 * {@code aCountysProgrammeYearAddsUpAcrossEveryService} played): the officer draws a county-wide spot-check round over
 * the year, opens a base's check and its call sheet (printed), records the calls — one finding, the trainee not
 * employed as reported — and concludes (the phones erased); from the finding the officer orders the trainee's subsidy
 * recovered; finance records the base's repayment, is refused confirming it herself (separation of duties, the API's
 * words), and a colleague confirms it (SETTLED); base staff record an employer's order and link an opened order class.
 * Through the gateway's API each act landed once. Screenshots 90–99; axe-core on each page.
 */
final class SpotCheckRecoveryJourney {

    static final Http GATEWAY = ConsoleJourneys.GATEWAY;
    static final String COUNTY = "420981";

    private SpotCheckRecoveryJourney() {
    }

    static void play(int year) throws Exception {
        String officer = TestTokens.of("COUNTY_OFFICER", COUNTY);
        try (ConsoleJourneys browser = new ConsoleJourneys()) {
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            // ---- The officer: a county-wide round over the year.
            browser.signIn("county-officer-yingcheng");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("task-spotChecks")));
            press(browser, By.id("nav-spot-checks"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("round-form")));
            js.executeScript("arguments[0].value = arguments[1]", browser.driver.findElement(By.id("round-from")), year + "-01-01");
            js.executeScript("arguments[0].value = arguments[1]", browser.driver.findElement(By.id("round-to")), year + "-12-31");
            browser.screenshot("90-officer-spot-checks-zh");
            press(browser, By.id("draw-round"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("round-drawn")));
            String roundId = browser.driver.getCurrentUrl().replaceAll(".*[?&]round=([^&]+).*", "$1");
            JsonNode round = GATEWAY.as(officer).get("/api/placement/spot-checks?roundId=" + roundId + "&size=50").json();
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#spot-checks tbody tr"));
            assertThat(rows).hasSize(round.path("total").asInt()).isNotEmpty();
            browser.screenshot("91-officer-round-drawn-zh");
            String checkId = rows.get(0).getAttribute("data-spot-check-id");

            // ---- A base's check: the contacts, the call sheet printed, the calls, the conclusion.
            press(browser, By.id("open-" + checkId), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sample")));
            for (int i = 0; i < 5 && !browser.driver.findElements(By.id("fetch-contacts")).isEmpty(); i++) {
                Thread.sleep(1000); // enrollment's audited lookup was slow or down: ask again for the pending ones
                WebElement fetch = browser.driver.findElement(By.id("fetch-contacts"));
                press(browser, By.id("fetch-contacts"), false);
                browser.wait.until(ConsoleJourneys.gone(fetch));
                browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sample")));
            }
            press(browser, By.id("to-sheet"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("call-sheet")));
            assertThat(browser.driver.findElements(By.cssSelector("#call-sheet tbody tr"))).isNotEmpty();
            browser.screenshot("92-officer-call-sheet-zh");
            browser.printed("92-officer-call-sheet-print-zh");
            browser.open("/spot-checks/" + checkId);
            int sampled = browser.driver.findElements(By.cssSelector("#sample tbody tr[data-placement-id]")).size();
            assertThat(sampled).isPositive();
            // the first: reached, trained, but not employed where the base reported (a false placement)
            press(browser, By.id("employedAsReported-0-false"), false);
            browser.driver.findElement(By.id("note-0")).sendKeys("电话核实：本人称未在该单位上班。");
            browser.screenshot("93-officer-call-finding-zh");
            press(browser, By.id("record-0"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("findings")));
            for (int i = 1; i < sampled; i++) {
                WebElement record = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("record-" + i)));
                press(browser, By.id("record-" + i), false);
                browser.wait.until(ConsoleJourneys.gone(record)); // the page drawn again with the call
                browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sample")));
            }
            JsonNode check = GATEWAY.as(officer).get("/api/placement/spot-checks/" + checkId).json();
            int findings = 0;
            for (JsonNode item : check.path("items")) {
                assertThat(item.path("call").isObject()).as("every sampled trainee called once").isTrue();
                findings += item.path("call").path("findingKinds").size();
            }
            assertThat(findings).as("one finding").isEqualTo(1);
            assertThat(check.path("items").get(0).path("call").path("findingKinds").get(0).asString()).isEqualTo("NOT_EMPLOYED_AS_REPORTED");
            String enrollmentId = check.path("items").get(0).path("enrollmentId").asString();
            String baseId = check.path("baseId").asString();
            WebElement conclude = browser.driver.findElement(By.id("conclude"));
            press(browser, By.id("conclude"), true);
            browser.wait.until(ConsoleJourneys.gone(conclude));
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("check-status"), "data-status", "CONCLUDED"));
            JsonNode concluded = GATEWAY.as(officer).get("/api/placement/spot-checks/" + checkId).json();
            assertThat(concluded.path("status").asString()).isEqualTo("CONCLUDED");
            for (JsonNode item : concluded.path("items")) {
                assertThat(item.path("phone").isMissingNode() || item.path("phone").isNull()).as("phones erased").isTrue();
            }
            browser.screenshot("94-officer-check-concluded-zh");

            // ---- From the finding: the officer orders the trainee's subsidy recovered.
            press(browser, By.id("recover-" + enrollmentId), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("recovery-form")));
            assertThat(browser.driver.findElement(By.id("enrollmentIds")).getAttribute("value")).isEqualTo(enrollmentId);
            browser.driver.findElement(By.id("reason")).sendKeys(" 经核实虚报就业，追回该学员已拨付的全部补助。");
            press(browser, By.id("order-recovery"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("recovery-facts")));
            String recoveryId = browser.driver.getCurrentUrl().replaceAll(".*/recoveries/([^?]+).*", "$1");
            JsonNode recovery = GATEWAY.as(officer).get("/api/subsidy/recoveries/" + recoveryId).json();
            assertThat(recovery.path("status").asString()).isEqualTo("OPEN");
            assertThat(recovery.path("baseId").asString()).isEqualTo(baseId);
            long amountFen = recovery.path("amountFen").asLong();
            assertThat(amountFen).isPositive();
            JsonNode ofBase = GATEWAY.as(officer).get("/api/subsidy/bases/" + baseId + "/recoveries").json();
            int orderedByOfficer = 0;
            for (JsonNode r : ofBase) {
                boolean officers = r.path("findingId").isNull() || r.path("findingId").isMissingNode();
                orderedByOfficer += officers && r.path("items").toString().contains(enrollmentId) ? 1 : 0;
            }
            assertThat(orderedByOfficer).as("the double-clicked order made once").isEqualTo(1);
            browser.screenshot("95-officer-recovery-ordered-zh");

            // ---- Finance: one records the repayment, she may not confirm it herself, a colleague confirms.
            String reference = "HB-ZH-" + System.currentTimeMillis();
            String yuan = String.format("%d.%02d", amountFen / 100, amountFen % 100);
            browser.signIn("finance-officer-yingcheng");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("task-recoveriesOpen")));
            assertThat(Integer.parseInt(browser.driver.findElement(By.cssSelector("#task-recoveriesOpen .count")).getText())).isPositive();
            browser.screenshot("96-finance-home-recoveries-zh");
            browser.open("/recoveries/" + recoveryId);
            browser.driver.findElement(By.id("record-reference")).sendKeys(reference);
            browser.driver.findElement(By.id("record-amount")).sendKeys(yuan);
            press(browser, By.id("record-settlement"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation-form")));
            browser.driver.findElement(By.id("confirm-reference")).sendKeys(reference);
            browser.driver.findElement(By.id("confirm-amount")).sendKeys(yuan);
            press(browser, By.id("confirm-settlement"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("settlement-feedback")));
            assertThat(GATEWAY.as(officer).get("/api/subsidy/recoveries/" + recoveryId).json().path("status").asString())
                    .isEqualTo("SETTLEMENT_RECORDED");
            browser.screenshot("97-finance-own-record-refused-zh");

            browser.signIn("finance-checker-yingcheng");
            browser.open("/recoveries/" + recoveryId);
            browser.driver.findElement(By.id("confirm-reference")).sendKeys(reference);
            browser.driver.findElement(By.id("confirm-amount")).sendKeys(yuan);
            WebElement confirm = browser.driver.findElement(By.id("confirm-settlement"));
            press(browser, By.id("confirm-settlement"), true);
            browser.wait.until(ConsoleJourneys.gone(confirm));
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("recovery-status"), "data-status", "SETTLED"));
            JsonNode settled = GATEWAY.as(officer).get("/api/subsidy/recoveries/" + recoveryId).json();
            assertThat(settled.path("status").asString()).isEqualTo("SETTLED");
            assertThat(settled.path("settlement").path("confirmedBy").asString()).isEqualTo("finance-checker-yingcheng");
            browser.screenshot("98-finance-recovery-settled-zh");

            // ---- Base staff: an employer's order, and an order class (reported and opened through the API) linked.
            YearWorkScene clock = new YearWorkScene("http://127.0.0.1:8080", ConsoleJourneys.SERVICES, COUNTY, year, null, null, List.of());
            String staff = TestTokens.baseStaff(COUNTY, baseId);
            String classId;
            String major;
            try {
                clock.clockAt(9, 1, System.out);
                major = GATEWAY.as(officer).get("/api/enrollment/bases/" + baseId).json().path("majors").get(0).path("majorCode").asString();
                Http.Response reported = GATEWAY.as(staff).post("/api/enrollment/classes", Map.of("majorCode", major,
                        "plannedStart", year + "-09-10", "plannedEnd", year + "-10-31",
                        "place", Map.of("town", "杨河镇", "village", "三合村", "address", "三合村村委会培训室", "mobile", false),
                        "trainingForm", "ORDER", "orderEmployer", "应城市盐化机械有限公司", "capacity", 20, "feeFen", 0));
                assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
                classId = reported.json().path("id").asString();
                Http.Response opened = GATEWAY.as(officer).post("/api/enrollment/classes/" + classId + "/opening",
                        Map.of("notes", "县阳光办到场参加订单班开班。"));
                assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
            } finally {
                clock.resetClock(System.out);
            }
            browser.signInAsBaseStaff(baseId);
            press(browser, By.id("nav-orders"), false);
            press(browser, By.id("new-order"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("order-form")));
            browser.driver.findElement(By.id("employerName")).sendKeys("应城市盐化机械有限公司");
            browser.driver.findElement(By.id("creditCode")).sendKeys(YearWorkScene.creditCode(91));
            browser.driver.findElement(By.id("address")).sendKeys("湖北省应城市长江埠工业园盐化大道8号");
            browser.driver.findElement(By.id("hrPhone")).sendKeys("0712-3256789");
            js.executeScript("arguments[0].value = arguments[1]", browser.driver.findElement(By.id("order-year")), String.valueOf(year));
            new Select(browser.driver.findElement(By.id("majorCode-0"))).selectByValue(major);
            browser.driver.findElement(By.id("count-0")).sendKeys("20");
            browser.driver.findElement(By.id("wageYuan-0")).sendKeys("4,500");
            browser.driver.findElement(By.id("place-0")).sendKeys("应城市长江埠工业园");
            press(browser, By.id("create-order"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("link-panel")));
            String orderId = browser.driver.getCurrentUrl().replaceAll(".*/orders/([^?]+).*", "$1");
            // placement learns of the opening from enrollment's event: until then the class is not linkable (400 classId)
            for (int i = 0; i < 10; i++) {
                browser.open("/orders/" + orderId);
                browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("link-panel")));
                if (!browser.driver.findElements(By.cssSelector("#classId option[value='" + classId + "']")).isEmpty()) {
                    new Select(browser.driver.findElement(By.id("classId"))).selectByValue(classId);
                    press(browser, By.id("link-class"), false);
                    browser.wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("done")),
                            ExpectedConditions.presenceOfElementLocated(By.id("link-feedback"))));
                    if (!browser.driver.findElements(By.id("done")).isEmpty()) {
                        break;
                    }
                }
                Thread.sleep(1000);
            }
            JsonNode order = GATEWAY.as(staff).get("/api/placement/orders/" + orderId).json();
            assertThat(order.path("classIds").toString()).contains(classId);
            assertThat(order.path("positions").get(0).path("monthlyWageFen").asLong()).isEqualTo(450_000L);
            JsonNode orders = GATEWAY.as(staff).get("/api/placement/orders?year=" + year + "&size=100").json();
            int withThisEmployer = 0;
            for (JsonNode o : orders.path("items")) {
                withThisEmployer += YearWorkScene.creditCode(91).equals(o.path("employerCreditCode").asString()) ? 1 : 0;
            }
            assertThat(withThisEmployer).as("the double-clicked order recorded once").isEqualTo(1);
            browser.screenshot("99-base-order-linked-zh");

            Files.writeString(ConsoleJourneys.SHOTS.resolve("axe-spot-checks.txt"), String.join("\n", browser.accessibility) + "\n");
            assertThat(browser.accessibility).as("serious or critical axe-core violations (WCAG 2.1 A/AA) on the pages visited")
                    .isEmpty();
        }
    }
}
