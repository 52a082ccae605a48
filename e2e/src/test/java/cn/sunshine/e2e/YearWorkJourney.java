package cn.sunshine.e2e;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.TestTokens;
import cn.sunshine.yeardriver.YearWorkScene;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static cn.sunshine.e2e.ConsoleJourneysMore.press;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The year's work after enrollment in the console, in the same headless Chromium as {@link ConsoleJourneys}, on a
 * class the scene reported (YearWorkScene), the services' clock moved through the class's year: the county officer
 * sees the class waiting on the home page, confirms its opening, checks the roster and issues the vouchers (the
 * sheet with the codes); base staff redeem the vouchers with those codes, record the assessments, the completions
 * and the placements (the placements' button double-clicked); a month later the officer records the first
 * follow-up; base staff record the rest of the class's first round on the follow-up sheet; in September they record
 * that a trainee left the job and, double-clicked, the next job. Through the gateway's API each act landed exactly
 * once; a departure sent from a page gone out of date is refused with a reload prompt. Screenshots 70–79 and 118–122;
 * axe-core on each page.
 */
final class YearWorkJourney {

    static final Http GATEWAY = ConsoleJourneys.GATEWAY;

    private YearWorkJourney() {
    }

    static void play(YearWorkScene scene) throws Exception {
        String officer = TestTokens.of("COUNTY_OFFICER", scene.county());
        String staff = TestTokens.baseStaff(scene.county(), scene.baseId());
        String klass = scene.classId();
        int year = scene.year();
        try (ConsoleJourneys browser = new ConsoleJourneys()) {
            // ---- 15 April, the opening: the officer confirms it, checks the roster, issues the vouchers.
            scene.clockAt(4, 15, System.out);
            browser.signIn("county-officer-yingcheng");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("task-opening")));
            assertThat(Integer.parseInt(browser.driver.findElement(By.cssSelector("#task-opening .count")).getText())).isPositive();
            browser.screenshot("70-officer-home-year-zh");
            press(browser, By.id("task-opening"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
            browser.open("/classes/" + klass);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("opening-form")));
            browser.driver.findElement(By.id("opening-notes")).sendKeys("县阳光办到场参加开班仪式，讲授第一课，学员全部到场。");
            press(browser, By.id("confirm-opening"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("opened")));
            JsonNode opened = GATEWAY.as(officer).get("/api/enrollment/classes/" + klass).json();
            assertThat(opened.path("status").asString()).isEqualTo("OPENED");
            assertThat(opened.path("openingNotes").asString()).contains("讲授第一课");
            press(browser, By.id("submit-roster"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            browser.screenshot("71-officer-class-opened-zh");
            press(browser, By.id("to-vouchers"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("issue-form")));
            press(browser, By.id("issue-vouchers"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("issued-table")));
            List<String[]> issued = new ArrayList<>();
            for (WebElement row : browser.driver.findElements(By.cssSelector("#issued-table tbody tr"))) {
                issued.add(new String[]{row.getAttribute("data-serial"), row.getAttribute("data-code")});
            }
            assertThat(issued).hasSize(scene.trainees().size());
            browser.screenshot("72-officer-vouchers-issued-zh");

            // ---- Base staff: the vouchers handed in, then (31 May) the assessments and completions.
            browser.signInAsBaseStaff(scene.baseId());
            browser.open("/classes/" + klass);
            press(browser, By.id("work-vouchers"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("batch-form")));
            for (String[] v : issued) {
                browser.driver.findElement(By.id("code-" + v[0])).sendKeys(v[1]);
            }
            press(browser, By.id("submit-batch"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            assertThat(browser.driver.findElement(By.id("done")).getAttribute("data-done")).isEqualTo(String.valueOf(issued.size()));
            browser.screenshot("73-base-vouchers-redeemed-zh");

            // ---- 15 April, the first lesson (三有): base staff set the teaching plan and record the lesson with the
            // roll call (everyone present); the county officer's unannounced visit finds all but the first trainee,
            // whom the page then flags (marked present by the base, not found by the officer).
            browser.open("/classes/" + klass);
            press(browser, By.id("work-teaching"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-form")));
            browser.driver.findElement(By.id("module-name-0")).sendKeys("焊接安全与识图");
            browser.driver.findElement(By.id("module-hours-0")).sendKeys("24");
            browser.driver.findElement(By.id("module-name-1")).sendKeys("手工电弧焊实操");
            new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("module-kind-1"))).selectByValue("PRACTICE");
            browser.driver.findElement(By.id("module-hours-1")).sendKeys("96");
            press(browser, By.id("save-plan"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-saved")));
            press(browser, By.cssSelector("#lesson-details summary"), false);
            ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('lesson-date').value = arguments[0]",
                    year + "-04-15");
            browser.driver.findElement(By.id("lesson-teacher")).sendKeys("王建国");
            browser.driver.findElement(By.id("lesson-topic")).sendKeys("焊接安全与识图：安全操作规程");
            browser.driver.findElement(By.id("lesson-hours")).sendKeys("4");
            assertThat(browser.driver.findElements(By.cssSelector("#roll tbody tr"))).hasSize(scene.trainees().size());
            browser.screenshot("115-base-lesson-roll-zh");
            press(browser, By.id("record-lesson"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lesson-saved")));
            assertThat(browser.driver.findElements(By.cssSelector("#lessons-table tbody tr"))).hasSize(1);
            browser.screenshot("116-base-teaching-recorded-zh");

            browser.signIn("county-officer-yingcheng");
            browser.open("/classes/" + klass + "/teaching");
            press(browser, By.cssSelector("#visits summary"), false);
            for (String e : scene.trainees().subList(1, scene.trainees().size())) {
                press(browser, By.id("found-" + e), false);
            }
            browser.driver.findElement(By.id("visit-notes")).sendKeys("上午理论课到班抽查");
            press(browser, By.id("record-visit"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("visit-saved")));
            assertThat(browser.driver.findElement(By.id("visits")).getText()).contains("基地记为出勤、抽查时却不在场");
            browser.screenshot("117-officer-visit-flagged-zh");
            browser.signInAsBaseStaff(scene.baseId());

            scene.clockAt(5, 31, System.out);
            browser.open("/classes/" + klass + "/assessments");
            for (String e : scene.trainees()) {
                browser.driver.findElement(By.id("theory-" + e)).sendKeys("82");
                browser.driver.findElement(By.id("practical-" + e)).sendKeys("88");
            }
            press(browser, By.id("submit-batch"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            press(browser, By.id("tab-completions"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("batch-form")));
            int n = 0;
            for (String e : scene.trainees()) {
                browser.driver.findElement(By.id("certificate-" + e)).sendKeys("JY" + year + "-YC-" + String.format("%04d", ++n));
            }
            browser.screenshot("74-base-completions-filled-zh");
            press(browser, By.id("submit-batch"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            browser.screenshot("75-base-completed-zh");

            // ---- 10 June: the placements, the submit button double-clicked.
            scene.clockAt(6, 10, System.out);
            browser.open("/classes/" + klass + "/placements");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-" + scene.trainees().get(0))));
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            for (String e : scene.trainees()) {
                press(browser, By.id("report-" + e), false);
                browser.driver.findElement(By.id("employerName-" + e)).sendKeys("应城市双环机械制造有限公司");
                browser.driver.findElement(By.id("creditCode-" + e)).sendKeys(YearWorkScene.creditCode(70));
                browser.driver.findElement(By.id("address-" + e)).sendKeys("湖北省应城市城北工业园长江埠大道18号");
                browser.driver.findElement(By.id("hrPhone-" + e)).sendKeys("0712-3251234");
                browser.driver.findElement(By.id("job-" + e)).sendKeys("电焊工");
                browser.driver.findElement(By.id("wageYuan-" + e)).sendKeys("4,800");
                js.executeScript("arguments[0].value = arguments[1]", browser.driver.findElement(By.id("startDate-" + e)),
                        year + "-06-15");
            }
            browser.screenshot("76-base-placements-filled-zh");
            press(browser, By.id("submit-batch"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("placed")));
            Thread.sleep(1000); // a second batch, had one gone out, would have landed by now
            String placementId = null;
            for (String e : scene.trainees()) {
                JsonNode placements = GATEWAY.as(officer).get("/api/placement/placements?enrollmentId=" + e).json();
                assertThat(placements.path("total").asInt()).as("one placement of " + e).isEqualTo(1);
                assertThat(placements.path("items").get(0).path("monthlyWageFen").asLong()).isEqualTo(480_000L);
                placementId = placements.path("items").get(0).path("id").asString();
                JsonNode enrollment = GATEWAY.as(staff).get("/api/enrollment/enrollments/" + e).json();
                assertThat(enrollment.path("status").asString()).isEqualTo("COMPLETED");
                assertThat(enrollment.path("assessments").size()).as("assessed once").isEqualTo(1);
            }
            browser.screenshot("77-base-placed-zh");

            // ---- 16 July (the first follow-up fell due on the 15th, a month after the start): the officer records it
            // (double-clicked: recorded once).
            scene.clockAt(7, 16, System.out);
            browser.signIn("county-officer-yingcheng");
            press(browser, By.id("nav-follow-ups"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-placement-id='" + placementId + "']")));
            browser.screenshot("78-officer-follow-ups-zh");
            browser.open("/placements/" + placementId);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("contact-form")));
            js.executeScript("arguments[0].value = arguments[1]", browser.driver.findElement(By.id("contactedOn")), year + "-07-16");
            browser.driver.findElement(By.id("wageYuan")).sendKeys("4800");
            browser.driver.findElement(By.id("note")).sendKeys("电话回访：在岗，工资按月发放。");
            press(browser, By.id("record-follow-up"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            Thread.sleep(1000);
            JsonNode placement = GATEWAY.as(officer).get("/api/placement/placements/" + placementId).json();
            int done = 0;
            for (JsonNode f : placement.path("followUps")) {
                done += "DONE".equals(f.path("status").asString()) ? 1 : 0;
            }
            assertThat(done).as("one follow-up recorded").isEqualTo(1);
            assertThat(placement.path("followUps").get(0).path("status").asString()).isEqualTo("DONE");
            browser.screenshot("79-officer-follow-up-recorded-zh");

            // ---- 20 July: base staff call the rest of the class and record the first round on the class's follow-up
            // sheet (跟踪服务台账), every trainee in work on one page, submitted once (double-clicked).
            scene.clockAt(7, 20, System.out);
            browser.signInAsBaseStaff(scene.baseId());
            browser.open("/classes/" + klass);
            press(browser, By.id("work-follow-ups"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sheet-form")));
            assertThat(browser.driver.findElement(By.id("round-1")).getAttribute("aria-current")).isEqualTo("page");
            List<String> called = new java.util.ArrayList<>();
            for (WebElement tick : browser.driver.findElements(By.cssSelector("#rows input[type=checkbox][id^='record-']"))) {
                String id = tick.getAttribute("id").substring("record-".length());
                called.add(id);
                press(browser, By.id("record-" + id), false);
                js.executeScript("arguments[0].value = arguments[1]", browser.driver.findElement(By.id("contactedOn-" + id)),
                        year + "-07-20");
                browser.driver.findElement(By.id("wageYuan-" + id)).sendKeys("4,800");
            }
            assertThat(called).as("every trainee in work but the one the officer called").hasSize(scene.trainees().size() - 1)
                    .doesNotContain(placementId);
            browser.screenshot("120-base-follow-up-sheet-zh");
            press(browser, By.id("submit-sheet"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            Thread.sleep(1000);
            for (String id : called) {
                JsonNode p = GATEWAY.as(officer).get("/api/placement/placements/" + id).json();
                assertThat(p.path("followUps").get(0).path("status").asString()).as("the first follow-up of " + id).isEqualTo("DONE");
                assertThat(p.path("followUps").get(0).path("contact").path("monthlyWageFen").asLong()).isEqualTo(480_000L);
            }
            browser.screenshot("121-base-follow-up-sheet-recorded-zh");

            // ---- 1 September: the trainee left the job at the end of August; base staff record the departure, and
            // on the 20th the next job (the button double-clicked: one re-placement).
            scene.clockAt(9, 1, System.out);
            browser.open("/placements/" + placementId);
            press(browser, By.cssSelector("#departure summary"), false);
            js.executeScript("arguments[0].value = arguments[1]", browser.driver.findElement(By.id("leftOn")), year + "-08-28");
            browser.driver.findElement(By.id("leftReason")).sendKeys("工厂停产检修，本人辞职回乡");
            browser.screenshot("118-base-departure-zh");
            // Meanwhile the county's officer records the second follow-up (not reached): the page is out of date, and
            // the departure sent with its version is refused with a reload prompt, recording nothing.
            Http.Response meanwhile = GATEWAY.as(officer).post("/api/placement/placements/" + placementId + "/follow-ups/2",
                    java.util.Map.of("contactedOn", year + "-08-31", "reached", false, "note", "电话无人接听"));
            assertThat(meanwhile.status()).as(meanwhile.toString()).isEqualTo(200);
            press(browser, By.id("record-departure"), false);
            WebElement changed = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("departure-feedback")));
            assertThat(changed.getAttribute("data-kind")).isEqualTo("CHANGED");
            assertThat(GATEWAY.as(officer).get("/api/placement/placements/" + placementId).json().path("status").asString())
                    .isEqualTo("CURRENT");
            js.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", changed);
            browser.screenshot("122-base-departure-changed-meanwhile-zh");
            browser.open("/placements/" + placementId);
            press(browser, By.cssSelector("#departure summary"), false);
            js.executeScript("arguments[0].value = arguments[1]", browser.driver.findElement(By.id("leftOn")), year + "-08-28");
            browser.driver.findElement(By.id("leftReason")).sendKeys("工厂停产检修，本人辞职回乡");
            press(browser, By.id("record-departure"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("replacement-form")));
            assertThat(browser.driver.findElement(By.id("placement-status")).getAttribute("data-status")).isEqualTo("LEFT");
            scene.clockAt(9, 20, System.out);
            browser.open("/placements/" + placementId);
            browser.driver.findElement(By.id("employerName")).sendKeys("孝感市楚天机械有限公司");
            browser.driver.findElement(By.id("creditCode")).sendKeys(YearWorkScene.creditCode(71));
            browser.driver.findElement(By.id("address")).sendKeys("湖北省孝感市孝南区长征路18号");
            browser.driver.findElement(By.id("hrPhone")).sendKeys("0712-2345678");
            browser.driver.findElement(By.id("job")).sendKeys("电焊工");
            browser.driver.findElement(By.id("replacementWage")).sendKeys("5,000");
            js.executeScript("arguments[0].value = arguments[1]", browser.driver.findElement(By.id("startDate")), year + "-09-18");
            new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("workplace"))).selectByValue("IN_PROVINCE");
            press(browser, By.id("record-replacement"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("replaces")));
            Thread.sleep(1000); // a second re-placement, had one gone out, would have landed by now
            String enrollmentId = GATEWAY.as(officer).get("/api/placement/placements/" + placementId).json()
                    .path("enrollmentId").asString();
            JsonNode jobs = GATEWAY.as(officer).get("/api/placement/placements?enrollmentId=" + enrollmentId).json();
            assertThat(jobs.path("total").asInt()).as("the job left and one next job").isEqualTo(2);
            int current = 0;
            for (JsonNode p : jobs.path("items")) {
                if ("CURRENT".equals(p.path("status").asString())) {
                    current++;
                    assertThat(p.path("replacesPlacementId").asString()).isEqualTo(placementId);
                    assertThat(p.path("monthlyWageFen").asLong()).isEqualTo(500_000L);
                } else {
                    assertThat(p.path("status").asString()).isEqualTo("LEFT");
                    assertThat(p.path("leftReason").asString()).isEqualTo("工厂停产检修，本人辞职回乡");
                }
            }
            assertThat(current).isEqualTo(1);
            browser.screenshot("119-base-replaced-zh");
        } finally {
            scene.resetClock(System.out);
        }
    }
}
