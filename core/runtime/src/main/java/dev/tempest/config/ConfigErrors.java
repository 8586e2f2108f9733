package dev.tempest.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Jackson's exceptions into one line a person can act on. */
final class ConfigErrors {

    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing required creator property '([^']+)'");
    private static final Pattern TYPE_ID = Pattern.compile("known type ids = \\[([^]]*)]");

    private ConfigErrors() {
    }

    static ConfigException translate(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 0 : at.getLineNr();
        int column = at == null ? 0 : at.getColumnNr();
        if (!(e instanceof JsonMappingException mapping)) {
            return new ConfigException(file, line, column, "", "not valid " + syntaxName(file) + ": " + e.getOriginalMessage());
        }
        List<JsonMappingException.Reference> path = mapping.getPath();
        String field = fieldPath(path);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new ConfigException(file, line, column, field,
                    "unknown key" + suggestion(unknown.getPropertyName(), unknown.getKnownPropertyIds()));
        }
        if (e instanceof InvalidTypeIdException typeId) {
            return new ConfigException(file, line, column, field + ".kind",
                    "unknown kind '" + typeId.getTypeId() + "'" + knownTypeIds(e.getOriginalMessage()));
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException invalid) {
            return invalidValue(file, line, column, field, invalid.getMessage());
        }
        if (e instanceof InvalidNullException) {
            return new ConfigException(file, line, column, field, "a value is required here, got nothing");
        }
        Matcher missing = MISSING_PROPERTY.matcher(e.getOriginalMessage());
        if (missing.find()) {
            return new ConfigException(file, line, column, join(field, missing.group(1)), "required, but missing");
        }
        if (e instanceof InvalidFormatException format) {
            return new ConfigException(file, line, column, field,
                    "expected " + typeName(format.getTargetType()) + ", got \"" + format.getValue() + "\"");
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new ConfigException(file, line, column, field, "expected " + typeName(mismatch.getTargetType()));
        }
        return new ConfigException(file, line, column, field, e.getOriginalMessage());
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

    /** Record constructors raise {@code "key: problem"}, the key relative to the record. */
    private static ConfigException invalidValue(Path file, int line, int column, String field, String message) {
        int colon = message.indexOf(": ");
        if (colon < 0) {
            return new ConfigException(file, line, column, field, message);
        }
        return new ConfigException(file, line, column, join(field, message.substring(0, colon)),
                message.substring(colon + 2));
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
