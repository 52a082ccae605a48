package cn.sunshine.platform.test;

import cn.sunshine.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends every operation of a service's OpenAPI document the requests a careless client, a broken form or a
 * curious person sends — as a caller its access policy admits, so the request gets past authorisation to the
 * code that reads it — and collects every answer that is a 5xx or not a problem document. Deterministic: the
 * same document gives the same requests.
 *
 * <p>What it sends, from the operation's own schema (request body and parameters): a plausible body (each
 * property a value of its type and format), then that body with one property at a time changed — to the wrong
 * JSON type, to null, to an extreme (a huge or negative number, an empty, a 10,000-character or a control-
 * character string, an unknown enum value, an impossible date), and for arrays an array of nulls; whole bodies
 * that are not the object asked for (an array, a string, a number, JSON {@code null}, nothing at all, a
 * truncated document, a form instead of JSON); and each query parameter given a value of the wrong kind.
 * Path ids are made up (so most changes stop at 404 once the body is read — Spring reads and validates the
 * body before the handler runs); creating operations (no path id) run with the plausible body and so reach
 * the handler's own parsing. Everything it creates is in the division {@link #DIVISION}, which no test uses.
 */
public final class MalformedRequests {

    /** 仙桃市 (a county-level city no fixture uses): where the sweep's callers sit. */
    public static final String DIVISION = "429004";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One answer that was a server error, or an error that was not a problem document. */
    public record Finding(String method, String path, String what, int status, String body) {
        @Override
        public String toString() {
            return method + " " + path + " (" + what + "): " + status + " " + body.substring(0, Math.min(body.length(), 300));
        }
    }

    /** What was sent and found; {@code statuses} counts the answers by status (what the sweep reached). */
    public record Result(int requests, List<Finding> findings, Map<Integer, Integer> statuses) {
    }

    private MalformedRequests() {
    }

    public static Result sweep(Http api, String docPath) {
        JsonNode doc = api.get(docPath).json();
        List<Finding> findings = new ArrayList<>();
        int[] requests = {0};
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (Map.Entry<String, JsonNode> p : doc.path("paths").properties()) {
            if (!p.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> op : p.getValue().properties()) {
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                Http caller = caller(api, op.getValue());
                if (caller == null) {
                    continue;
                }
                String path = p.getKey().replaceAll("\\{[^}]+}", "sweep-0001");
                Sender send = (what, m, url, body, contentType) -> {
                    requests[0]++;
                    Http.Response r = contentType == null ? caller.send(m, url, body)
                            : caller.sendRaw(m, url, body == null ? "" : body.toString(), contentType);
                    statuses.merge(r.status(), 1, Integer::sum);
                    boolean problem = r.status() < 400 || String.valueOf(r.contentType()).contains("json");
                    if (r.status() >= 500 || !problem) {
                        findings.add(new Finding(m, url, what, r.status(), r.body() == null ? "" : r.body()));
                    }
                };
                for (Map.Entry<String, String> q : wrongQueries(doc, op.getValue()).entrySet()) {
                    send.send("query " + q.getKey(), method, path + "?" + q.getValue(), hasBody(method) ? "{}" : null, null);
                }
                if (!hasBody(method)) {
                    continue;
                }
                JsonNode schema = resolve(doc, op.getValue().path("requestBody").path("content").path("application/json").path("schema"));
                for (Map.Entry<String, Object> b : bodies(doc, schema).entrySet()) {
                    Object body = b.getValue();
                    if (body instanceof Raw raw) {
                        send.send(b.getKey(), method, path, raw.text(), raw.contentType());
                    } else {
                        send.send(b.getKey(), method, path, JSON.writeValueAsString(body), null);
                    }
                }
            }
        }
        return new Result(requests[0], findings, statuses);
    }

    @FunctionalInterface
    private interface Sender {
        void send(String what, String method, String path, Object body, String contentType);
    }

    private record Raw(String text, String contentType) {
    }

    private static boolean hasBody(String method) {
        return !method.equals("GET") && !method.equals("DELETE");
    }

    /** A caller the operation's access policy admits (public: no token), in {@link #DIVISION}. */
    private static Http caller(Http api, JsonNode op) {
        JsonNode access = op.path("x-sunshine-access");
        if (access.path("public").asBoolean()) {
            return api;
        }
        for (JsonNode r : access.path("roles")) {
            Role role;
            try {
                role = Role.valueOf(r.asText());
            } catch (IllegalArgumentException e) {
                continue;
            }
            String token = role == Role.BASE_STAFF ? TestTokens.baseStaff(DIVISION, "sweep-base")
                    : TestTokens.of(role.name(), role == Role.PROVINCE_OFFICER ? "420000" : DIVISION);
            return api.as(token);
        }
        return null;
    }

    private static Map<String, String> wrongQueries(JsonNode doc, JsonNode op) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode param : op.path("parameters")) {
            if (!"query".equals(param.path("in").asText())) {
                continue;
            }
            String name = param.path("name").asText();
            JsonNode schema = resolve(doc, param.path("schema"));
            String type = schema.path("type").asText();
            List<String> values = switch (type) {
                case "integer", "number" -> List.of("abc", "-1", "99999999999999999999", "1e400");
                case "boolean" -> List.of("maybe");
                case "array" -> List.of("%00", ",,,");
                default -> List.of("", "%00", "x".repeat(3000), "2026-13-45", "../../etc");
            };
            int i = 0;
            for (String v : values) {
                out.put(name + "=" + (v.length() > 20 ? v.substring(0, 20) + "…" : v) + "#" + i++,
                        URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + (v.startsWith("%") ? v : URLEncoder.encode(v, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static Map<String, Object> bodies(JsonNode doc, JsonNode schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("no body", new Raw("", "application/json"));
        out.put("truncated JSON", new Raw("{\"a\": [1, ", "application/json"));
        out.put("a form, not JSON", new Raw("a=1&b=2", "application/x-www-form-urlencoded"));
        out.put("plain text", new Raw("hello", "text/plain"));
        out.put("JSON null", new Raw("null", "application/json"));
        out.put("an array", NODES.arrayNode().add(1));
        out.put("a string", NODES.textNode("x"));
        out.put("a number", NODES.numberNode(1));
        out.put("a deep array", deep(200));
        JsonNode plausible = plausible(doc, schema, 0);
        out.put("plausible", plausible);
        if (plausible instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : resolve(doc, schema).path("properties").properties()) {
                String name = property.getKey();
                JsonNode ps = resolve(doc, property.getValue());
                for (Map.Entry<String, JsonNode> wrong : wrongValues(doc, ps).entrySet()) {
                    ObjectNode changed = object.deepCopy();
                    changed.set(name, wrong.getValue());
                    out.put(name + " " + wrong.getKey(), changed);
                }
            }
        }
        return out;
    }

    private static JsonNode deep(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode current = root;
        for (int i = 0; i < depth; i++) {
            ArrayNode next = NODES.arrayNode();
            current.add(next);
            current = next;
        }
        return root;
    }

    private static Map<String, JsonNode> wrongValues(JsonNode doc, JsonNode schema) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("null", NODES.nullNode());
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "integer", "number" -> {
                out.put("as a string", NODES.textNode("abc"));
                out.put("huge", NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")));
                out.put("negative", NODES.numberNode(-1));
                out.put("fractional", NODES.numberNode(0.5));
                out.put("an object", NODES.objectNode().put("a", 1));
            }
            case "boolean" -> {
                out.put("as a string", NODES.textNode("maybe"));
                out.put("a number", NODES.numberNode(2));
            }
            case "array" -> {
                out.put("an object", NODES.objectNode().put("a", 1));
                out.put("of nulls", NODES.arrayNode().addNull().addNull());
                out.put("of numbers", NODES.arrayNode().add(1).add(2));
                ArrayNode many = NODES.arrayNode();
                JsonNode item = plausible(doc, resolve(doc, schema.path("items")), 1);
                for (int i = 0; i < 2_000; i++) {
                    many.add(item);
                }
                out.put("of 2,000 items", many);
            }
            case "object" -> {
                out.put("a string", NODES.textNode("x"));
                out.put("an array", NODES.arrayNode().add(1));
            }
            default -> {
                out.put("empty", NODES.textNode(""));
                out.put("blank", NODES.textNode("   "));
                out.put("10,000 characters", NODES.textNode("字".repeat(10_000)));
                out.put("control characters", NODES.textNode("a\u0000b\u0007\u202e"));
                out.put("a number", NODES.numberNode(12));
                out.put("an object", NODES.objectNode().put("a", 1));
                out.put("an impossible date", NODES.textNode("2026-02-30"));
                out.put("a date-time without zone", NODES.textNode("2026-04-15T08:00:00"));
                if (schema.has("enum")) {
                    out.put("an unknown enum value", NODES.textNode("NOT_A_VALUE"));
                }
            }
        }
        return out;
    }

    /** A value of the schema's type and format: what a correct client would send, roughly. */
    private static JsonNode plausible(JsonNode doc, JsonNode schema, int depth) {
        schema = resolve(doc, schema);
        if (depth > 4) {
            return NODES.nullNode();
        }
        if (schema.has("enum") && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        if (schema.has("oneOf") && !schema.path("oneOf").isEmpty()) {
            return plausible(doc, schema.path("oneOf").get(0), depth + 1);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        String format = schema.path("format").asText("");
        return switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                    o.set(p.getKey(), plausible(doc, p.getValue(), depth + 1));
                }
                yield o;
            }
            case "array" -> NODES.arrayNode().add(plausible(doc, schema.path("items"), depth + 1));
            case "integer" -> NODES.numberNode(schema.has("minimum") ? Math.max(1, schema.path("minimum").asLong()) : 1);
            case "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            default -> switch (format) {
                case "date" -> NODES.textNode("2026-04-15");
                case "date-time" -> NODES.textNode("2026-04-15T08:00:00Z");
                default -> NODES.textNode("sweep");
            };
        };
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String ref = schema.path("$ref").asText();
            JsonNode target = doc;
            for (String part : ref.replaceFirst("^#/", "").split("/")) {
                target = target.path(part);
            }
            schema = target;
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(doc, schema.path("allOf").get(0));
        }
        return schema;
    }
}
