package cn.sunshine.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.util.List;

import static cn.sunshine.e2e.ConsoleJourneysMore.press;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The county's labour-force monitoring point in headless Chromium, through the gateway, after the year the driver
 * played for 应城市 (a village registered, its third quarter returned, its needs surveyed): the county officer finds
 * the point (the monitor's phone masked in the list), opens it, enters the second quarter with the women counted
 * above the labourers — refused, the message under the field, nothing recorded — then as it should be; the city
 * officer of 孝感市 reads the county's trends drawn with ECharts. Screenshots 110–114; axe-core on every page
 * photographed ({@code console-screenshots/axe-monitoring.txt}).
 */
final class MonitoringJourney {

    private MonitoringJourney() {
    }

    static void play(int year) throws Exception {
        try (ConsoleJourneys browser = new ConsoleJourneys()) {
            browser.signIn("county-officer-yingcheng");
            browser.open("/monitoring");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("points")));
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#points tbody tr"));
            assertThat(rows).as("the year's monitoring point").isNotEmpty();
            assertThat(browser.text("points")).contains("****");
            browser.screenshot("110-officer-monitoring-points-zh");

            String pointId = rows.get(0).getAttribute("data-point-id");
            browser.open("/monitoring/points/" + pointId + "?year=" + year);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("returns")));
            assertThat(browser.driver.findElements(By.cssSelector("#returns tbody tr[data-quarter='3']"))).hasSize(1);
            assertThat(browser.driver.findElements(By.id("survey"))).as("the needs surveyed").hasSize(1);
            browser.screenshot("111-officer-monitoring-point-zh");

            // The second quarter: women counted above the labourers — refused, said under the field.
            fill(browser, "2", new String[][]{{"labourers", "600"}, {"male", "320"}, {"female", "300"},
                    {"transferred", "250"}, {"newlyTransferred", "12"}, {"inCounty", "60"}, {"inProvince", "70"},
                    {"outOfProvince", "120"}, {"returnedHome", "5"}});
            browser.driver.findElement(By.id("sector-MANUFACTURING")).sendKeys("100");
            browser.driver.findElement(By.id("sector-CONSTRUCTION")).sendKeys("80");
            press(browser, By.id("return-button"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("f-female-error")));
            assertThat(browser.text("f-female-error")).contains("620", "600");
            assertThat(browser.driver.findElements(By.cssSelector("#returns tbody tr[data-quarter='2']"))).isEmpty();
            browser.screenshot("112-officer-return-refused-zh");

            WebElement female = browser.driver.findElement(By.id("f-female"));
            female.clear();
            female.sendKeys("280");
            press(browser, By.id("return-button"), false);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            assertThat(browser.driver.findElements(By.cssSelector("#returns tbody tr[data-quarter='2']"))).hasSize(1);
            browser.screenshot("113-officer-return-recorded-zh");
            browser.signOut();

            browser.signIn("city-officer-xiaogan");
            browser.open("/monitoring/trends?division=420981&year=" + year);
            browser.wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "data-charts", "3"));
            assertThat(browser.text("quarters")).contains("600");
            assertThat(browser.driver.findElements(By.cssSelector("#needs tbody tr"))).isNotEmpty();
            browser.screenshot("114-city-monitoring-trends-zh");
            browser.signOut();

            Files.writeString(ConsoleJourneys.SHOTS.resolve("axe-monitoring.txt"), String.join("\n", browser.accessibility) + "\n");
            assertThat(browser.accessibility).as("serious or critical axe-core violations (WCAG 2.1 A/AA) on the pages visited")
                    .isEmpty();
        }
    }

    private static void fill(ConsoleJourneys browser, String quarter, String[][] figures) {
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("return-quarter"))).selectByValue(quarter);
        for (String[] f : figures) {
            WebElement input = browser.driver.findElement(By.id("f-" + f[0]));
            input.clear();
            input.sendKeys(f[1]);
        }
    }
}
