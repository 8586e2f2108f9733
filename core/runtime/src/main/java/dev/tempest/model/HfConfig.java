package dev.tempest.model;

import java.util.Map;

/** Typed reads of a Hugging Face {@code config.json}, each failure naming the key. */
public final class HfConfig {

    private final Map<String, Object> values;

    public HfConfig(Map<String, Object> values) {
        this.values = values;
    }

    public int integer(String key) {
        if (values.get(key) instanceof Number number && number.doubleValue() == number.intValue()) {
            return number.intValue();
        }
        throw invalid(key, "a whole number");
    }

    /** The whole number at {@code key}, or {@code otherwise} when the key is absent or null. */
    public int integer(String key, int otherwise) {
        return values.get(key) == null ? otherwise : integer(key);
    }

    public float number(String key, float otherwise) {
        Object value = values.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Number number) {
            return number.floatValue();
        }
        throw invalid(key, "a number");
    }

    public boolean flag(String key, boolean otherwise) {
        Object value = values.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw invalid(key, "true or false");
    }

    public String text(String key, String otherwise) {
        Object value = values.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof String text) {
            return text;
        }
        throw invalid(key, "a string");
    }

    private IllegalArgumentException invalid(String key, String expected) {
        return new IllegalArgumentException("config.json: \"" + key + "\" must be " + expected + ", got "
                + (values.containsKey(key) ? values.get(key) : "nothing"));
    }
}
