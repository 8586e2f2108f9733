package dev.tempest.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed document and where each of its fields stands in the file, by field path
 * ({@code stages[1].dataset.path}). Jackson's tree has no positions, and binding reports some
 * errors only once an object is complete, so positions are taken here, while parsing.
 */
final class LocatedTree {

    private final JsonNode root;
    private final Map<String, JsonLocation> locations; // field path -> its key, or its value for list items

    private LocatedTree(JsonNode root, Map<String, JsonLocation> locations) {
        this.root = root;
        this.locations = locations;
    }

    static LocatedTree parse(JsonParser parser) throws IOException {
        Map<String, JsonLocation> locations = new HashMap<>();
        if (parser.nextToken() == null) {
            return new LocatedTree(JsonNodeFactory.instance.objectNode(), locations);
        }
        JsonNode root = read(parser, "", locations);
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "more than one document in the file");
        }
        return new LocatedTree(root, locations);
    }

    JsonNode root() {
        return root;
    }

    /** The path of the first explicit null in the document, in document order, if any. */
    Optional<String> firstNull() {
        return firstNull(root, "");
    }

    private static Optional<String> firstNull(JsonNode node, String path) {
        if (node.isNull()) {
            return Optional.of(path);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                Optional<String> found = firstNull(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            Optional<String> found = firstNull(node.get(i), path + "[" + i + "]");
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Where {@code field} stands; for a field that is absent, where its nearest present parent stands. */
    JsonLocation locate(String field) {
        String path = field;
        while (!path.isEmpty() && !locations.containsKey(path)) {
            path = parent(path);
        }
        return locations.getOrDefault(path, JsonLocation.NA);
    }

    private static JsonNode read(JsonParser parser, String path, Map<String, JsonLocation> locations) throws IOException {
        locations.putIfAbsent(path, parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                String child = path.isEmpty() ? name : path + "." + name;
                locations.put(child, parser.currentTokenLocation());
                parser.nextToken();
                object.set(name, read(parser, child, locations));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(read(parser, path + "[" + array.size() + "]", locations));
            }
            return array;
        }
        return scalar(parser);
    }

    private static JsonNode scalar(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (parser.currentToken()) {
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? nodes.numberNode(parser.getBigIntegerValue()) : nodes.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return nodes.booleanNode(parser.getBooleanValue());
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw new JsonParseException(parser, "unexpected " + parser.currentToken());
        }
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
