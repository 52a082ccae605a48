package cn.sunshine.e2e;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's further journeys in the same headless Chromium as {@link ConsoleJourneys}, through the gateway: the
 * public files an objection to a tender result under notice (phone, then the code), checks a voucher and reads the
 * tenders; an expert declares and scores an application (double-clicking 提交); a province officer drills a progress
 * report down to a county and downloads its workbook; the auditor reads who read personal data and a spot check's
 * seed; an officer of 安陆市 finds nothing of 应城市 in any of these pages or downloads. Screenshots beside the
 * others in {@code e2e/target/console-screenshots/}; axe-core on every page photographed.
 */
final class ConsoleJourneysMore {

    static final Http GATEWAY = ConsoleJourneys.GATEWAY;

    private ConsoleJourneysMore() {
    }

    /** @return the personal data the journeys typed (a phone): none may appear whole in any log */
    static List<String> play(cn.sunshine.yeardriver.ConsoleScenes.Scenes scenes, int reportYear) throws Exception {
        List<String> personalData = new ArrayList<>();
        String county = scenes.county();
        String officer = TestTokens.of("COUNTY_OFFICER", county);
        try (ConsoleJourneys browser = new ConsoleJourneys()) {
            // ---- The public: the notice under way, an objection filed with the phone, then the code.
            browser.driver.manage().deleteAllCookies();
            browser.open("/public?division=" + county);
            press(browser, By.id("portal-notices"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-notice-id='" + scenes.noticeId() + "']")));
            press(browser, By.cssSelector("tr[data-notice-id='" + scenes.noticeId() + "'] a"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("objection-form")));
            assertThat(browser.driver.findElement(By.id("notice-state")).getAttribute("data-open")).isEqualTo("true");
            assertThat(browser.text("entries")).contains("¥");
            int objectionsBefore = GATEWAY.as(officer).get("/api/accreditation/notices/" + scenes.noticeId()).json()
                    .path("objections").size();
            browser.screenshot("10-public-notice-open-zh");
            String phone = "13907125555";
            personalData.add(phone);
            browser.driver.findElement(By.id("objector-name")).sendKeys("王先生");
            browser.driver.findElement(By.id("objector-phone")).sendKeys(phone);
            new Select(browser.driver.findElement(By.id("objection-application"))).selectByIndex(1);
            browser.driver.findElement(By.id("objection-statement")).sendKeys("该单位的实训车间近期已停用，与申报材料不符，请核查。");
            press(browser, By.id("objection-send"), false);
            WebElement simulated = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("simulated-code")));
            assertThat(browser.text("objection-sent")).contains("139****5555").doesNotContain(phone);
            browser.screenshot("11-public-objection-code-zh");
            browser.driver.findElement(By.id("objection-code")).sendKeys(simulated.getAttribute("data-code"));
            press(browser, By.id("objection-confirm"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("objection-filed")));
            String objectionId = browser.text("objection-id");
            browser.screenshot("12-public-objection-filed-zh");
            Thread.sleep(1000); // a second confirmation, had one gone out, would have landed by now
            JsonNode notice = GATEWAY.as(officer).get("/api/accreditation/notices/" + scenes.noticeId()).json();
            assertThat(notice.path("objections").size()).as("one objection more").isEqualTo(objectionsBefore + 1);
            JsonNode filed = null;
            for (JsonNode o : notice.path("objections")) {
                if (o.path("id").asString().equals(objectionId)) {
                    filed = o;
                }
            }
            assertThat(filed).as("the objection the page confirmed").isNotNull();
            assertThat(filed.path("contact").path("phone").asString()).isEqualTo(phone);
            assertThat(filed.path("statement").asString()).contains("实训车间近期已停用");
            browser.open("/public/notices/" + scenes.noticeId() + "?lang=en");
            assertThat(browser.text("notice-state")).isEqualTo("Open for objections");
            browser.screenshot("13-public-notice-en");
            browser.open("/public/tenders?division=" + county + "&lang=zh-CN");
            assertThat(browser.driver.findElements(By.cssSelector("tr[data-tender-id='" + scenes.reviewTender() + "']"))).hasSize(1);
            browser.screenshot("14-public-tenders-zh");
            press(browser, By.cssSelector("tr[data-tender-id='" + scenes.reviewTender() + "'] a"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("criteria")));
            assertThat(browser.text("tender-stage")).isEqualTo("专家评审中");
            browser.screenshot("15-public-tender-zh");
            browser.open("/public/vouchers");
            browser.driver.findElement(By.id("serial")).sendKeys(county + "-" + scenes.year() + "-000001");
            browser.driver.findElement(By.id("voucher-code")).sendKeys("ZZZZZZZZ");
            press(browser, By.id("voucher-check"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("voucher-answer")));
            assertThat(browser.driver.findElement(By.id("voucher-answer")).getAttribute("data-genuine")).isEqualTo("false");
            browser.screenshot("16-public-voucher-zh");

            // ---- The expert: my panels, the declaration, a score sheet (double-clicked: one sheet).
            browser.signIn("expert-zhou");
            press(browser, By.id("nav-expert"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-tender-id='" + scenes.reviewTender() + "']")));
            assertThat(browser.driver.findElement(By.cssSelector("tr[data-tender-id='" + scenes.reviewTender() + "']")).getText())
                    .contains("待声明利害关系");
            browser.screenshot("20-expert-panels-zh");
            press(browser, By.cssSelector("tr[data-tender-id='" + scenes.reviewTender() + "'] a"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-conflict")));
            press(browser, By.id("no-conflict"), false);
            browser.driver.findElement(By.id("declaration-statement")).sendKeys("本人与本次招标的各申报单位无亲属、任职和经济往来关系。");
            press(browser, By.id("declare"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            assertThat(browser.driver.findElement(By.id("member-status")).getAttribute("data-status")).isEqualTo("DECLARED");
            browser.screenshot("21-expert-declared-zh");
            String application = scenes.applications().get(0);
            press(browser, By.cssSelector("tr[data-application-id='" + application + "'] a"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sheet-form")));
            int[] scores = {86, 82, 90, 84};
            List<WebElement> inputs = browser.driver.findElements(By.cssSelector("#sheet-form input[type=number]"));
            assertThat(inputs).hasSize(4);
            for (int i = 0; i < inputs.size(); i++) {
                inputs.get(i).sendKeys(String.valueOf(scores[i]));
            }
            ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('visitedOn').value = arguments[0]",
                    scenes.year() + "-03-21");
            press(browser, By.id("inspection-passed"), false);
            browser.driver.findElement(By.id("findings")).sendKeys("实训车间与申报一致，焊机在用");
            browser.driver.findElement(By.id("comments")).sendKeys("师资较强，就业渠道稳定");
            browser.screenshot("22-expert-score-sheet-zh");
            press(browser, By.id("submit-sheet"), true);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            assertThat(browser.driver.findElement(By.cssSelector("tr[data-application-id='" + application + "']"))
                    .getAttribute("data-scored")).isEqualTo("true");
            browser.screenshot("23-expert-scored-zh");
            Thread.sleep(1000);
            int mine = 0;
            for (JsonNode e : GATEWAY.as(officer).get("/api/accreditation/tenders/" + scenes.reviewTender() + "/ranking").json().path("entries")) {
                if (e.path("applicationId").asString().equals(application)) {
                    for (JsonNode s : e.path("sheets")) {
                        mine += "周教授".equals(s.path("reviewerName").asString()) ? 1 : 0;
                    }
                }
            }
            assertThat(mine).as("one score sheet by 周教授 after a double-click").isEqualTo(1);
            browser.signOut();

            // ---- The province officer: province → city → county, and the county's workbook.
            browser.signIn("province-officer");
            browser.open("/reports/progress?period=" + reportYear);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#children tr[data-division='420900']")));
            browser.screenshot("30-province-report-zh");
            press(browser, By.cssSelector("#children tr[data-division='420900'] a"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#children tr[data-division='" + county + "']")));
            assertThat(browser.text("report-division")).isEqualTo("孝感市");
            browser.screenshot("31-city-report-zh");
            press(browser, By.cssSelector("#children tr[data-division='" + county + "'] a"), false);
            browser.wait.until(d -> "应城市".equals(browser.text("report-division")));
            assertThat(browser.text("breadcrumb")).contains("湖北省", "孝感市", "应城市");
            JsonNode report = GATEWAY.as(TestTokens.of("PROVINCE_OFFICER", "420000"))
                    .get("/api/reports/progress?division=" + county + "&period=" + reportYear).json();
            assertThat(browser.driver.findElement(By.cssSelector("[data-figure='quota']")).getText())
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%,d", report.path("figures").path("quota").asLong()));
            assertThat(browser.driver.findElement(By.cssSelector("[data-figure='enrolled']")).getText())
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%,d", report.path("figures").path("enrolled").asLong()));
            if (report.path("figures").path("subsidyPaidFen").isNumber()) {
                assertThat(browser.driver.findElement(By.cssSelector("[data-figure='subsidyPaidFen']")).getText())
                        .isEqualTo(String.format(java.util.Locale.ROOT, "¥%,.2f", report.path("figures").path("subsidyPaidFen").asLong() / 100.0));
            }
            browser.screenshot("32-county-report-zh");
            String download = browser.driver.findElement(By.id("download")).getAttribute("href");
            assertThat(fetch(browser, download)).startsWith("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .contains("progress-" + county + "-" + reportYear + ".xlsx", " PK");
            browser.open("/reports/progress?division=" + county + "&period=" + reportYear + "&lang=en");
            browser.screenshot("33-county-report-en");
            browser.open("/reports/progress?division=" + county + "&period=" + reportYear + "&lang=zh-CN");
            browser.signOut();

            // ---- The auditor: who read personal data whole; a spot-check round's seed. First a read to find: the
            // county's officer exports a class's ledger whole, saying why (an audited read).
            String ledgerClass = "";
            for (JsonNode c : GATEWAY.as(officer).get("/api/enrollment/classes?size=50").json().path("items")) {
                if (c.path("enrolled").asInt() > 0) {
                    ledgerClass = c.path("id").asString();
                    break;
                }
            }
            assertThat(ledgerClass).as("a class of " + county).isNotBlank();
            Http.Response wholeLedger = GATEWAY.as(officer).get("/api/enrollment/classes/" + ledgerClass + "/ledger?format=csv&purpose="
                    + java.net.URLEncoder.encode("核对花名册与身份证复印件", java.nio.charset.StandardCharsets.UTF_8));
            assertThat(wholeLedger.status()).as(wholeLedger.toString()).isEqualTo(200);
            browser.signIn("auditor-province");
            press(browser, By.id("nav-audit"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-reads")));
            browser.screenshot("40-auditor-home-zh");
            press(browser, By.id("audit-reads"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reads tbody tr")));
            browser.screenshot("41-auditor-reads-zh");
            JsonNode spot = GATEWAY.as(officer).get("/api/placement/spot-checks?size=1").json().path("items").path(0);
            String roundId = spot.path("roundId").asString();
            assertThat(roundId).as("a spot-check round of " + county).isNotBlank();
            browser.open("/audit/spot-checks");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-round-id='" + roundId + "'] a")));
            press(browser, By.cssSelector("tr[data-round-id='" + roundId + "'] a"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("round-seed")));
            JsonNode round = GATEWAY.as(TestTokens.of("AUDITOR", "420000")).get("/api/placement/spot-check-rounds/" + roundId).json();
            assertThat(browser.text("round-seed")).isEqualTo(round.path("seed").asString());
            assertThat(browser.text("round-commitment")).isEqualTo(round.path("seedCommitment").asString());
            browser.screenshot("42-auditor-round-zh");
            browser.signOut();

            // ---- An officer of 安陆市: nothing of 应城市 in any of these pages or downloads.
            browser.signIn("county-officer-anlu");
            browser.open("/reports/progress?division=" + county + "&period=" + reportYear);
            assertThat(browser.driver.findElement(By.id("problem")).getAttribute("data-kind")).isEqualTo("NOT_FOUND");
            browser.screenshot("50-anlu-report-of-yingcheng-zh");
            assertThat(fetch(browser, ConsoleJourneys.CONSOLE + "/reports/progress.xlsx?division=" + county + "&period=" + reportYear))
                    .startsWith("404 ").doesNotContain(" PK");
            browser.open("/reports/progress?period=" + reportYear);
            assertThat(browser.text("report-division")).isEqualTo("安陆市");
            assertThat(browser.driver.getPageSource()).doesNotContain("应城市", county);
            for (String page : List.of("/audit/personal-data-reads", "/audit/spot-check-rounds/" + roundId,
                    "/expert/tenders/" + scenes.reviewTender(), "/expert/applications/" + application)) {
                browser.open(page);
                assertThat(browser.driver.findElement(By.id("problem")).getAttribute("data-kind")).as(page).isEqualTo("NOT_FOUND");
            }
            browser.open("/expert");
            assertThat(browser.driver.getPageSource()).doesNotContain(scenes.reviewTender(), "应城市");
            // Every page of the console that is not public, with 应城市's records where it takes one: nothing of 应城市.
            String claim = GATEWAY.as(officer).get("/api/subsidy/claims?size=1").json().path("items").path(0).path("claimId").asString();
            assertThat(claim).as("a claim of " + county).isNotBlank();
            List<String> yingcheng = List.of("应城", claim, ledgerClass, scenes.reviewTender(), application, roundId);
            for (String page : List.of("/", "/dashboard", "/dashboard?year=" + reportYear, "/tasks/verification", "/tasks/approval",
                    "/tasks/recheck", "/claims", "/claims?status=PAID", "/claims/" + claim, "/claims/" + claim + "/sheet",
                    "/classes", "/classes?status=REPORTED", "/classes/" + ledgerClass, "/classes/new", "/finance",
                    "/reports/progress", "/expert", "/expert/tenders/" + scenes.reviewTender(),
                    "/expert/applications/" + application, "/audit", "/audit/personal-data-reads", "/audit/contact-lookups",
                    "/audit/spot-checks", "/audit/spot-check-rounds/" + roundId, "/operator/sessions")) {
                browser.open(page);
                assertThat(browser.driver.getPageSource()).as(page).doesNotContain(yingcheng);
            }
            for (String file : List.of("/claims/export.xlsx", "/claims/export.xlsx?status=PAID", "/classes/export.xlsx",
                    "/dashboard/report.xlsx", "/classes/" + ledgerClass + "/ledger?format=csv",
                    "/classes/" + ledgerClass + "/ledger?format=xlsx", "/reports/progress.xlsx?division=" + county)) {
                String answer = fetchText(browser, ConsoleJourneys.CONSOLE + file);
                assertThat(answer).as(file).doesNotContain(yingcheng);
            }
            browser.signOut();

            Files.writeString(ConsoleJourneys.SHOTS.resolve("axe-more.txt"), String.join("\n", browser.accessibility) + "\n");
            assertThat(browser.accessibility).as("serious or critical axe-core violations (WCAG 2.1 A/AA) on the pages visited")
                    .isEmpty();
        }
        return personalData;
    }

    /** Scrolls the element to the middle of the window, then clicks it (twice for a double-click). */
    static void press(ConsoleJourneys browser, By by, boolean twice) {
        WebElement e = browser.driver.findElement(by);
        // A link in one of the top bar's menus: the menu is opened first, as a person opens it.
        ((JavascriptExecutor) browser.driver).executeScript("var d = arguments[0].closest('details.nav-group');"
                + " if (d && !d.open) { d.querySelector('summary').click(); }", e);
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", e);
        browser.wait.until(ExpectedConditions.elementToBeClickable(e));
        if (twice) {
            try {
                new Actions(browser.driver).doubleClick(e).perform();
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                // the first click's answer replaced the page before the second: the second click had nothing to land on
            } catch (org.openqa.selenium.WebDriverException gone) {
                if (!ConsoleJourneys.leftThePage(gone)) {
                    throw gone;
                }
                // likewise: Chromium names the button of the page already left
            }
        } else {
            e.click();
        }
    }

    /**
     * The console's whole answer to a GET from the page itself (its session cookie): status, then the body as text;
     * an XLSX (a zip) is opened and its sheets and shared strings read as text.
     */
    static String fetchText(ConsoleJourneys browser, String url) {
        Object result = ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => {"
                        + " let s = ''; const u = new Uint8Array(b);"
                        + " for (let i = 0; i < u.length; i++) { s += String.fromCharCode(u[i]); }"
                        + " done(r.status + ' ' + btoa(s));"
                        + "})).catch(e => done('error ' + e));", url);
        String[] parts = String.valueOf(result).split(" ", 2);
        byte[] body = parts.length > 1 ? java.util.Base64.getDecoder().decode(parts[1]) : new byte[0];
        StringBuilder text = new StringBuilder(parts[0]).append(' ');
        if (body.length > 1 && body[0] == 'P' && body[1] == 'K') {
            // Read by its central directory (a streamed workbook's local headers carry no sizes).
            try {
                java.nio.file.Path file = Files.createTempFile("console-download-", ".zip");
                Files.write(file, body);
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                    for (java.util.zip.ZipEntry e : java.util.Collections.list(zip.entries())) {
                        try (java.io.InputStream in = zip.getInputStream(e)) {
                            text.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            text.append(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    /** The console's answer to a GET from the page itself (its session cookie): status, type, file name, and " PK" for a zip. */
    static String fetch(ConsoleJourneys browser, String url) {
        Object result = ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => {"
                        + " const u = new Uint8Array(b);"
                        + " done(r.status + ' ' + r.headers.get('content-type') + ' ' + r.headers.get('content-disposition')"
                        + "  + (u.length > 1 && u[0] === 0x50 && u[1] === 0x4b ? ' PK' : ''));"
                        + "})).catch(e => done('error ' + e));", url);
        return String.valueOf(result);
    }

}
