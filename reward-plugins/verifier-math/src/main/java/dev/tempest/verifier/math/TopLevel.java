package dev.tempest.verifier.math;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds characters outside every bracket, whichever its kind, so that the interval [0, 1) nests
 * like (0, 1): the commas of a list, the \cup of a union, the = of an assignment.
 */
final class TopLevel {

    private TopLevel() {
    }

    /** The indices of the characters of {@code symbols} in {@code text} outside brackets. */
    static List<Integer> positions(String text, String symbols) {
        List<Integer> found = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += depthChange(c);
            if (depth == 0 && symbols.indexOf(c) >= 0) {
                found.add(i);
            }
        }
        return found;
    }

    /** {@code text} cut at its top-level {@code separator}s, each piece stripped. */
    static List<String> split(String text, char separator) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int at : positions(text, String.valueOf(separator))) {
            pieces.add(text.substring(start, at).strip());
            start = at + 1;
        }
        pieces.add(text.substring(start).strip());
        return pieces;
    }

    /** Where the bracket that opens {@code text} is closed, by any kind of bracket; -1 if never. */
    static int closing(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            int change = depthChange(text.charAt(i));
            depth += change;
            if (change < 0 && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int depthChange(char c) {
        return "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
    }
}
