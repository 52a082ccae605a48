package cn.sunshine.deploychecks;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.util.Yaml;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The manifests of one province as the cluster would receive them: {@code kubectl kustomize
 * k8s/overlays/<province>}, split into documents, each Kubernetes kind loaded strictly into
 * client-java's typed models ({@link Yaml#load(String)} refuses unknown fields and wrong types),
 * the custom resources (KEDA, the operators) kept as maps for their own shape checks.
 */
record Manifests(String overlay, String rendered, List<KubernetesObject> objects, List<Map<String, Object>> customResources) {

    /** Kinds that are not Kubernetes' own: client-java has no model for them. */
    static final Set<String> CUSTOM_API_GROUPS = Set.of("keda.sh", "mongodbcommunity.mongodb.com", "rabbitmq.com", "monitoring.coreos.com");

    static Path repoRoot() {
        String root = System.getProperty("sunshine.repo.root");
        Path p = root != null ? Path.of(root) : Path.of("..");
        p = p.toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("k8s/overlays"))) {
            throw new IllegalStateException("no k8s/overlays under " + p + " (set -Dsunshine.repo.root)");
        }
        return p;
    }

    static List<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(repoRoot().resolve("k8s/overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    static Manifests render(String overlay) {
        String yaml = kustomize(repoRoot().resolve("k8s/overlays").resolve(overlay));
        return parse(overlay, yaml);
    }

    /** Splits a multi-document stream; every document of a Kubernetes kind is loaded strictly. */
    static Manifests parse(String name, String yaml) {
        List<KubernetesObject> objects = new ArrayList<>();
        List<Map<String, Object>> custom = new ArrayList<>();
        org.yaml.snakeyaml.Yaml plain = new org.yaml.snakeyaml.Yaml(new LoaderOptions());
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        org.yaml.snakeyaml.Yaml dumper = new org.yaml.snakeyaml.Yaml(dump);
        for (Object doc : plain.loadAll(yaml)) {
            if (doc == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) doc;
            String apiVersion = String.valueOf(map.get("apiVersion"));
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            if (CUSTOM_API_GROUPS.contains(group)) {
                custom.add(map);
                continue;
            }
            String text = dumper.dump(map);
            Object loaded;
            try {
                loaded = Yaml.load(text);
            } catch (IOException | RuntimeException e) {
                throw new AssertionError(name + ": " + map.get("kind") + " " + name(map)
                        + " does not load strictly into client-java's model (misspelt field or wrong type?): "
                        + e.getMessage(), e);
            }
            if (!(loaded instanceof KubernetesObject k)) {
                throw new AssertionError(name + ": not a Kubernetes object: " + map.get("kind") + " " + name(map));
            }
            objects.add(k);
        }
        return new Manifests(name, yaml, List.copyOf(objects), List.copyOf(custom));
    }

    <T extends KubernetesObject> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<Map<String, Object>> custom(String kind) {
        return customResources.stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    static String name(Map<String, Object> map) {
        Object md = map.get("metadata");
        return md instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "?";
    }

    private static String kustomize(Path dir) {
        Path errors;
        try {
            errors = Files.createTempFile("kustomize", ".err");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ProcessBuilder pb = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectError(errors.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is not on the PATH. deploy-checks renders k8s/overlays/* with "
                    + "`kubectl kustomize` (kubectl 1.27 or newer, no cluster needed); install kubectl "
                    + "(e.g. the Debian/Kubernetes package) and run the build again. Cause: " + e.getMessage(), e);
        }
        try (InputStream out = p.getInputStream()) {
            byte[] stdout = out.readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(errors));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("reading kubectl's output: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(errors);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }
}
