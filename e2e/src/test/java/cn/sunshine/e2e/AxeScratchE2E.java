package cn.sunshine.e2e;

import org.junit.jupiter.api.Test;

/** SCRATCH (not committed). */
class AxeScratchE2E {
    @Test
    void run() throws Exception {
        try (ConsoleJourneys b = new ConsoleJourneys()) {
            for (String path : new String[] {"/public", "/signed-out", "/public?lang=en"}) {
                b.driver.get("http://localhost:18085" + path);
                com.deque.html.axecore.results.Results r = new com.deque.html.axecore.selenium.AxeBuilder()
                        .withTags(java.util.List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(b.driver);
                for (com.deque.html.axecore.results.Rule v : r.getViolations()) {
                    System.out.println("AXE " + path + " " + v.getId() + " " + v.getImpact() + " " + v.getHelp());
                    v.getNodes().stream().limit(4).forEach(n -> System.out.println("    " + n.getTarget() + " :: " + n.getFailureSummary().replace('\n', ' ')));
                }
            }
        }
    }
}
