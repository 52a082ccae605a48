package cn.sunshine.deploychecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shape checks for KEDA objects, which client-java has no model for: the fields KEDA 2.x defines
 * (anything else is a misspelling KEDA would silently ignore), and what this suite relies on
 * (a consumer's ScaledObject watches its own queue {@code <deployment>.events}).
 */
final class KedaShape {

    static final Set<String> SCALED_OBJECT = Set.of("apiVersion", "kind", "metadata", "spec");
    static final Set<String> SPEC = Set.of("scaleTargetRef", "pollingInterval", "cooldownPeriod", "initialCooldownPeriod",
            "idleReplicaCount", "minReplicaCount", "maxReplicaCount", "advanced", "triggers", "fallback");
    static final Set<String> TARGET = Set.of("apiVersion", "kind", "name", "envSourceContainerName");
    static final Set<String> ADVANCED = Set.of("restoreToOriginalReplicaCount", "horizontalPodAutoscalerConfig", "scalingModifiers");
    static final Set<String> HPA_CONFIG = Set.of("name", "behavior");
    static final Set<String> TRIGGER = Set.of("type", "name", "metadata", "authenticationRef", "metricType", "useCachedMetrics");
    static final Set<String> RABBITMQ_METADATA = Set.of("host", "hostFromEnv", "protocol", "queueName", "mode", "value",
            "activationValue", "vhostName", "useRegex", "excludeUnacknowledged", "operation", "timeout", "unsafeSsl",
            "pageSize", "metricName");
    static final Set<String> CPU_METADATA = Set.of("type", "value", "containerName");
    static final Set<String> TRIGGER_AUTH_SPEC = Set.of("secretTargetRef", "env", "hashiCorpVault", "azureKeyVault",
            "podIdentity", "configMapTargetRef", "awsSecretManager", "gcpSecretManager", "boundServiceAccountToken");
    static final Set<String> SECRET_TARGET_REF = Set.of("parameter", "name", "key");

    private KedaShape() {
    }

    static List<String> problems(Map<String, Object> so, List<String> deployments, List<String> triggerAuthentications) {
        List<String> p = new ArrayList<>();
        if (!"keda.sh/v1alpha1".equals(so.get("apiVersion"))) {
            p.add("apiVersion must be keda.sh/v1alpha1, is " + so.get("apiVersion"));
        }
        unknown(p, "", so, SCALED_OBJECT);
        Map<?, ?> spec = map(p, so, "spec");
        if (spec == null) {
            return p;
        }
        unknown(p, "spec.", spec, SPEC);
        Map<?, ?> target = map(p, spec, "scaleTargetRef");
        String name = target == null ? null : String.valueOf(target.get("name"));
        if (target != null) {
            unknown(p, "spec.scaleTargetRef.", target, TARGET);
            if (!deployments.contains(name)) {
                p.add("scaleTargetRef.name " + name + " is not a Deployment of this overlay");
            }
        }
        Object min = spec.get("minReplicaCount");
        Object max = spec.get("maxReplicaCount");
        if (!(min instanceof Integer mi) || !(max instanceof Integer ma) || mi < 1 || ma < mi) {
            p.add("minReplicaCount/maxReplicaCount must be integers with 1 <= min <= max: " + min + "/" + max);
        }
        if (spec.get("advanced") instanceof Map<?, ?> adv) {
            unknown(p, "spec.advanced.", adv, ADVANCED);
            if (adv.get("horizontalPodAutoscalerConfig") instanceof Map<?, ?> hpa) {
                unknown(p, "spec.advanced.horizontalPodAutoscalerConfig.", hpa, HPA_CONFIG);
            }
        }
        boolean queueTrigger = false;
        if (!(spec.get("triggers") instanceof List<?> triggers) || triggers.isEmpty()) {
            p.add("spec.triggers is missing");
            return p;
        }
        for (Object t : triggers) {
            if (!(t instanceof Map<?, ?> trigger)) {
                p.add("a trigger is not a mapping");
                continue;
            }
            unknown(p, "trigger.", trigger, TRIGGER);
            Map<?, ?> md = trigger.get("metadata") instanceof Map<?, ?> x ? x : Map.of();
            md.values().forEach(v -> {
                if (!(v instanceof String)) {
                    p.add("trigger metadata values must be strings (KEDA's type): " + v);
                }
            });
            switch (String.valueOf(trigger.get("type"))) {
                case "rabbitmq" -> {
                    unknown(p, "rabbitmq metadata.", md, RABBITMQ_METADATA);
                    if (md.containsKey("host")) {
                        p.add("rabbitmq trigger: host (with credentials) must come from a TriggerAuthentication, not metadata");
                    }
                    if (!(name + ".events").equals(md.get("queueName"))) {
                        p.add("rabbitmq trigger watches " + md.get("queueName") + ", expected " + name + ".events");
                    }
                    if (!Set.of("QueueLength", "MessageRate").contains(String.valueOf(md.get("mode")))
                            || !String.valueOf(md.get("value")).matches("\\d+(\\.\\d+)?")) {
                        p.add("rabbitmq trigger needs mode QueueLength|MessageRate and a numeric value");
                    }
                    Object auth = trigger.get("authenticationRef") instanceof Map<?, ?> a ? a.get("name") : null;
                    if (!triggerAuthentications.contains(String.valueOf(auth))) {
                        p.add("rabbitmq trigger's authenticationRef " + auth + " is not a TriggerAuthentication of this overlay");
                    }
                    queueTrigger = true;
                }
                case "cpu", "memory" -> {
                    unknown(p, "cpu metadata.", md, CPU_METADATA);
                    if (!Set.of("Utilization", "AverageValue").contains(String.valueOf(trigger.get("metricType")))) {
                        p.add("cpu trigger needs metricType Utilization or AverageValue");
                    }
                }
                default -> p.add("unexpected trigger type " + trigger.get("type"));
            }
        }
        if (!queueTrigger) {
            p.add("no rabbitmq (queue depth) trigger");
        }
        return p;
    }

    static List<String> triggerAuthenticationProblems(Map<String, Object> ta) {
        List<String> p = new ArrayList<>();
        if (!"keda.sh/v1alpha1".equals(ta.get("apiVersion"))) {
            p.add("apiVersion must be keda.sh/v1alpha1");
        }
        Map<?, ?> spec = map(p, ta, "spec");
        if (spec != null) {
            unknown(p, "spec.", spec, TRIGGER_AUTH_SPEC);
            if (spec.get("secretTargetRef") instanceof List<?> refs) {
                for (Object r : refs) {
                    if (r instanceof Map<?, ?> ref) {
                        unknown(p, "secretTargetRef.", ref, SECRET_TARGET_REF);
                    }
                }
            }
        }
        return p;
    }

    private static Map<?, ?> map(List<String> p, Map<?, ?> parent, String key) {
        if (parent.get(key) instanceof Map<?, ?> m) {
            return m;
        }
        p.add(key + " is missing or not a mapping");
        return null;
    }

    private static void unknown(List<String> p, String prefix, Map<?, ?> m, Set<String> known) {
        for (Object k : m.keySet()) {
            if (!known.contains(String.valueOf(k))) {
                p.add("unknown field " + prefix + k);
            }
        }
    }
}
