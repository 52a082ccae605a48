package cn.sunshine.platform.test;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service's test suite extends this: it walks the service's own OpenAPI document with
 * {@link AccessMatrix}, so an endpoint added tomorrow is checked without anyone writing a test;
 * and it checks that no two request or response types of the service share a simple name (the
 * OpenAPI document names schemas by it, so one would silently document the other's fields).
 */
public abstract class AccessMatrixContract {

    @LocalServerPort
    protected int port;

    @Autowired
    private ApplicationContext context;

    @Test
    void everyEndpointAnswersEveryCallerAsItsAccessPolicySays() {
        AccessMatrix.Result result = AccessMatrix.walk(Http.local(port), "/v3/api-docs");
        assertThat(result.operations()).as("operations in the OpenAPI document").isNotEmpty();
        assertThat(result.violations()).as("answers against the access policy").isEmpty();
    }

    /**
     * No endpoint answers a malformed request with a server error, and every refusal is a problem document: the
     * service's own OpenAPI document drives {@link MalformedRequests} (wrong types, nulls, extremes, bodies that
     * are not the object asked for, query parameters of the wrong kind), so a new endpoint is swept too.
     */
    @Test
    void noOperationAnswersAMalformedRequestWithAServerError() {
        MalformedRequests.Result result = MalformedRequests.sweep(Http.local(port), "/v3/api-docs");
        System.out.println("malformed requests: " + result.requests() + " sent, answers by status " + result.statuses());
        assertThat(result.requests()).as("requests sent").isPositive();
        assertThat(result.findings()).as("5xx answers, or errors that are not problem documents, of "
                + result.requests() + " requests").isEmpty();
    }

    /**
     * Issue 14: a token of the same issuer meant for another application (its {@code aud} names another
     * client, not {@code sunshine}) is refused with 401 at every operation that needs a token, whatever its
     * role; the same person's token for the suite is not (it gets past authentication).
     */
    @Test
    void aTokenForAnotherAudienceIs401AtEveryOperationThatNeedsAToken() {
        tools.jackson.databind.JsonNode doc = Http.local(port).get("/v3/api-docs").json();
        java.util.List<String> checked = new java.util.ArrayList<>();
        java.util.List<String> wrong = new java.util.ArrayList<>();
        for (var path : doc.path("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                String url = path.getKey().replaceAll("\\{[^}]+}", "x");
                Object body = method.equals("GET") || method.equals("DELETE") ? null : Map.of();
                if (Http.local(port).send(method, url, body).status() != 401) {
                    continue; // public (or answered by its own signature): no token needed
                }
                for (cn.sunshine.platform.security.Role role : java.util.List.of(cn.sunshine.platform.security.Role.PROVINCE_OFFICER,
                        cn.sunshine.platform.security.Role.OPERATOR)) {
                    String other = TestTokens.withAudience(role.name(), "420000", "another-app", "account");
                    String ours = TestTokens.of(role.name(), "420000");
                    int refused = Http.local(port).as(other).send(method, url, body).status();
                    int admitted = Http.local(port).as(ours).send(method, url, body).status();
                    checked.add(method + " " + url);
                    if (refused != 401 || admitted == 401) {
                        wrong.add(method + " " + url + " as " + role + ": another audience " + refused + ", ours " + admitted);
                    }
                }
            }
        }
        assertThat(checked).as("operations that need a token").isNotEmpty();
        assertThat(wrong).as("another audience must be 401, ours must pass authentication").isEmpty();
    }

    /**
     * The service's contract does not change unnoticed: its OpenAPI document, without the prose (descriptions,
     * summaries) and the server's address, and with every object's keys in order, equals the record committed in
     * {@code src/test/resources/openapi-contract.json}. A change meant to alter the contract records it again with
     * {@code -Dsunshine.openapi.record=true} and commits the record with the change, so a review sees the API's
     * difference as a diff; a refactoring that changes it by accident fails here.
     */
    @Test
    void theOpenApiContractIsTheRecordedOne() throws java.io.IOException {
        String actual = OpenApiContract.canonical(Http.local(port).get("/v3/api-docs").body());
        java.nio.file.Path record = java.nio.file.Path.of("src/test/resources/openapi-contract.json");
        if (Boolean.getBoolean("sunshine.openapi.record") || !java.nio.file.Files.exists(record)) {
            boolean first = !java.nio.file.Files.exists(record);
            java.nio.file.Files.writeString(record, actual);
            assertThat(first).as("no contract was recorded; recorded now in " + record.toAbsolutePath()
                    + ": commit it").isFalse();
            return;
        }
        assertThat(actual).as("the OpenAPI contract against " + record + " (if the change is meant, record it "
                + "again with -Dsunshine.openapi.record=true)").isEqualTo(java.nio.file.Files.readString(record));
    }

    @Test
    void everyRequestAndResponseTypeHasItsOwnSchemaName() {
        Map<String, Set<String>> byName = new TreeMap<>();
        Set<Class<?>> seen = new HashSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (HandlerMethod method : mapping.getHandlerMethods().values()) {
                if (!method.getBeanType().getName().startsWith("cn.sunshine")) {
                    continue;
                }
                collect(ResolvableType.forMethodReturnType(method.getMethod()), byName, seen);
                for (MethodParameter p : method.getMethodParameters()) {
                    if (p.hasParameterAnnotation(RequestBody.class)) {
                        collect(ResolvableType.forMethodParameter(p), byName, seen);
                    }
                }
            }
        }
        Map<String, Set<String>> clashes = new TreeMap<>();
        byName.forEach((name, classes) -> {
            if (classes.size() > 1) {
                clashes.put(name, classes);
            }
        });
        assertThat(clashes).as("types that the OpenAPI document would name alike (rename one)").isEmpty();
    }

    private static void collect(ResolvableType type, Map<String, Set<String>> byName, Set<Class<?>> seen) {
        Class<?> raw = type.resolve();
        if (raw == null) {
            return;
        }
        for (ResolvableType generic : type.getGenerics()) {
            collect(generic, byName, seen);
        }
        if (raw.isArray()) {
            collect(type.getComponentType(), byName, seen);
            return;
        }
        // Enums are written inline in the document, not as named schemas.
        if (!raw.getName().startsWith("cn.sunshine") || raw.isEnum() || !seen.add(raw)) {
            return;
        }
        byName.computeIfAbsent(raw.getSimpleName(), k -> new TreeSet<>()).add(raw.getName());
        if (raw.isRecord()) {
            for (RecordComponent c : raw.getRecordComponents()) {
                collect(ResolvableType.forType(c.getGenericType()), byName, seen);
            }
        }
    }
}
