package cn.sunshine.deploychecks;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyEgressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPort;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The rules every province's manifests keep (docs/deployment.md), checked on what
 * {@code kubectl kustomize k8s/overlays/<province>} renders. Each overlay found under
 * k8s/overlays is checked; a new province is covered by adding its directory.
 */
class OverlayPolicyTest {

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    static List<String> overlays() throws IOException {
        List<String> overlays = Manifests.overlays();
        assertThat(overlays).as("provinces under k8s/overlays").hasSizeGreaterThanOrEqualTo(2);
        return overlays;
    }

    private static Manifests m(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::render);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void rendersAndLoadsStrictly(String overlay) {
        Manifests m = m(overlay);
        assertThat(m.all(V1Deployment.class)).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder(
                "base-accreditation-service", "enrollment-service", "subsidy-service", "placement-service", "gateway",
                "console");
        assertThat(m.rendered()).as("placeholders of k8s/base that the overlay must replace").doesNotContain(".invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everythingIsInTheProvincesNamespace(String overlay) {
        Manifests m = m(overlay);
        List<V1Namespace> namespaces = m.all(V1Namespace.class);
        assertThat(namespaces).hasSize(1);
        String ns = namespaces.get(0).getMetadata().getName();
        assertThat(namespaces.get(0).getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        m.objects().stream().filter(o -> !(o instanceof V1Namespace)).forEach(o ->
                assertThat(o.getMetadata().getNamespace()).as("namespace of %s %s", o.getKind(), o.getMetadata().getName())
                        .isEqualTo(ns));
        m.customResources().forEach(c -> assertThat(((Map<?, ?>) c.get("metadata")).get("namespace"))
                .as("namespace of %s %s", c.get("kind"), Manifests.name(c)).isEqualTo(ns));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void podsAreHardened(String overlay) {
        for (V1Deployment d : m(overlay).all(V1Deployment.class)) {
            String name = d.getMetadata().getName();
            V1PodSpec pod = d.getSpec().getTemplate().getSpec();
            V1PodSecurityContext psc = Optional.ofNullable(pod.getSecurityContext()).orElseGet(V1PodSecurityContext::new);
            assertThat(pod.getAutomountServiceAccountToken()).as("%s automountServiceAccountToken", name).isFalse();
            assertThat(pod.getServiceAccountName()).as("%s service account", name).isEqualTo(name);
            for (V1Container c : pod.getContainers()) {
                V1SecurityContext sc = Optional.ofNullable(c.getSecurityContext()).orElseGet(V1SecurityContext::new);
                assertThat(Boolean.TRUE.equals(sc.getRunAsNonRoot()) || Boolean.TRUE.equals(psc.getRunAsNonRoot()))
                        .as("%s/%s runAsNonRoot", name, c.getName()).isTrue();
                Long uid = sc.getRunAsUser() != null ? sc.getRunAsUser() : psc.getRunAsUser();
                assertThat(uid).as("%s/%s runAsUser (numeric, not root)", name, c.getName()).isNotNull().isPositive();
                assertThat(sc.getReadOnlyRootFilesystem()).as("%s/%s readOnlyRootFilesystem", name, c.getName()).isTrue();
                assertThat(sc.getAllowPrivilegeEscalation()).as("%s/%s allowPrivilegeEscalation", name, c.getName()).isFalse();
                assertThat(sc.getCapabilities()).as("%s/%s capabilities", name, c.getName()).isNotNull();
                assertThat(sc.getCapabilities().getDrop()).as("%s/%s drops ALL capabilities", name, c.getName()).contains("ALL");
                // A read-only root file system needs a writable /tmp (Tomcat/Netty, the JVM).
                V1VolumeMount tmp = Optional.ofNullable(c.getVolumeMounts()).orElse(List.of()).stream()
                        .filter(v -> "/tmp".equals(v.getMountPath())).findFirst()
                        .orElseThrow(() -> new AssertionError(name + ": no volume mounted at /tmp"));
                V1Volume vol = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                        .orElseThrow(() -> new AssertionError(name + ": volume " + tmp.getName() + " missing"));
                assertThat(vol.getEmptyDir()).as("%s: /tmp is an emptyDir", name).isNotNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerHasThreeProbesOnTheActuatorGroups(String overlay) {
        for (V1Deployment d : m(overlay).all(V1Deployment.class)) {
            for (V1Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String what = d.getMetadata().getName() + "/" + c.getName();
                assertThat(path(c.getStartupProbe(), what + " startupProbe")).isEqualTo("/actuator/health/liveness");
                assertThat(path(c.getLivenessProbe(), what + " livenessProbe")).isEqualTo("/actuator/health/liveness");
                assertThat(path(c.getReadinessProbe(), what + " readinessProbe")).isEqualTo("/actuator/health/readiness");
                // The startup probe gives a slow JVM start time before liveness may kill it.
                V1Probe s = c.getStartupProbe();
                assertThat(s.getPeriodSeconds() * s.getFailureThreshold()).as("%s startup budget (s)", what)
                        .isGreaterThanOrEqualTo(60);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerHasRequestsAndLimits(String overlay) {
        for (V1Deployment d : m(overlay).all(V1Deployment.class)) {
            for (V1Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String what = d.getMetadata().getName() + "/" + c.getName();
                assertThat(c.getResources()).as("%s resources", what).isNotNull();
                assertThat(c.getResources().getRequests()).as("%s requests", what).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as("%s limits", what).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits().get("memory").getNumber())
                        .as("%s memory limit >= request", what)
                        .isGreaterThanOrEqualTo(c.getResources().getRequests().get("memory").getNumber());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void imagesArePinned(String overlay) {
        for (V1Deployment d : m(overlay).all(V1Deployment.class)) {
            for (V1Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String image = c.getImage();
                assertThat(isPinned(image)).as("%s: image %s has a pinned tag or digest (no :latest, no bare name)",
                        d.getMetadata().getName(), image).isTrue();
            }
        }
    }

    static boolean isPinned(String image) {
        if (image == null || image.isBlank()) {
            return false;
        }
        if (image.matches(".+@sha256:[0-9a-f]{64}")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return false; // no tag (a registry port is before the last slash)
        }
        String tag = image.substring(colon + 1);
        return !tag.isBlank() && !tag.equalsIgnoreCase("latest");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void rollingUpdatesNeverDropCapacityAndShutdownIsGraceful(String overlay) {
        for (V1Deployment d : m(overlay).all(V1Deployment.class)) {
            String name = d.getMetadata().getName();
            assertThat(d.getSpec().getStrategy().getType()).as("%s strategy", name).isEqualTo("RollingUpdate");
            IntOrString maxUnavailable = d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable();
            assertThat(maxUnavailable).as("%s maxUnavailable", name).isNotNull();
            assertThat(maxUnavailable.isInteger() ? maxUnavailable.getIntValue().toString() : maxUnavailable.getStrValue())
                    .as("%s maxUnavailable", name).isIn("0", "0%");
            V1PodSpec pod = d.getSpec().getTemplate().getSpec();
            for (V1Container c : pod.getContainers()) {
                assertThat(c.getLifecycle()).as("%s preStop", name).isNotNull();
                assertThat(c.getLifecycle().getPreStop()).as("%s preStop", name).isNotNull();
            }
            // preStop sleep plus Spring's graceful shutdown (30 s per phase) must fit in the grace period.
            assertThat(pod.getTerminationGracePeriodSeconds()).as("%s terminationGracePeriodSeconds", name)
                    .isGreaterThanOrEqualTo(40L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void secretsAreOnlyReferenced(String overlay) {
        Manifests m = m(overlay);
        assertThat(m.all(V1Secret.class)).as("Secret objects (values must never be in the repository)").isEmpty();
        for (V1Deployment d : m.all(V1Deployment.class)) {
            for (V1Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (V1EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    if (e.getName().matches("(?i).*(PASSWORD|SECRET|TOKEN|MONGODB_URI).*")) {
                        assertThat(e.getValue()).as("%s env %s is a literal", d.getMetadata().getName(), e.getName()).isNull();
                        assertThat(e.getValueFrom().getSecretKeyRef()).as("%s env %s from a secret", d.getMetadata().getName(), e.getName())
                                .isNotNull();
                    }
                }
            }
        }
        for (V1ConfigMap cm : m.all(V1ConfigMap.class)) {
            assertThat(Optional.ofNullable(cm.getData()).orElse(Map.of()).keySet())
                    .as("ConfigMap %s holds no credentials", cm.getMetadata().getName())
                    .noneMatch(k -> k.matches("(?i).*(PASSWORD|SECRET).*"));
            assertThat(Optional.ofNullable(cm.getData()).orElse(Map.of()).values())
                    .as("ConfigMap %s holds no URI with credentials", cm.getMetadata().getName())
                    .noneMatch(v -> v.matches("(?s).*://[^/@\\s]+:[^/@\\s]+@.*"));
        }
    }

    /** Issue 14: people's tokens for another application of the realm are refused by the gateway and every service. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theGatewayAndEveryServiceCheckTheAudience(String overlay) {
        Manifests m = m(overlay);
        Map<String, Map<String, String>> configMaps = new java.util.HashMap<>();
        for (V1ConfigMap cm : m.all(V1ConfigMap.class)) {
            configMaps.put(cm.getMetadata().getName(), Optional.ofNullable(cm.getData()).orElse(Map.of()));
        }
        for (V1Deployment d : m.all(V1Deployment.class)) {
            if (d.getMetadata().getName().equals("console")) {
                continue; // a client of the realm, not a resource server
            }
            for (V1Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                Map<String, String> env = new java.util.HashMap<>();
                for (var from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                    if (from.getConfigMapRef() != null) {
                        env.putAll(configMaps.getOrDefault(from.getConfigMapRef().getName(), Map.of()));
                    }
                }
                for (V1EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    if (e.getValue() != null) {
                        env.put(e.getName(), e.getValue());
                    }
                }
                assertThat(env.get("SUNSHINE_SECURITY_AUDIENCES")).as("%s: SUNSHINE_SECURITY_AUDIENCES", d.getMetadata().getName())
                        .isNotBlank();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void aDefaultDenyPolicyCoversIngressAndEgress(String overlay) {
        boolean found = m(overlay).all(V1NetworkPolicy.class).stream().anyMatch(p ->
                selectsEverything(p.getSpec().getPodSelector())
                        && p.getSpec().getPolicyTypes() != null
                        && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                        && isEmpty(p.getSpec().getIngress()) && isEmpty(p.getSpec().getEgress()));
        assertThat(found).as("a NetworkPolicy with podSelector {} denying all Ingress and Egress").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyEgressRuleNamesBothDestinationAndPort(String overlay) {
        // No "allow all egress" (microservices-demo's weak spot): every rule has `to` and `ports`.
        for (V1NetworkPolicy p : m(overlay).all(V1NetworkPolicy.class)) {
            for (V1NetworkPolicyEgressRule r : Optional.ofNullable(p.getSpec().getEgress()).orElse(List.of())) {
                assertThat(r.getTo()).as("egress of NetworkPolicy %s names its destination (`to`)", p.getMetadata().getName())
                        .isNotEmpty();
                assertThat(r.getPorts()).as("egress of NetworkPolicy %s names its ports", p.getMetadata().getName())
                        .isNotEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceIsAdmittedBySomeNetworkPolicy(String overlay) {
        Manifests m = m(overlay);
        for (V1Service s : m.all(V1Service.class)) {
            Map<String, String> selector = s.getSpec().getSelector();
            assertThat(selector).as("Service %s selector", s.getMetadata().getName()).isNotEmpty();
            // The labels of the pods behind the Service (policies select pods, not Services).
            List<Map<String, String>> pods = m.all(V1Deployment.class).stream()
                    .map(d -> d.getSpec().getTemplate().getMetadata().getLabels())
                    .filter(l -> matches(new V1LabelSelector().matchLabels(selector), l)).toList();
            assertThat(pods).as("pods behind Service %s", s.getMetadata().getName()).isNotEmpty();
            for (V1ServicePort port : s.getSpec().getPorts()) {
                boolean admitted = m.all(V1NetworkPolicy.class).stream()
                        .filter(p -> p.getSpec().getPolicyTypes() != null && p.getSpec().getPolicyTypes().contains("Ingress"))
                        .filter(p -> pods.stream().allMatch(l -> matches(p.getSpec().getPodSelector(), l)))
                        .flatMap(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.<V1NetworkPolicyIngressRule>of()).stream())
                        .anyMatch(r -> r.getPorts() == null || r.getPorts().stream().anyMatch(pp -> samePort(pp, port)));
                assertThat(admitted).as("Service %s port %s is admitted by a NetworkPolicy ingress rule",
                        s.getMetadata().getName(), port.getName()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyDeploymentHasOneAutoscalerAndAPdbWhenItRunsMoreThanOnePod(String overlay) {
        Manifests m = m(overlay);
        Map<String, Integer> minByTarget = new HashMap<>();
        for (V2HorizontalPodAutoscaler h : m.all(V2HorizontalPodAutoscaler.class)) {
            assertThat(h.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(minByTarget.put(h.getSpec().getScaleTargetRef().getName(), Objects.requireNonNullElse(h.getSpec().getMinReplicas(), 1)))
                    .as("two autoscalers for %s", h.getSpec().getScaleTargetRef().getName()).isNull();
            assertThat(h.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(Objects.requireNonNullElse(h.getSpec().getMinReplicas(), 1));
        }
        for (Map<String, Object> so : m.custom("ScaledObject")) {
            Map<?, ?> spec = (Map<?, ?>) so.get("spec");
            String target = String.valueOf(((Map<?, ?>) spec.get("scaleTargetRef")).get("name"));
            assertThat(minByTarget.put(target, ((Number) spec.get("minReplicaCount")).intValue()))
                    .as("a ScaledObject and an HPA (or two ScaledObjects) for %s", target).isNull();
        }
        for (V1Deployment d : m.all(V1Deployment.class)) {
            String name = d.getMetadata().getName();
            assertThat(minByTarget).as("%s is autoscaled (HPA or KEDA ScaledObject)", name).containsKey(name);
            int replicas = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
            // The manifest's replicas is the autoscaler's floor: an apply never scales below it.
            assertThat(replicas).as("%s replicas equals its autoscaler's minimum", name).isEqualTo(minByTarget.get(name));
            if (Math.max(replicas, minByTarget.get(name)) > 1) {
                Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
                List<V1PodDisruptionBudget> pdbs = m.all(V1PodDisruptionBudget.class).stream()
                        .filter(p -> matches(p.getSpec().getSelector(), podLabels)).toList();
                assertThat(pdbs).as("%s runs %d+ pods: a PodDisruptionBudget selects them", name, replicas).hasSize(1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kedaObjectsHaveTheirShape(String overlay) {
        Manifests m = m(overlay);
        List<String> deployments = m.all(V1Deployment.class).stream().map(d -> d.getMetadata().getName()).toList();
        List<String> auths = m.custom("TriggerAuthentication").stream().map(Manifests::name).toList();
        for (Map<String, Object> so : m.custom("ScaledObject")) {
            List<String> problems = KedaShape.problems(so, deployments, auths);
            assertThat(problems).as("ScaledObject %s", Manifests.name(so)).isEmpty();
        }
        for (Map<String, Object> ta : m.custom("TriggerAuthentication")) {
            assertThat(KedaShape.triggerAuthenticationProblems(ta)).as("TriggerAuthentication %s", Manifests.name(ta)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void operatorResourcesReferenceSecretsAndNeverHoldThem(String overlay) {
        Manifests m = m(overlay);
        for (Map<String, Object> mdb : m.custom("MongoDBCommunity")) {
            assertThat(mdb.get("apiVersion")).isEqualTo("mongodbcommunity.mongodb.com/v1");
            Map<?, ?> spec = (Map<?, ?>) mdb.get("spec");
            assertThat(spec.get("type")).isEqualTo("ReplicaSet");
            assertThat(((Number) spec.get("members")).intValue()).as("replica set members").isGreaterThanOrEqualTo(3);
            for (Object u : (List<?>) spec.get("users")) {
                Map<?, ?> user = (Map<?, ?>) u;
                List<String> keys = user.keySet().stream().map(String::valueOf).toList();
                assertThat(keys).as("user %s", user.get("name")).doesNotContain("password")
                        .contains("passwordSecretRef", "connectionStringSecretName", "roles");
                // The Deployment reads <service>-mongodb: the operator must write exactly that secret.
                assertThat(user.get("connectionStringSecretName")).isEqualTo(user.get("name") + "-mongodb");
            }
        }
        for (Map<String, Object> rmq : m.custom("RabbitmqCluster")) {
            assertThat(rmq.get("apiVersion")).isEqualTo("rabbitmq.com/v1beta1");
            assertThat(((Number) ((Map<?, ?>) rmq.get("spec")).get("replicas")).intValue()).isGreaterThanOrEqualTo(3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theGatewayRoutesToServicesThatExist(String overlay) {
        Manifests m = m(overlay);
        Map<String, Integer> services = new HashMap<>();
        m.all(V1Service.class).forEach(s -> services.put(s.getMetadata().getName(), s.getSpec().getPorts().get(0).getPort()));
        V1ConfigMap gateway = m.all(V1ConfigMap.class).stream().filter(c -> c.getMetadata().getName().startsWith("gateway-"))
                .findFirst().orElseThrow(() -> new AssertionError("the gateway's ConfigMap"));
        List<String> uris = new ArrayList<>();
        gateway.getData().forEach((k, v) -> {
            if (k.endsWith("_URI")) {
                uris.add(v);
            }
        });
        assertThat(uris).as("the four services and the console").hasSize(5);
        for (String uri : uris) {
            String hostPort = uri.replaceFirst("^http://", "");
            String host = hostPort.substring(0, hostPort.indexOf(':'));
            int port = Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
            assertThat(services).as("gateway route %s", uri).containsEntry(host, port);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theConsoleRunsTwoPodsSharingItsSessionsInItsOwnDatabase(String overlay) {
        Manifests m = m(overlay);
        V1Deployment console = m.all(V1Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("console"))
                .findFirst().orElseThrow();
        assertThat(console.getSpec().getReplicas()).as("console replicas (sessions are shared, docs/console.md)")
                .isGreaterThanOrEqualTo(2);
        Map<String, V1EnvVar> env = new HashMap<>();
        console.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().forEach(e -> env.put(e.getName(), e));
        assertThat(env.get("SUNSHINE_MONGODB_URI").getValueFrom().getSecretKeyRef().getName()).isEqualTo("console-mongodb");
        for (String key : List.of("SUNSHINE_CONSOLE_SESSION_KEY_ID", "SUNSHINE_CONSOLE_SESSION_KEY")) {
            assertThat(env.get(key)).as("console env %s", key).isNotNull();
            assertThat(env.get(key).getValueFrom().getSecretKeyRef().getName()).isEqualTo("console-secrets");
        }
        V1ConfigMap own = m.all(V1ConfigMap.class).stream().filter(c -> c.getMetadata().getName().startsWith("console-"))
                .findFirst().orElseThrow(() -> new AssertionError("the console's ConfigMap"));
        assertThat(own.getData()).containsEntry("SPRING_MONGODB_DATABASE", "sunshine_console");
        Map<String, String> podLabels = console.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(m.all(V1NetworkPolicy.class).stream().filter(p -> p.getMetadata().getName().equals("mongodb-egress"))
                .filter(p -> matches(p.getSpec().getPodSelector(), podLabels)).toList())
                .as("the console may reach MongoDB").hasSize(1);
        for (Map<String, Object> mdb : m.custom("MongoDBCommunity")) {
            assertThat((List<?>) ((Map<?, ?>) mdb.get("spec")).get("users")).as("the operator makes the console's user")
                    .anyMatch(u -> "console".equals(((Map<?, ?>) u).get("name")));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static String path(V1Probe probe, String what) {
        if (probe == null) {
            fail(what + " is missing");
        }
        V1HTTPGetAction get = probe.getHttpGet();
        if (get == null) {
            fail(what + " is not an httpGet probe");
        }
        return get.getPath();
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static boolean selectsEverything(V1LabelSelector s) {
        return s == null || (isEmpty(s.getMatchExpressions()) && (s.getMatchLabels() == null || s.getMatchLabels().isEmpty()));
    }

    /** Whether a label selector selects pods with these labels (matchLabels and matchExpressions). */
    static boolean matches(V1LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> l = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(l.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (V1LabelSelectorRequirement r : Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of())) {
            String v = l.get(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> v != null && r.getValues().contains(v);
                case "NotIn" -> v == null || !r.getValues().contains(v);
                case "Exists" -> l.containsKey(r.getKey());
                case "DoesNotExist" -> !l.containsKey(r.getKey());
                default -> throw new AssertionError("unknown selector operator " + r.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePort(V1NetworkPolicyPort policyPort, V1ServicePort servicePort) {
        if (policyPort.getPort() == null) {
            return true; // every port of that protocol
        }
        IntOrString target = servicePort.getTargetPort() != null ? servicePort.getTargetPort() : new IntOrString(servicePort.getPort());
        IntOrString p = policyPort.getPort();
        if (p.isInteger() && target.isInteger()) {
            return p.getIntValue().equals(target.getIntValue());
        }
        return !p.isInteger() && !target.isInteger() && p.getStrValue().equals(target.getStrValue());
    }
}
