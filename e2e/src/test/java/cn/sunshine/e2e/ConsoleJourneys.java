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
    final WebDriverWait wait;
    final Path profile;
    final List<String> screenshots = new ArrayList<>();
    /** Serious and critical axe-core violations (WCAG 2.1 A and AA rules) on the pages visited. */
    final List<String> accessibility = new ArrayList<>();

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
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
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
        pick.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
        assertThat(driver.getCurrentUrl()).startsWith(CONSOLE + "/");
    }

    void signOut() {
        driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/signed-out"));
    }

    void open(String path) {
        driver.get(CONSOLE + path);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
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
    static void play(cn.sunshine.yeardriver.ClaimsWaiting.Claims waiting) throws Exception {
        String county = waiting.county();
        int year = waiting.year();
        try (ConsoleJourneys browser = new ConsoleJourneys()) {
            // The county leader: 待审批, the claim, a double-click on 批准.
            browser.signIn("county-leader-yingcheng");
            assertThat(browser.text("who")).contains("应城市 分管副市长", "县分管领导", "420981");
            assertThat(Integer.parseInt(browser.driver.findElement(By.cssSelector("#task-approval .count")).getText())).isPositive();
            browser.screenshot("01-leader-home-zh");
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
            browser.signOut();

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

            // The public: no sign-in, the recipients notice of 应城市 (the year played before has paid claims).
            browser.open("/public?division=420981");
            assertThat(browser.driver.findElements(By.cssSelector("#recipients tbody tr"))).isNotEmpty();
            assertThat(browser.driver.findElements(By.cssSelector("#bases tbody tr"))).isNotEmpty();
            assertThat(browser.text("recipients")).containsPattern("\\d{6}\\*+\\w{4}").contains("¥");
            browser.screenshot("09-public-notice-zh");
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
