package cn.sunshine.deploychecks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks catch what they claim to: client-java's strict load refuses a misspelt field and a
 * wrong type (fixtures in src/test/resources/fixtures, deliberately wrong), and accepts the same
 * manifest spelt right; the KEDA shape check reports a misspelt ScaledObject field.
 */
class StrictYamlTest {

    @Test
    void aCorrectDeploymentLoads() {
        Manifests m = Manifests.parse("valid", fixture("valid-deployment.yaml"));
        assertThat(m.objects()).hasSize(1);
    }

    @Test
    void aMisspeltFieldFailsTheStrictLoad() {
        assertThatThrownBy(() -> Manifests.parse("misspelt", fixture("misspelt-deployment.yaml")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not load strictly")
                .hasMessageContaining("readinesProbe");
    }

    @Test
    void aWrongTypeFailsTheStrictLoad() {
        assertThatThrownBy(() -> Manifests.parse("wrong-type", fixture("wrong-type-deployment.yaml")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not load strictly");
    }

    @Test
    void aMisspeltScaledObjectFieldIsReported() {
        Manifests m = Manifests.parse("keda", fixture("misspelt-scaledobject.yaml"));
        List<String> problems = KedaShape.problems(m.custom("ScaledObject").get(0), List.of("subsidy-service"),
                List.of("sunshine-rabbitmq"));
        assertThat(problems).anyMatch(p -> p.contains("unknown field spec.minReplicasCount"));
        assertThat(problems).anyMatch(p -> p.contains("minReplicaCount/maxReplicaCount"));
    }

    @Test
    void pinnedImages() {
        assertThat(OverlayPolicyTest.isPinned("registry.example:5000/sunshine/gateway:0.1.0")).isTrue();
        assertThat(OverlayPolicyTest.isPinned("sunshine/gateway@sha256:" + "a".repeat(64))).isTrue();
        assertThat(OverlayPolicyTest.isPinned("registry.example:5000/sunshine/gateway")).isFalse();
        assertThat(OverlayPolicyTest.isPinned("sunshine/gateway:latest")).isFalse();
        assertThat(OverlayPolicyTest.isPinned("sunshine/gateway")).isFalse();
    }

    @Test
    void labelSelectors() {
        var sel = new io.kubernetes.client.openapi.models.V1LabelSelector()
                .addMatchExpressionsItem(new io.kubernetes.client.openapi.models.V1LabelSelectorRequirement()
                        .key("app.kubernetes.io/name").operator("In").values(List.of("a", "b")));
        assertThat(OverlayPolicyTest.matches(sel, Map.of("app.kubernetes.io/name", "b"))).isTrue();
        assertThat(OverlayPolicyTest.matches(sel, Map.of("app.kubernetes.io/name", "c"))).isFalse();
    }

    private static String fixture(String name) {
        try (InputStream in = StrictYamlTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
