package cn.sunshine.e2e;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static cn.sunshine.e2e.ConsoleJourneysMore.press;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The county officer's (县阳光办) accreditation work in headless Chromium, through the gateway: the home page's
 * accreditation cards, a tender drafted and published in the console, then the tenders ConsoleScenes prepared —
 * the one under review (its panel, applications and ranking) and the one whose result is noticed (an objection
 * decided, with the notice's ETag) — and the agreements list. Screenshots 60–69; axe-core on every page
 * photographed ({@code console-screenshots/axe-accreditation.txt}).
 */
final class OfficerAccreditationJourney {

    static final Http GATEWAY = ConsoleJourneys.GATEWAY;
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private OfficerAccreditationJourney() {
    }

    static void play(cn.sunshine.yeardriver.ConsoleScenes.Scenes scenes) throws Exception {
        String county = scenes.county();
        String officer = TestTokens.of("COUNTY_OFFICER", county);
        String noticeId = scenes.noticeId();
        // The notice must hold an objection to decide: the public's from the earlier journey, or one filed now.
        JsonNode notice = GATEWAY.as(officer).get("/api/accreditation/notices/" + noticeId).json();
        String objectionId = undecided(notice);
        if (objectionId == null) {
            JsonNode pending = GATEWAY.post("/api/public/accreditation/notices/" + noticeId + "/objections", Map.of(
                    "name", "赵先生", "phone", "13907126666", "statement", "该单位的实训场地与申报材料不符，请核查。")).json();
            GATEWAY.post("/api/public/accreditation/notices/" + noticeId + "/pending-objections/"
                    + pending.path("confirmationId").asString() + "/confirmation", Map.of("code", pending.path("simulatedCode").asString()));
            objectionId = undecided(GATEWAY.as(officer).get("/api/accreditation/notices/" + noticeId).json());
        }
        assertThat(objectionId).as("an undecided objection on the notice").isNotNull();

        try (ConsoleJourneys browser = new ConsoleJourneys()) {
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            browser.signIn("county-officer-yingcheng");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accreditation-cards")));
            assertThat(browser.text("accr-task-objections")).contains("公示异议待处理");
            browser.screenshot("60-officer-home-accreditation-zh");

            // ---- A tender drafted and published in the console.
            press(browser, By.id("nav-accreditation"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-tender")));
            browser.screenshot("61-officer-tenders-zh");
            press(browser, By.id("new-tender"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tender-form")));
            LocalDateTime now = LocalDateTime.now(ZoneId.of("Asia/Shanghai"));
            browser.driver.findElement(By.id("t-title")).sendKeys("应城市" + now.getYear() + "年阳光工程培训基地补充招标公告");
            browser.driver.findElement(By.id("t-conditions")).sendKeys("具有独立法人资格\n有固定的培训场所和实习基地\n有稳定的就业安置渠道");
            browser.driver.findElement(By.id("t-procedure")).sendKeys("自愿申报、资格审查、专家评审和实地考察、社会公示、认定");
            browser.driver.findElement(By.id("t-where")).sendKeys("应城市农业局科教站（阳光办）");
            js.executeScript("document.getElementById('t-opens').value = arguments[0];"
                    + "document.getElementById('t-closes').value = arguments[1];",
                    now.plusDays(1).withHour(8).withMinute(0).format(LOCAL), now.plusDays(15).withHour(17).withMinute(0).format(LOCAL));
            var majorInputs = browser.driver.findElements(By.cssSelector("#majors tbody tr:first-child input"));
            majorInputs.get(0).sendKeys("WELDING");
            majorInputs.get(1).sendKeys("电焊");
            majorInputs.get(2).sendKeys("200");
            String[][] criteria = {{"TEACHING", "师资力量", "60"}, {"PLACEMENT", "转移就业能力", "40"}};
            var rows = browser.driver.findElements(By.cssSelector("#criteria tbody tr"));
            for (int i = 0; i < criteria.length; i++) {
                var inputs = rows.get(i).findElements(By.tagName("input"));
                for (int j = 0; j < 3; j++) {
                    inputs.get(j).sendKeys(criteria[i][j]);
                }
            }
            browser.screenshot("62-officer-tender-draft-zh");
            press(browser, By.id("save-draft"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("publish-form")));
            assertThat(browser.driver.findElement(By.id("tender-stage")).getAttribute("data-stage")).isEqualTo("DRAFT");
            press(browser, By.id("publish"), true);
            // The draft's page already says "saved" (#done): wait for the published page itself, not any #done.
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("tender-stage"), "data-stage", "ANNOUNCED"));
            assertThat(browser.text("done")).contains("已发布");
            browser.screenshot("63-officer-tender-published-zh");

            // ---- The tender under review: its applications, panel and ranking.
            browser.open("/accreditation/tenders/" + scenes.reviewTender());
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
            assertThat(browser.text("members")).contains("周教授", "吴高工", "郑研究员");
            assertThat(browser.driver.findElements(By.cssSelector("#applications tbody tr"))).hasSize(scenes.applications().size());
            browser.screenshot("64-officer-review-tender-zh");
            press(browser, By.id("open-ranking"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ranking")));
            assertThat(browser.text("ranking")).contains("吴高工", "郑研究员");
            browser.screenshot("65-officer-ranking-zh");

            // ---- The notice: an objection dismissed with reasons (the notice's ETag as If-Match).
            browser.open("/accreditation/notices/" + noticeId);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("objection-" + objectionId)));
            browser.screenshot("66-officer-notice-objection-zh");
            press(browser, By.id("dismiss-" + objectionId), false);
            browser.driver.findElement(By.id("reasons-" + objectionId)).sendKeys("经实地核查，实训场地与申报材料相符，异议不成立。");
            press(browser, By.id("decide-button-" + objectionId), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            assertThat(browser.driver.findElement(By.id("objection-" + objectionId)).getAttribute("data-decided")).isEqualTo("true");
            browser.screenshot("67-officer-objection-decided-zh");
            Thread.sleep(500);
            JsonNode decided = GATEWAY.as(officer).get("/api/accreditation/notices/" + noticeId).json();
            for (JsonNode o : decided.path("objections")) {
                if (o.path("id").asString().equals(objectionId)) {
                    assertThat(o.path("ruling").path("outcome").asString()).isEqualTo("DISMISSED");
                }
            }

            // ---- The agreements.
            browser.open("/accreditation/agreements");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("agreements-filter")));
            browser.screenshot("68-officer-agreements-zh");
            browser.signOut();

            Files.writeString(ConsoleJourneys.SHOTS.resolve("axe-accreditation.txt"), String.join("\n", browser.accessibility) + "\n");
            assertThat(browser.accessibility).as("serious or critical axe-core violations (WCAG 2.1 A/AA) on the pages visited")
                    .isEmpty();
        }
    }

    private static String undecided(JsonNode notice) {
        for (JsonNode o : notice.path("objections")) {
            if (o.path("ruling").isMissingNode() || o.path("ruling").isNull()) {
                return o.path("id").asString();
            }
        }
        return null;
    }
}
