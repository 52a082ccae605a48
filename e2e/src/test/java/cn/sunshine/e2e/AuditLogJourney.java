package cn.sunshine.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static cn.sunshine.e2e.ConsoleJourneysMore.press;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's own login and operation logs in headless Chromium, through the gateway: the finance officer of 应城市
 * signs in and records one deposit on the finance desk (an act the console forwards to the gateway); the provincial
 * auditor then finds that sign-in in 登录日志 and that act in 操作日志 (method, API path, status, the Idempotency-Key),
 * with nothing of the form's content, and downloads the filtered operation log as Excel. Screenshots 80–84; axe-core on
 * every page photographed ({@code console-screenshots/axe-audit-log.txt}). On the way, the second finance officer rejects
 * that deposit, not on the bank's statement (screenshots 85–86).
 */
final class AuditLogJourney {

    private AuditLogJourney() {
    }

    static void play() throws Exception {
        String officer = "finance-officer-yingcheng";
        String reference = "AUDIT-LOG-" + System.currentTimeMillis();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        try (ConsoleJourneys browser = new ConsoleJourneys()) {
            // ---- The officer signs in and acts once: a deposit recorded (待他人确认).
            browser.signIn(officer);
            browser.open("/finance");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deposit-form")));
            browser.driver.findElement(By.id("amountYuan")).sendKeys("1.00");
            browser.driver.findElement(By.id("reference")).sendKeys(reference);
            browser.screenshot("80-finance-deposit-before-the-log-zh");
            press(browser, By.id("record-deposit"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deposit-form")));
            browser.signOut();

            // ---- The second finance officer cannot find it on the bank's statement: rejected, with the reason.
            browser.signIn("finance-checker-yingcheng");
            browser.open("/finance");
            WebElement pending = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                    "//table[@id='pending-deposits']//tr[td[normalize-space()='" + reference + "']]")));
            String depositId = pending.getAttribute("data-deposit-id");
            press(browser, By.cssSelector("#reject-" + depositId + " summary"), false);
            browser.driver.findElement(By.id("reason-" + depositId)).sendKeys("银行对账单无此笔，凭证号有误");
            browser.screenshot("85-finance-deposit-rejecting-zh");
            WebElement reject = browser.driver.findElement(By.id("reject-button-" + depositId));
            press(browser, By.id("reject-button-" + depositId), false);
            browser.wait.until(ConsoleJourneys.gone(reject));
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rejected-deposits")));
            assertThat(browser.text("done")).contains("已退回");
            assertThat(browser.driver.findElement(By.cssSelector("#rejected-deposits tr[data-deposit-id='" + depositId + "']"))
                    .getText()).contains(reference, "银行对账单无此笔，凭证号有误", "finance-checker-yingcheng");
            assertThat(browser.driver.findElements(By.cssSelector("#pending-deposits tr[data-deposit-id='" + depositId + "']")))
                    .isEmpty();
            browser.screenshot("86-finance-deposit-rejected-zh");
            browser.signOut();

            // ---- The auditor: 审计查询 → 登录日志 → 操作日志.
            browser.signIn("auditor-province");
            browser.open("/audit");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card-sign-ins")));
            browser.screenshot("81-auditor-audit-home-zh");
            browser.open("/audit/sign-ins?who=" + officer + "&from=" + today + "&to=" + today);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-ins")));
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#sign-ins tbody tr"));
            assertThat(rows).extracting(r -> r.getAttribute("data-event")).contains("SIGNED_IN", "SIGNED_OUT");
            assertThat(browser.text("sign-ins")).contains(officer, "财政局");
            browser.screenshot("82-auditor-sign-ins-zh");

            browser.open("/audit/operations?who=" + officer + "&path=/api/subsidy/funds/deposits&from=" + today + "&to=" + today);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("operations")));
            WebElement act = browser.driver.findElements(By.cssSelector("#operations tbody tr")).get(0);
            assertThat(act.getAttribute("data-method")).isEqualTo("POST");
            assertThat(act.getAttribute("data-path")).isEqualTo("/api/subsidy/funds/deposits");
            assertThat(act.getText()).contains("/finance/deposits").doesNotContain(reference);
            assertThat(browser.driver.getPageSource()).doesNotContain(reference);
            browser.screenshot("83-auditor-operations-zh");
            // The same list as Excel, fetched with the auditor's session.
            String xlsx = ConsoleJourneysMore.fetchText(browser, "/audit/operations.xlsx?who=" + officer
                    + "&path=/api/subsidy/funds/deposits&from=" + today + "&to=" + today);
            assertThat(xlsx).startsWith("200").contains("/api/subsidy/funds/deposits", "操作日志");
            browser.open("/audit/operations?who=" + officer + "&lang=en");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("operations")));
            browser.screenshot("84-auditor-operations-en");
            browser.open("/audit/operations?lang=zh-CN");
            browser.signOut();

            Files.writeString(ConsoleJourneys.SHOTS.resolve("axe-audit-log.txt"), String.join("\n", browser.accessibility) + "\n");
            assertThat(browser.accessibility).as("serious or critical axe-core violations (WCAG 2.1 A/AA) on the pages visited")
                    .isEmpty();
        }
    }
}
