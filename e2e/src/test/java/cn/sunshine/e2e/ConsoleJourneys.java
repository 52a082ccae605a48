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

    Path screenshot(String name) throws IOException {
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

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
