package cn.sunshine.deploychecks;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring component as each province renders it: one ServiceMonitor scraping every deployable's
 * /actuator/prometheus; a PrometheusRule whose every alert is well formed (the fields the Prometheus
 * Operator defines, an expression with balanced brackets, a duration, a severity, a summary) and names a
 * runbook section that exists in docs/operations.md; the Grafana dashboard's JSON parses and every panel
 * queries something. (That every metric an alert reads is exported is shown by the services' own tests,
 * which produce each one and read it back from /actuator/prometheus.)
 */
class MonitoringTest {

    private static final Set<String> RULE_FIELDS = Set.of("alert", "expr", "for", "labels", "annotations");

    static List<String> overlays() throws IOException {
        return OverlayPolicyTest.overlays();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyAlertIsWellFormedAndHasARunbook(String overlay) throws IOException {
        Manifests m = Manifests.render(overlay);
        assertThat(m.custom("ServiceMonitor")).as("a ServiceMonitor").hasSize(1);
        Map<?, ?> sm = (Map<?, ?>) m.custom("ServiceMonitor").get(0).get("spec");
        assertThat(String.valueOf(sm.get("endpoints"))).contains("/actuator/prometheus").contains("port=http");
        assertThat(String.valueOf(sm.get("selector"))).contains("app.kubernetes.io/part-of=sunshine");

        List<Map<String, Object>> rules = m.custom("PrometheusRule");
        assertThat(rules).hasSize(1);
        String operations = Files.readString(Manifests.repoRoot().resolve("docs/operations.md"));
        List<String> alerts = new ArrayList<>();
        for (Object g : (List<?>) ((Map<?, ?>) rules.get(0).get("spec")).get("groups")) {
            for (Object r : (List<?>) ((Map<?, ?>) g).get("rules")) {
                Map<?, ?> rule = (Map<?, ?>) r;
                String alert = String.valueOf(rule.get("alert"));
                alerts.add(alert);
                assertThat(rule.keySet()).as(alert + ": only the operator's fields").allMatch(RULE_FIELDS::contains);
                assertThat(alert).matches("Sunshine[A-Z][A-Za-z]+");
                String expr = String.valueOf(rule.get("expr"));
                assertThat(balanced(expr)).as(alert + ": brackets balance in " + expr).isTrue();
                assertThat(String.valueOf(rule.get("for"))).as(alert + ": for").matches("\\d+[smh]");
                Map<?, ?> labels = (Map<?, ?>) rule.get("labels");
                assertThat(String.valueOf(labels.get("severity"))).as(alert + ": severity").isIn("warning", "critical");
                Map<?, ?> annotations = (Map<?, ?>) rule.get("annotations");
                assertThat(String.valueOf(annotations.get("summary"))).as(alert + ": summary").isNotBlank();
                String anchor = "runbook-" + alert.toLowerCase(Locale.ROOT);
                assertThat(String.valueOf(annotations.get("runbook_url"))).isEqualTo("docs/operations.md#" + anchor);
                assertThat(operations).as(alert + ": its runbook in docs/operations.md").contains("### Runbook: " + alert);
            }
        }
        assertThat(alerts).as("the alerts the programme needs").contains("SunshineOutboxBehind", "SunshineDeadLetters",
                "SunshinePaymentsPendingPastSla", "SunshineReconciliationDifferences", "SunshineCircuitBreakerOpen",
                "SunshineEnrollmentSlow", "SunshineServerErrors");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theDashboardParsesAndEveryPanelQueries(String overlay) {
        Manifests m = Manifests.render(overlay);
        V1ConfigMap cm = m.all(V1ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("sunshine-grafana-dashboard")).findFirst()
                .orElseThrow(() -> new AssertionError("the dashboard's ConfigMap"));
        assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonObject dash = JsonParser.parseString(cm.getData().get("sunshine.json")).getAsJsonObject();
        int panels = 0;
        for (JsonElement e : dash.getAsJsonArray("panels")) {
            JsonObject p = e.getAsJsonObject();
            if ("row".equals(p.get("type").getAsString())) {
                continue;
            }
            panels++;
            assertThat(p.getAsJsonArray("targets").size()).as("panel " + p.get("title").getAsString()).isPositive();
            for (JsonElement t : p.getAsJsonArray("targets")) {
                String expr = t.getAsJsonObject().get("expr").getAsString();
                assertThat(balanced(expr)).as(expr).isTrue();
            }
        }
        assertThat(panels).isGreaterThanOrEqualTo(8);
    }

    /** (), [] and {} nest properly, outside quoted strings. */
    static boolean balanced(String expr) {
        if (expr == null || expr.isBlank()) {
            return false;
        }
        StringBuilder stack = new StringBuilder();
        boolean quoted = false;
        for (char c : expr.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && "([{".indexOf(c) >= 0) {
                stack.append(c);
            } else if (!quoted && ")]}".indexOf(c) >= 0) {
                if (stack.isEmpty() || "([{".indexOf(stack.charAt(stack.length() - 1)) != ")]}".indexOf(c)) {
                    return false;
                }
                stack.setLength(stack.length() - 1);
            }
        }
        return stack.isEmpty() && !quoted;
    }
}
