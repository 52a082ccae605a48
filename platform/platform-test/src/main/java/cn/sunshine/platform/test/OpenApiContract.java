package cn.sunshine.platform.test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;
import java.util.TreeMap;

/**
 * A service's OpenAPI document reduced to its contract: the paths, operations, parameters, bodies, answers and
 * schemas, without the prose written for people ({@code description}, {@code summary}) and without the
 * {@code servers} (the test's port); every object's keys sorted, arrays kept in their order, pretty-printed with
 * a final newline, so two documents compare as text and differ as a readable diff.
 */
public final class OpenApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Set<String> PROSE = Set.of("description", "summary");

    private OpenApiContract() {
    }

    /** The contract of an OpenAPI document given as JSON text. */
    public static String canonical(String openApiJson) {
        JsonNode doc = JSON.readTree(openApiJson);
        JsonNode reduced = reduce(doc, true);
        return JSON.writeValueAsString(reduced) + "\n";
    }

    private static JsonNode reduce(JsonNode node, boolean top) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (var field : node.properties()) {
                String key = field.getKey();
                // A property named "description" in a schema's properties is part of the contract; prose is a
                // string-valued description or summary.
                if (PROSE.contains(key) && field.getValue().isString()) {
                    continue;
                }
                if (top && key.equals("servers")) {
                    continue;
                }
                sorted.put(key, reduce(field.getValue(), false));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(reduce(e, false)));
            return out;
        }
        return node;
    }
}
