package dev.tempest.verifier.math;

import java.util.Arrays;

/** Pairs up LaTeX braces, for {@code \boxed{...}} and {@code \text{...}}. */
final class LatexBraces {

    private LatexBraces() {
    }

    /**
     * For the index of each opening brace in {@code text}, the index of the brace that closes it;
     * -1 for one never closed and at every other index. One pass, however deep the nesting. A
     * backslash escapes the next character: {@code \{} and {@code \}} are the braces a set is
     * written with, not grouping.
     */
    static int[] closings(String text) {
        int[] closing = new int[text.length()];
        Arrays.fill(closing, -1);
        int[] open = new int[text.length()];  // a stack of unclosed braces, unboxed: a megabyte of them is a test case
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                open[depth++] = i;
            } else if (c == '}' && depth > 0) {
                closing[open[--depth]] = i;
            }
        }
        return closing;
    }
}
