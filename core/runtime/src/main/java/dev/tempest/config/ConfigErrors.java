package dev.tempest.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns Jackson's exceptions into one line a person can act on. */
final class ConfigErrors {

    private static final Pattern TYPE_ID = Pattern.compile("known type ids = \\[([^]]*)]");

    private ConfigErrors() {
    }

    /** A file that does not parse: the parser knows the place. */
    static ConfigException syntax(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation() == null ? JsonLocation.NA : e.getLocation();
        return new ConfigException(file, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0), "",
                "not valid " + syntaxName(file) + ": " + oneLine(e));
    }

    /** The parser's complaint without the excerpt of the file that YAML's parser appends over several lines. */
    private static String oneLine(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml) {
            return yaml.getContext() == null ? yaml.getProblem() : yaml.getContext() + ": " + yaml.getProblem();
        }
        return e.getOriginalMessage().lines().findFirst().orElse("");
    }

    /** A problem with {@code field}, placed where the field (or its nearest parent) stands. */
    static ConfigException at(Path file, LocatedTree tree, String field, String problem) {
        JsonLocation at = tree.locate(field);
        return new ConfigException(file, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0), field, problem);
    }

    /** A document that parses but does not fit the configuration records. */
    static ConfigException binding(Path file, LocatedTree tree, JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return syntax(file, e);
        }
        String field = fieldPath(mapping.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return at(file, tree, field,
                    "unknown key" + suggestion(unknown.getPropertyName(), unknown.getKnownPropertyIds()));
        }
        if (e instanceof InvalidTypeIdException typeId) {
            String kind = typeId.getTypeId() == null ? "a stage needs a kind" : "unknown kind '" + typeId.getTypeId() + "'";
            return at(file, tree, join(field, "kind"), kind + knownTypeIds(e.getOriginalMessage()));
        }
        if (e.getCause() instanceof InputCoercionException tooLarge) {
            return at(file, tree, field, "expected a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                    + ", got " + valueAt(tree.root(), mapping.getPath()));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            JsonNode value = valueAt(tree.root(), mapping.getPath());
            return at(file, tree, field, "expected " + typeName(mismatch.getTargetType())
                    + (value == null ? "" : ", got " + describe(value)));
        }
        return at(file, tree, field, e.getOriginalMessage());
    }

    /** The node a binding error's path points to, or null. */
    private static JsonNode valueAt(JsonNode root, List<JsonMappingException.Reference> path) {
        JsonNode node = root;
        for (JsonMappingException.Reference step : path) {
            node = step.getFieldName() != null ? node.get(step.getFieldName()) : node.get(step.getIndex());
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "\"" + value.textValue() + "\"";
        }
        if (value.isContainerNode()) {
            return value.isArray() ? "a list" : "a mapping";
        }
        return value.isNull() ? "nothing" : value.toString();
    }

    /** {@code stages[1].dataset.path}: names where they are, indices where they are. */
    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                text.append(text.length() == 0 ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                text.append('[').append(step.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }


    private static String suggestion(String typed, Collection<Object> known) {
        List<String> keys = new ArrayList<>();
        known.forEach(key -> keys.add(key.toString()));
        return NearestKey.of(typed, keys)
                .map(key -> "; did you mean '" + key + "'?")
                .orElse("; valid keys here: " + String.join(", ", keys.stream().sorted().toList()));
    }

    private static String knownTypeIds(String message) {
        Matcher known = TYPE_ID.matcher(message);
        return known.find() ? "; expected one of: " + known.group(1) : "";
    }

    private static String typeName(Class<?> type) {
        if (type.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                values.add(((Enum<?>) constant).name().toLowerCase());
            }
            return "one of " + String.join(", ", values);
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == Path.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping (" + type.getSimpleName() + ")";
    }

    private static String syntaxName(Path file) {
        return file.getFileName().toString().toLowerCase().endsWith(".json") ? "JSON" : "YAML";
    }
}
