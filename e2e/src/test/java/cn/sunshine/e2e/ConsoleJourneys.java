package cn.sunshine.e2e;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (Debian's headless Chromium driven by Selenium), through the gateway of the
 * suite run.sh started: people sign in through the OIDC flow (the devstack's user picker), and do their work.
 * Screenshots go to {@code e2e/target/console-screenshots/}.
 */
final class ConsoleJourneys implements AutoCloseable {

    static final String CONSOLE = "http://localhost:8080";
    static final Http GATEWAY = Http.at("http://127.0.0.1:8080");
    static final Path SHOTS = Path.of("target", "console-screenshots");

    final WebDriver driver;
    final PageWait wait;
    final Path profile;
    final List<String> screenshots = new ArrayList<>();
    /** Serious and critical axe-core violations (WCAG 2.1 A and AA rules) on the pages visited. */
    final List<String> accessibility = new ArrayList<>();
    private boolean pickerChecked;

    ConsoleJourneys() throws IOException {
        profile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("console.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1366,900", "--lang=zh-CN", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("console.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        WebDriverWait polls = new WebDriverWait(driver, Duration.ofSeconds(30));
        // A form's answer replaces the page: a condition that found its element on the old page and reads it
        // after the new one came finds it stale; the next poll finds the new page's (a CI run failed on exactly
        // that, waiting for a complaint's status after its answer was sent).
        polls.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait = new PageWait(polls);
        Files.createDirectories(SHOTS);
    }

    static boolean browserInstalled() {
        return new File(System.getProperty("console.chromium", "/usr/bin/chromium")).canExecute()
                && new File(System.getProperty("console.chromedriver", "/usr/bin/chromedriver")).canExecute();
    }

    /** Signs in through the OIDC flow: the console sends the browser to the provider, whose picker names the person. */
    void signIn(String username) {
        driver.manage().deleteAllCookies();
        driver.get(CONSOLE + "/");
        WebElement pick = wait.until(ExpectedConditions.elementToBeClickable(By.id("pick-" + username)));
        assertThat(driver.getCurrentUrl()).as("the provider's picker").startsWith("http://localhost:9000/oidc/authorize?")
                .contains("code_challenge_method=S256");
        if (!pickerChecked) {
            axe("sign-in picker"); // the first page every person sees, once a journey
            pickerChecked = true;
        }
        pick.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
        assertThat(driver.getCurrentUrl()).startsWith(CONSOLE + "/");
    }

    /** 退出: through the provider's end-session endpoint (RP-initiated logout) and back to the console's page. */
    void signOut() {
        driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlToBe(CONSOLE + "/signed-out"));
    }

    void open(String path) {
        driver.get(CONSOLE + path);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /**
     * The element has left the page (the page was drawn again). Selenium's {@code stalenessOf} knows only its own
     * stale-element error; Chromium may instead answer that the node "does not belong to the document", which
     * means the same.
     */
    static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> gone(WebElement element) {
        return d -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (leftThePage(e)) {
                    return true;
                }
                throw e;
            }
        };
    }

    /** Chromium's way of saying an element is stale: its node "does not belong to the document" any more. */
    static boolean leftThePage(org.openqa.selenium.WebDriverException e) {
        return e.getMessage() != null && e.getMessage().contains("does not belong to the document");
    }

    /**
     * The journeys' wait: Selenium's, polling for 30 s and reading a stale element as "not yet" — and Chromium's
     * other name for a stale element ({@link #leftThePage}) as well. A condition that found its element on a page
     * a form's answer was replacing reads it again on the next poll (a CI run failed on exactly that, waiting for a
     * complaint's status after its answer was sent: Chromium 156 answered "does not belong to the document").
     */
    static final class PageWait {
        private final WebDriverWait polls;

        PageWait(WebDriverWait polls) {
            this.polls = polls;
        }

        <V> V until(java.util.function.Function<? super WebDriver, V> condition) {
            return polls.until(d -> {
                try {
                    return condition.apply(d);
                } catch (org.openqa.selenium.StaleElementReferenceException stale) {
                    throw stale;
                } catch (org.openqa.selenium.WebDriverException e) {
                    if (leftThePage(e)) {
                        return null; // not yet: the next poll reads the new page
                    }
                    throw e;
                }
            });
        }
    }

    String claimStatus() {
        return driver.findElement(By.id("claim-status")).getAttribute("data-status");
    }

    /** Clicks a decision button and waits for the claim page to come back with what was done. */
    void decide(String buttonId, boolean doubleClick) {
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.id(buttonId)));
        if (doubleClick) {
            new Actions(driver).doubleClick(button).perform();
        } else {
            button.click();
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
    }

    /**
     * Kills the console (run.sh starts it again, as a cluster replaces a pod) and reloads the page: the person
     * is still signed in — the session, with the access token, is in the console's database — and the page's
     * counts come from the gateway with the stored token.
     */
    void survivesARestart(Suite suite) throws Exception {
        String before = text("who");
        suite.kill("console");
        Http console = Http.local(8085);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (suite.running("console") && console.getOrNull("/actuator/health/liveness") != null && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Http.Response ready = console.getOrNull("/actuator/health/readiness");
            if (ready != null && ready.status() == 200) {
                break;
            }
            assertThat(System.nanoTime()).as("the console is back within two minutes").isLessThan(deadline);
            Thread.sleep(500);
        }
        driver.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
        assertThat(driver.getCurrentUrl()).as("no new sign-in after the restart").startsWith(CONSOLE + "/")
                .doesNotContain("/oidc/");
        assertThat(text("who")).isEqualTo(before);
        System.out.println("console restarted: the session held");
    }

    /** The county officer's dashboard: every figure is the progress report's, and the three charts are drawn. */
    void dashboardShowsTheReport(String county, int year) throws IOException {
        Http.Response r = GATEWAY.as(TestTokens.of("COUNTY_OFFICER", county)).get("/api/reports/progress?division=" + county
                + "&period=" + year);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode figures = r.json().path("figures");
        driver.findElement(By.id("nav-dashboard")).click();
        open("/dashboard?year=" + year);
        wait.until(d -> "3".equals(d.findElement(By.tagName("html")).getAttribute("data-charts")));
        for (String[] f : new String[][] {{"fig-quota", "quota"}, {"fig-enrolled", "enrolled"}, {"fig-completed", "completed"},
                {"fig-placed", "placed"}, {"fig-committed", "subsidyCommittedFen"}, {"fig-paid", "subsidyPaidFen"}}) {
            assertThat(java.util.Objects.toString(driver.findElement(By.id(f[0])).getAttribute("data-value"), "")).as(f[1])
                    .isEqualTo(figures.path(f[1]).isNull() ? "" : figures.path(f[1]).asString());
        }
        assertThat(figures.path("enrolled").asLong()).isPositive();
        assertThat(driver.findElements(By.cssSelector("#chart-progress canvas"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#months tbody tr"))).isNotEmpty();
        screenshot("13-officer-dashboard-zh");
    }

    void leaderApprovesSeveralAtOnce(cn.sunshine.yeardriver.ClaimsWaiting.Claims waiting) throws IOException {
        String county = waiting.county();
        String first = waiting.submitted().get(0); // verified by the officer in the browser just before
        assertThat(waiting.submitted()).as("claims enough for a batch").hasSizeGreaterThanOrEqualTo(2);
        String second = waiting.submitted().get(1);
        Http.Response verified = GATEWAY.as(TestTokens.of("COUNTY_OFFICER", county)).post("/api/subsidy/claims/" + second
                + "/verification", java.util.Map.of("decision", "APPROVE", "reason", "已核对"));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        signIn("county-leader-yingcheng");
        open("/tasks/approval");
        for (String id : List.of(first, second)) {
            wait.until(ExpectedConditions.elementToBeClickable(By.id("pick-" + id))).click();
        }
        screenshot("14-leader-batch-chosen-zh");
        // A colleague decides one of them meanwhile (sends it back): the batch's If-Match for it no longer holds.
        Http.Response colleague = GATEWAY.as(TestTokens.of("COUNTY_LEADER", county)).post("/api/subsidy/claims/" + second
                + "/approval", java.util.Map.of("decision", "REJECT", "reason", "培训记录不全，请补充后重新申报"));
        assertThat(colleague.status()).as(colleague.toString()).isEqualTo(200);
        long committedBefore = committedFen(county, waiting.year());
        driver.findElement(By.id("batch-approve")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("batch-result")));
        assertThat(driver.findElement(By.cssSelector("#batch-results tr[data-claim-id='" + first + "']")).getAttribute("data-outcome"))
                .isEqualTo("DONE");
        WebElement refused = driver.findElement(By.cssSelector("#batch-results tr[data-claim-id='" + second + "']"));
        assertThat(refused.getAttribute("data-outcome")).isEqualTo("REFUSED");
        assertThat(refused.getText()).contains("未办理", "已退回");
        JsonNode approved = claim(county, first);
        assertThat(approved.path("status").asString()).isIn("APPROVED", "AWAITING_EXTRA_APPROVAL");
        long approvals = 0;
        for (JsonNode d : approved.path("decisions")) {
            approvals += "APPROVAL".equals(d.path("stage").asString()) ? 1 : 0;
        }
        assertThat(approvals).isEqualTo(1);
        assertThat(claim(county, second).path("status").asString()).isEqualTo("REJECTED");
        if ("APPROVED".equals(approved.path("status").asString())) {
            assertThat(committedFen(county, waiting.year())).isEqualTo(committedBefore + approved.path("payableFen").asLong());
        }
        screenshot("15-leader-batch-result-zh");
        signOut();
    }

    /** A screenshot of the page as the print stylesheet lays it out (print media emulated), then back to the screen. */
    void printed(String name) throws IOException {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
        try {
            assertThat(driver.findElement(By.cssSelector("header.topbar")).isDisplayed()).as("no navigation on paper").isFalse();
            Path target = SHOTS.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            screenshots.add(target.toAbsolutePath().toString());
            System.out.println("console screenshot: " + target.toAbsolutePath());
        } finally {
            ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", ""));
        }
    }

    /** A download through the console, fetched by the page itself: its status and its first two bytes. */
    String fetchStatusAndStart(String path) {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(function (r) { return r.arrayBuffer().then(function (b) {"
                        + "  var a = new Uint8Array(b); done(r.status + ' ' + String.fromCharCode(a[0], a[1])); }); },"
                        + " function (e) { done('error ' + e); });", path));
    }

    static final List<String> SERVICES = List.of("http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083",
            "http://127.0.0.1:8084");

    /** Scrolls the element to the middle of the window, then clicks it (a button below the fold is not clickable). */
    void click(By by) {
        WebElement e = wait.until(ExpectedConditions.presenceOfElementLocated(by));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", e);
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Base staff of a base: the picker's base staff form (county, base id). */
    void signInAsBaseStaff(String baseId) {
        driver.manage().deleteAllCookies();
        driver.get(CONSOLE + "/");
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.name("baseId")));
        input.sendKeys(baseId);
        input.findElement(By.xpath("./ancestor::form//button[@type='submit']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    /** A resident ID number of the province with its ISO 7064 MOD 11-2 check character (or a wrong one). */
    static String idNumber(String birth, int sequence, boolean rightCheck) {
        String body = "420981" + birth + String.format("%03d", sequence);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        char check = "10X98765432".charAt(sum % 11);
        char wrong = check == '0' ? '1' : '0';
        return body + (rightCheck ? check : wrong);
    }

    static String rosterCsv(List<String[]> rows) {
        StringBuilder csv = new StringBuilder("姓名,性别,身份证号,户籍县,乡镇,村,农村户籍,手机,文化程度,补助档次,补助金额(分)\n");
        for (String[] r : rows) {
            csv.append(String.join(",", r)).append('\n');
        }
        return csv.toString();
    }

    void baseStaffImportARoster(cn.sunshine.yeardriver.ClaimsWaiting.Claims waiting) throws Exception {
        java.util.Random random = new java.util.Random();
        // The 17th digit of an ID number is odd for a man, even for a woman: 周建国 gets an odd one, 吴秀兰 the next.
        int seq = 501 + 2 * random.nextInt(200);
        String good1 = idNumber("19850315", seq, true);
        String good2 = idNumber("19880721", seq + 1, true);
        String bad = idNumber("19880721", seq + 1, false);
        String phone1 = "139" + String.format("%08d", random.nextInt(100_000_000));
        String phone2 = "137" + String.format("%08d", random.nextInt(100_000_000));
        WalkingSkeletonE2E.PERSONAL_DATA.addAll(List.of(good1, good2, bad, phone1, phone2));
        String[] first = {"周建国", "男", good1, "420981", "杨河镇", "三合村", "是", phone1, "初中", "TIER_2", "20000"};
        Path badFile = Files.createTempFile(profile, "名册-有误-", ".csv");
        Files.writeString(badFile, rosterCsv(List.of(first,
                new String[] {"吴秀兰", "女", bad, "420981", "杨河镇", "三合村", "是", phone2, "高中", "TIER_2", "20000"})));
        Path goodFile = Files.createTempFile(profile, "名册-", ".csv");
        Files.writeString(goodFile, rosterCsv(List.of(first,
                new String[] {"吴秀兰", "女", good2, "420981", "杨河镇", "三合村", "是", phone2, "高中", "TIER_2", "20000"})));
        cn.sunshine.yeardriver.ClaimsWaiting.clockAt("http://127.0.0.1:8080", SERVICES, waiting, 5, 10, System.out);
        try {
            signInAsBaseStaff(waiting.baseId());
            assertThat(text("who")).contains("培训基地");
            driver.findElement(By.id("nav-my-classes")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("report-class"))).click();
            // 申报开班: the base's major, dates in the prepared year, a class in a village.
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("class-form")));
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("majorCode"))).selectByValue(waiting.majorCode());
            org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) driver;
            js.executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id("plannedStart")), waiting.year() + "-06-01");
            js.executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id("plannedEnd")), waiting.year() + "-07-15");
            driver.findElement(By.id("capacity")).sendKeys("10");
            driver.findElement(By.id("town")).sendKeys("杨河镇");
            driver.findElement(By.id("village")).sendKeys("三合村");
            driver.findElement(By.id("address")).sendKeys("三合村村委会二楼培训室");
            screenshot("10-base-report-class-zh");
            click(By.id("submit-class"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            assertThat(driver.findElement(By.id("class-status")).getAttribute("data-status")).isEqualTo("REPORTED");
            String classUrl = driver.getCurrentUrl();

            // A roster with one bad row: the row report names row 3's ID number; nothing is imported.
            driver.findElement(By.id("roster-file")).sendKeys(badFile.toAbsolutePath().toString());
            click(By.id("upload-roster"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("row-report")));
            List<WebElement> reported = driver.findElements(By.cssSelector("#row-report-table tbody tr"));
            screenshot("11-base-roster-rejected-zh");
            assertThat(reported).as("the row report: %s", reported.stream().map(WebElement::getText).toList()).hasSize(1);
            assertThat(reported.get(0).getAttribute("data-row")).isEqualTo("3");
            assertThat(reported.get(0).getAttribute("data-field")).isEqualTo("idNumber");
            assertThat(reported.get(0).getText()).contains("第 3 行", "身份证号");
            assertThat(driver.findElements(By.cssSelector("#trainees tbody tr"))).as("nothing imported").isEmpty();

            // The corrected file: both imported.
            driver.findElement(By.id("roster-file")).sendKeys(goodFile.toAbsolutePath().toString());
            click(By.id("upload-roster"));
            wait.until(d -> !d.findElements(By.id("done")).isEmpty() && d.findElement(By.id("done")).getText().contains("已导入"));
            assertThat(text("done")).contains("已导入 2 名学员");
            assertThat(driver.findElements(By.cssSelector("#trainees tbody tr"))).hasSize(2);
            assertThat(text("trainees")).contains("周建国", "吴秀兰").doesNotContain(good1, good2);
            screenshot("12-base-roster-imported-zh");

            // The ledger through the console: the trainees, their ID numbers masked for base staff.
            Object ledger = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(function (r) { return r.text(); }).then(done, function (e) { done('error ' + e); });",
                    classUrl.replaceFirst("\\?.*$", "") + "/ledger?format=csv");
            assertThat(String.valueOf(ledger)).contains("周建国", "吴秀兰").doesNotContain(good1, good2);
            signOut();
        } finally {
            cn.sunshine.yeardriver.ClaimsWaiting.resetClock("http://127.0.0.1:8080", SERVICES, waiting, System.out);
        }
    }

    /** axe-core on the page as it stands: its serious and critical violations are kept for the journey's end. */
    void axe(String page) {
        com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        for (com.deque.html.axecore.results.Rule v : results.getViolations()) {
            if ("serious".equals(v.getImpact()) || "critical".equals(v.getImpact())) {
                accessibility.add(page + ": " + v.getId() + " (" + v.getImpact() + ") " + v.getHelp() + " " + v.getNodes()
                        .stream().limit(3).map(n -> String.valueOf(n.getTarget()) + " " + n.getFailureSummary()).toList());
            }
        }
    }

    /** A screenshot of the page (and axe-core's look at it). */
    Path screenshot(String name) throws IOException {
        axe(name);
        Path target = SHOTS.resolve(name + ".png");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        screenshots.add(target.toAbsolutePath().toString());
        System.out.println("console screenshot: " + target.toAbsolutePath());
        return target;
    }

    static long committedFen(String county, int year) {
        Http.Response fund = GATEWAY.as(TestTokens.of("FINANCE_OFFICER", county)).get("/api/subsidy/funds/" + county + "/" + year);
        assertThat(fund.status()).as(fund.toString()).isEqualTo(200);
        return fund.json().path("committedFen").asLong();
    }

    static JsonNode claim(String county, String claimId) {
        Http.Response r = GATEWAY.as(TestTokens.of("FINANCE_OFFICER", county)).get("/api/subsidy/claims/" + claimId);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /**
     * The journeys: the leader double-clicks 批准 (approved once, committed once), the finance bureau re-checks,
     * the county officer verifies another claim, an officer of 安陆市 finds nothing of 应城市's, the public reads
     * the recipients notice.
     */
    static void play(cn.sunshine.yeardriver.ClaimsWaiting.Claims waiting, Suite suite) throws Exception {
        String county = waiting.county();
        int year = waiting.year();
        try (ConsoleJourneys browser = new ConsoleJourneys()) {
            // The county leader: 待审批, the claim, a double-click on 批准.
            browser.signIn("county-leader-yingcheng");
            assertThat(browser.text("who")).contains("应城市 分管副市长", "县分管领导", "420981");
            assertThat(Integer.parseInt(browser.driver.findElement(By.cssSelector("#task-approval .count")).getText())).isPositive();
            browser.screenshot("01-leader-home-zh");
            // The console is killed and started again (as a pod is replaced): the leader is still signed in.
            browser.survivesARestart(suite);
            browser.driver.findElement(By.id("task-approval")).click();
            browser.wait.until(d -> !d.findElements(By.cssSelector("tr[data-claim-id='" + waiting.verified() + "']")).isEmpty());
            browser.screenshot("02-leader-approvals-zh");
            browser.driver.findElement(By.cssSelector("tr[data-claim-id='" + waiting.verified() + "'] a")).click();
            browser.wait.until(d -> "VERIFIED".equals(browser.claimStatus()));
            JsonNode before = claim(county, waiting.verified());
            long payable = before.path("payableFen").asLong();
            assertThat(browser.text("claim-total")).isEqualTo(String.format("¥%,.2f", payable / 100.0));
            long committedBefore = committedFen(county, year);
            browser.screenshot("03-leader-claim-zh");
            browser.decide("approve", true);
            assertThat(browser.claimStatus()).isEqualTo("APPROVED");
            Thread.sleep(1500); // a second request, had one gone out, would have landed by now
            JsonNode after = claim(county, waiting.verified());
            assertThat(after.path("status").asString()).isEqualTo("APPROVED");
            long approvals = 0;
            for (JsonNode d : after.path("decisions")) {
                approvals += "APPROVAL".equals(d.path("stage").asString()) ? 1 : 0;
            }
            assertThat(approvals).as("one approval decision").isEqualTo(1);
            assertThat(committedFen(county, year)).as("committed once").isEqualTo(committedBefore + payable);
            assertThat(browser.text("decisions")).contains("审批", "同意");
            browser.screenshot("04-leader-approved-zh");
            browser.open("/claims/" + waiting.verified() + "?lang=en");
            assertThat(browser.text("claim-status")).isEqualTo("To re-check");
            browser.screenshot("05-leader-claim-en");
            browser.open("/claims/" + waiting.verified() + "?lang=zh-CN");
            browser.signOut();

            // The finance bureau: 待复核, 复核通过; the payment instructions appear on the claim.
            browser.signIn("finance-officer-yingcheng");
            browser.open("/tasks/recheck");
            browser.driver.findElement(By.cssSelector("tr[data-claim-id='" + waiting.verified() + "'] a")).click();
            browser.decide("approve", false);
            assertThat(browser.claimStatus()).isIn("ORDERED", "PAID");
            assertThat(browser.driver.findElements(By.cssSelector("#instructions tbody tr"))).isNotEmpty();
            browser.screenshot("06-finance-rechecked-zh");
            // The claim's approval sheet as it prints (A4): the decisions of 核准, 审批 and 复核.
            browser.driver.findElement(By.id("approval-sheet")).click();
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sheet-decisions")));
            assertThat(browser.text("sheet-decisions")).contains("核准", "审批", "复核");
            browser.printed("16-approval-sheet-print-zh");
            // The claims in scope as Excel, with the page's filter.
            assertThat(browser.fetchStatusAndStart("/claims/export.xlsx?status=PAID")).startsWith("200 PK");
            // The finance desk: the fund of the claims' year, a payment run now, today's statement reconciled.
            browser.driver.findElement(By.id("nav-finance")).click();
            browser.open("/finance?year=" + year);
            assertThat(browser.text("fund-committed")).startsWith("¥");
            ConsoleJourneysMore.press(browser, By.id("run-payments"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-result")));
            ConsoleJourneysMore.press(browser, By.id("run-reconciliation"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reconciliation")));
            browser.screenshot("18-finance-desk-zh");
            browser.signOut();

            // The county officer: 待核准, 核准 one claim.
            browser.signIn("county-officer-yingcheng");
            String toVerify = waiting.submitted().get(0);
            browser.open("/tasks/verification");
            browser.driver.findElement(By.cssSelector("tr[data-claim-id='" + toVerify + "'] a")).click();
            browser.wait.until(d -> "SUBMITTED".equals(browser.claimStatus()));
            browser.driver.findElement(By.id("reason")).sendKeys("已核对台帐、代金券和身份证复印件");
            browser.decide("approve", false);
            assertThat(browser.claimStatus()).isEqualTo("VERIFIED");
            assertThat(claim(county, toVerify).path("status").asString()).isEqualTo("VERIFIED");
            browser.screenshot("07-officer-verified-zh");
            // The county's year (the one the e2e played first): the dashboard shows the gateway's report as it is.
            browser.dashboardShowsTheReport(county, cn.sunshine.yeardriver.Calendar.latestPlayableYear(java.time.Instant.now()));
            browser.signOut();

            // The leader approves several claims at once; one decided by a colleague meanwhile is named, the other goes through.
            browser.leaderApprovesSeveralAtOnce(waiting);

            // An officer of 安陆市 sees nothing of 应城市's: the queue does not list it, the page is a polite not-found.
            browser.signIn("county-officer-anlu");
            browser.open("/tasks/verification");
            for (String id : waiting.submitted()) {
                assertThat(browser.driver.findElements(By.cssSelector("tr[data-claim-id='" + id + "']"))).isEmpty();
            }
            browser.open("/claims/" + waiting.submitted().get(waiting.submitted().size() - 1));
            assertThat(browser.driver.findElement(By.id("problem")).getAttribute("data-kind")).isEqualTo("NOT_FOUND");
            assertThat(browser.driver.getPageSource()).doesNotContain(waiting.submitted().get(waiting.submitted().size() - 1));
            browser.screenshot("08-anlu-officer-not-found-zh");
            browser.signOut();

            // Base staff: report a class, upload a roster with one bad row (the row report names it, nothing imported),
            // then the corrected file (imported); the ledger downloads with the trainees.
            browser.baseStaffImportARoster(waiting);

            // The public: no sign-in, the recipients notice of 应城市 (the year played before has paid claims).
            browser.open("/public?division=420981");
            assertThat(browser.driver.findElements(By.cssSelector("#recipients tbody tr"))).isNotEmpty();
            assertThat(browser.driver.findElements(By.cssSelector("#bases tbody tr"))).isNotEmpty();
            assertThat(browser.text("recipients")).containsPattern("\\d{6}\\*+\\w{4}").contains("¥");
            browser.screenshot("09-public-notice-zh");
            browser.printed("17-public-notice-print-zh");
            Files.writeString(SHOTS.resolve("axe.txt"), String.join("\n", browser.accessibility) + "\n");
            assertThat(browser.accessibility).as("serious or critical axe-core violations (WCAG 2.1 A/AA) on the pages visited")
                    .isEmpty();
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
