package cn.sunshine.platform.test;

import cn.sunshine.platform.security.Role;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Walks every operation of an OpenAPI document × no token × every role, in the caller's own and
 * in a foreign jurisdiction, and checks the answers against the operation's published access
 * policy ({@code x-sunshine-access}): no token → 401 unless public; a role outside the policy →
 * 403; a role inside → past authorisation; nobody, with any token or none, gets a 5xx for the
 * requests it sends (unknown ids, an empty body, a malformed body).
 */
public final class AccessMatrix {

    /** One answer that broke the policy. */
    public record Violation(String method, String path, String caller, int status, String expected) {
        @Override
        public String toString() {
            return method + " " + path + " as " + caller + ": " + status + ", expected " + expected;
        }
    }

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String OWN = Seeds.YINGCHENG;
    private static final String FOREIGN = "430102";

    private AccessMatrix() {
    }

    /**
     * @param api     where to send the requests (a service, or the gateway)
     * @param docPath the OpenAPI document's path on {@code api}
     * @return the operations walked and the violations found
     */
    public static Result walk(Http api, String docPath) {
        Http.Response docResponse = api.get(docPath);
        if (docResponse.status() != 200) {
            throw new AssertionError("the OpenAPI document " + docPath + " answered " + docResponse);
        }
        JsonNode doc = docResponse.json();
        List<Violation> violations = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").properties().iterator(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            if (!p.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().properties().iterator(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String method = op.getKey().toUpperCase();
                operations.add(method + " " + p.getKey());
                check(api, method, p.getKey(), op.getValue(), violations);
            }
        }
        return new Result(operations, violations);
    }

    public record Result(List<String> operations, List<Violation> violations) {
    }

    private static void check(Http api, String method, String template, JsonNode op, List<Violation> out) {
        JsonNode access = op.path("x-sunshine-access");
        if (access.isMissingNode()) {
            out.add(new Violation(method, template, "-", 0, "an x-sunshine-access policy in the OpenAPI document"));
            return;
        }
        boolean isPublic = access.path("public").asBoolean();
        Set<String> allowed = new HashSet<>();
        access.path("roles").forEach(r -> allowed.add(r.asText()));
        String path = template.replaceAll("\\{[^}]+}", "matrix-" + UUID.randomUUID().toString().substring(0, 8));
        boolean hasBody = !method.equals("GET") && !method.equals("DELETE");

        Http.Response anonymous = send(api, method, path, hasBody ? "{}" : null);
        expect(out, method, path, "no token", anonymous.status(),
                isPublic ? s -> s != 401 && s != 403 && s < 500 : s -> s == 401, isPublic ? "not 401/403/5xx" : "401");

        for (Role role : Role.values()) {
            for (String division : List.of(OWN, FOREIGN)) {
                String token = role == Role.BASE_STAFF
                        ? TestTokens.baseStaff(division, "matrix-base")
                        : TestTokens.of(role.name(), role == Role.PROVINCE_OFFICER ? division.substring(0, 2) + "0000" : division);
                String caller = role + "@" + division;
                boolean in = isPublic || allowed.contains(role.name());
                Http.Response r = send(api.as(token), method, path, hasBody ? "{}" : null);
                expect(out, method, path, caller, r.status(), in ? s -> s != 401 && s != 403 && s < 500 : s -> s == 403,
                        in ? "past authorisation, not 5xx" : "403");
                if (in && hasBody && division.equals(OWN)) {
                    Http.Response malformed = api.as(token).send(method, path, "{\"unclosed\": ");
                    expect(out, method, path, caller + " (malformed body)", malformed.status(),
                            s -> s == 400 || s == 404 || s == 409 || s == 422, "400 (or 404/409/422), never 5xx");
                }
            }
        }
    }

    private static Http.Response send(Http api, String method, String path, String body) {
        return api.send(method, path, body);
    }

    private static void expect(List<Violation> out, String method, String path, String caller, int status,
                               java.util.function.IntPredicate ok, String expected) {
        if (!ok.test(status)) {
            out.add(new Violation(method, path, caller, status, expected));
        }
    }
}
