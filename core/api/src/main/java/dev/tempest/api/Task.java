package dev.tempest.api;

import java.util.Map;
import java.util.Objects;

/**
 * A prompt whose completions a {@link Verifier} can check. {@code verifier} is the id of the
 * verifier that checks it; {@code fields} carries what that verifier needs, as parsed from JSON
 * (strings, numbers, booleans, lists and maps), for example {@code answer} for math or
 * {@code tests} and {@code language} for code. Task files are read by {@link TaskRows}.
 */
public record Task(String id, String prompt, String verifier, Map<String, Object> fields)
        implements DataRecord {

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(verifier, "verifier");
        fields = Map.copyOf(fields);
    }

    /** The string field {@code name}; IllegalArgumentException naming the task if absent or not a string. */
    public String string(String name) {
        if (fields.get(name) instanceof String value) {
            return value;
        }
        throw new IllegalArgumentException("task " + id + ": field '" + name + "' must be a string, got "
                + (fields.containsKey(name) ? fields.get(name) : "nothing"));
    }
}
