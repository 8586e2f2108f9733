package dev.tempest.verifier.logic;

import java.util.List;
import java.util.Map;

/**
 * Reads a task's {@code puzzle} field as parsed from JSON; a value of the wrong shape is an
 * IllegalArgumentException that names it by its path, as in {@code puzzle.clauses[2][0]}.
 */
final class PuzzleJson {

    private PuzzleJson() {
    }

    static Map<?, ?> object(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw wrongShape(path, "an object", value);
    }

    static List<?> nonEmptyList(Object value, String path) {
        if (value instanceof List<?> list && !list.isEmpty()) {
            return list;
        }
        throw wrongShape(path, "a non-empty list", value);
    }

    static String string(Object value, String path) {
        if (value instanceof String string) {
            return string;
        }
        throw wrongShape(path, "a string", value);
    }

    static IllegalArgumentException wrongShape(String path, String expected, Object value) {
        String got = value == null ? "nothing" : value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return new IllegalArgumentException(path + ": expected " + expected + ", got " + got);
    }
}
