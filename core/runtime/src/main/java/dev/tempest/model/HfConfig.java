package dev.tempest.model;

import dev.tempest.api.ModelConfigException;
import dev.tempest.config.NearestKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of a Hugging Face {@code config.json}. Reads never throw: a missing or bad value is
 * recorded as a problem naming its key and read as 1, so that reading goes on and every key the
 * family knows is asked for. {@link #check} then throws the first problem, and a strict check
 * also refuses keys nobody asked for, with the nearest known one.
 */
public final class HfConfig {

    private static final int STAND_IN = 1; // read in place of a bad value: a valid size, never a divisor of zero
    /** No dimension of a model is larger; products of two sizes then fit in a long, of a size and a small factor in an int. */
    public static final int MAX_SIZE = 1 << 24;

    private final Map<String, Object> values;
    private final Set<String> asked = new LinkedHashSet<>(List.of("model_type")); // model_type names the family
    private final List<ModelConfigException> problems = new ArrayList<>();

    public HfConfig(Map<String, Object> values) {
        this.values = values;
    }

    /** A whole number of at least 1: a size. */
    public int size(String key) {
        asked.add(key);
        if (values.get(key) == null) {
            return problem(key, "required, but missing");
        }
        return checkedSize(key);
    }

    /** The size at {@code key}, or {@code otherwise} when the key is absent or null. */
    public int size(String key, int otherwise) {
        asked.add(key);
        return values.get(key) == null ? otherwise : checkedSize(key);
    }

    /** A finite number above 0 (an epsilon, a base), or {@code otherwise} when absent or null. */
    public float positiveNumber(String key, float otherwise) {
        asked.add(key);
        Object value = values.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Number number && Float.isFinite(number.floatValue()) && number.floatValue() > 0) {
            return number.floatValue();
        }
        return problem(key, "must be a finite number above 0, got " + describe(value));
    }

    public boolean flag(String key, boolean otherwise) {
        asked.add(key);
        Object value = values.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        problem(key, "must be true or false, got " + describe(value));
        return otherwise;
    }

    public String text(String key, String otherwise) {
        asked.add(key);
        Object value = values.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof String text) {
            return text;
        }
        problem(key, "must be a string, got " + describe(value));
        return otherwise;
    }

    /** A list of strings (Hugging Face's {@code architectures}); empty when the key is absent or null. */
    public List<String> texts(String key) {
        asked.add(key);
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        problem(key, "must be a list of strings, got " + describe(value));
        return List.of();
    }

    /** How many entries the object at {@code key} has (Hugging Face's {@code id2label}), or {@code otherwise} when absent or null. */
    public int entries(String key, int otherwise) {
        asked.add(key);
        Object value = values.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Map<?, ?> object && !object.isEmpty()) {
            return object.size();
        }
        return problem(key, "must be an object of at least one entry, got " + describe(value));
    }

    /** Whether {@code key} holds a value; asking makes the key a known one. */
    public boolean present(String key) {
        asked.add(key);
        return values.get(key) != null;
    }

    /** Records a broken rule between keys, such as a width that the head count does not divide. */
    public int problem(String key, String problem) {
        problems.add(new ModelConfigException(key, problem));
        return STAND_IN;
    }

    /**
     * Throws the first problem found while reading; with {@code strict}, a key that nothing asked
     * for comes first, since a typo there is the likely cause of a "missing" one.
     *
     * @throws ModelConfigException naming the key
     */
    public void check(boolean strict) {
        if (strict) {
            for (String key : values.keySet()) {
                if (!asked.contains(key)) {
                    throw new ModelConfigException(key, "unknown key" + NearestKey.of(key, asked)
                            .map(known -> "; did you mean '" + known + "'?")
                            .orElse("; valid keys here: " + String.join(", ", asked.stream().sorted().toList())));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
    }

    private int checkedSize(String key) {
        Object value = values.get(key);
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            return problem(key, "must be a whole number, got " + describe(value));
        }
        if (number.doubleValue() < 1 || number.doubleValue() > MAX_SIZE) {
            return problem(key, "must be between 1 and " + MAX_SIZE + ", got " + describe(value));
        }
        return number.intValue();
    }

    private static String describe(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
