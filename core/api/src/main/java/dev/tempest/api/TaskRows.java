package dev.tempest.api;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of a task row, {@code {"id": "t1", "prompt": "...", "verifier": "math", ...}}, in one
 * place for every reader of task files: the {@code jsonl} loader and {@code tempest verify}
 * read tasks through it, so a file one accepts the other does too.
 *
 * <ul>
 *   <li>{@code prompt} and {@code verifier} are required strings;</li>
 *   <li>{@code id} is a string or an integer, unique in the file, and defaults to the line number;</li>
 *   <li>every other field goes to the verifier in {@link Task#fields()}.</li>
 * </ul>
 * A field that is {@code null} counts as absent: the Hugging Face hub's exports write a column a
 * row lacks as null.
 *
 * <p>One instance per file: it remembers the ids it has seen.
 */
public final class TaskRows {

    private final Map<String, Long> lineOfId = new HashMap<>();

    /**
     * The task in {@code row}, a JSON object as JSON libraries bind it (String, Number, Boolean,
     * List, Map, null), read from line {@code line}.
     *
     * @throws IllegalArgumentException with the reason, for example {@code missing field "verifier"}
     */
    public Task read(Map<String, ?> row, long line) {
        String prompt = requiredString(row, "prompt");
        String verifier = requiredString(row, "verifier");
        String id = id(row, line);
        Map<String, Object> fields = new LinkedHashMap<>();
        row.forEach((name, value) -> {
            if (value != null && !List.of("id", "prompt", "verifier").contains(name)) {
                fields.put(name, value);
            }
        });
        Long earlier = lineOfId.putIfAbsent(id, line);
        if (earlier != null) {
            throw new IllegalArgumentException("task id \"" + id + "\" is used by an earlier task (line " + earlier + ")");
        }
        return new Task(id, prompt, verifier, fields);
    }

    private static String id(Map<String, ?> row, long line) {
        Object id = row.get("id");
        if (id == null) {
            return Long.toString(line);
        }
        boolean integer = id instanceof Integer || id instanceof Long || id instanceof BigInteger;
        if (!(id instanceof String) && !integer) {
            throw new IllegalArgumentException("field \"id\" must be a string or an integer, got " + kind(id));
        }
        return id.toString();
    }

    private static String requiredString(Map<String, ?> row, String name) {
        if (row.get(name) == null) {
            throw new IllegalArgumentException("missing field \"" + name + "\"");
        }
        if (!(row.get(name) instanceof String value)) {
            throw new IllegalArgumentException("field \"" + name + "\" must be a string, got " + kind(row.get(name)));
        }
        return value;
    }

    /** A value's JSON type, as errors name it; null never reaches here. */
    private static String kind(Object value) {
        if (value instanceof String) {
            return "string";
        } else if (value instanceof Number) {
            return "number";
        } else if (value instanceof Boolean) {
            return "boolean";
        } else if (value instanceof List) {
            return "array";
        }
        return "object";
    }
}
