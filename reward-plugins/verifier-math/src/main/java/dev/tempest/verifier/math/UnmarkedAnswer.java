package dev.tempest.verifier.math;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer of a completion that marks none, as the reference checkers take it: whichever comes
 * last of the last math block ({@code $...$} on one line, {@code $$...$$}, {@code \(...\)},
 * {@code \[...\]}) and the last number in the prose after it ("1,000.99", "2/3", "28 percent").
 * A number must stand on its own: the 2 in "AZYUK2A" or "x2" is not one.
 */
final class UnmarkedAnswer {

    // 1,000.99, 1 000, 2,74, .4, -3, 2/3, 28 percent, and a bare \frac{10}{9}; not the 2 of "AZYUK2A", "x2" or "{2}"
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.\\\\{^_])[-\u2212]?"
            + "(?:(?:[1-9]\\d{0,2}(?:[, ]\\d{3})+|\\d+)(?:[.,]\\d+)?|\\.\\d+)"
            + "(?:\\s*/\\s*\\d+(?:\\.\\d+)?)?"
            + "(?:\\s*(?:\\\\?%|percent\\b|pct\\b))?"
            + "|-?\\\\[dtc]?frac\\{[^{}]*\\}\\{[^{}]*\\}");
    private static final Pattern PERCENT_AFTER = Pattern.compile("\\s*(?:\\\\?%|percent\\b|pct\\b)");
    /** An unmarked answer ends its completion: only this tail is read, so a megabyte of text costs no more than this. */
    private static final int TAIL_CHARS = 20_000;
    /** An inline $ that finds no partner this close is a dollar sign; bounds the search so the scan stays linear. */
    private static final int MAX_INLINE_CHARS = 10_000;

    /** A math block's content and where the block ends. */
    private record Block(String content, int end) {
    }

    private UnmarkedAnswer() {
    }

    /** The first number in {@code text}, as the answer of a sentence: "Jane started 3 hours ago". */
    static Optional<String> firstNumber(String text) {
        Matcher number = NUMBER.matcher(text);
        return number.find() ? Optional.of(number.group()) : Optional.empty();
    }

    /** The answer of the last {@link #TAIL_CHARS} characters of {@code completion}, or empty. */
    static Optional<String> find(String completion) {
        String text = completion.substring(Math.max(0, completion.length() - TAIL_CHARS));
        Optional<Block> block = lastMathBlock(text);
        Matcher number = NUMBER.matcher(text).region(block.map(Block::end).orElse(0), text.length());
        int lastStart = -1;
        int lastEnd = -1;
        while (number.find()) {
            lastStart = number.start();
            lastEnd = number.end();
        }
        return lastStart >= 0
                ? Optional.of(text.substring(lastStart, lastEnd))
                : block.map(found -> withPercent(text, found));
    }

    /**
     * One scan, left to right; an escaped \$ is a dollar sign, never a delimiter. A closing
     * delimiter not found once is not looked for again, so a thousand unclosed \[ cost one search.
     */
    private static Optional<Block> lastMathBlock(String text) {
        Set<String> neverClosed = new HashSet<>();
        Block last = null;
        int i = 0;
        while (i < text.length()) {
            Block block = null;
            if (text.startsWith("$$", i)) {
                block = closedBy(text, i, "$$", "$$", neverClosed);
            } else if (text.startsWith("\\[", i)) {
                block = closedBy(text, i, "\\[", "\\]", neverClosed);
            } else if (text.startsWith("\\(", i)) {
                block = closedBy(text, i, "\\(", "\\)", neverClosed);
            } else if (text.charAt(i) == '$') {
                block = inline(text, i);
            } else if (text.charAt(i) == '\\') {
                i++;  // an escaped character, \$ among them
            }
            if (block != null) {
                last = block;
                i = block.end();
            } else {
                i++;
            }
        }
        return Optional.ofNullable(last);
    }

    private static Block closedBy(String text, int start, String open, String close, Set<String> neverClosed) {
        int end = neverClosed.contains(close) ? -1 : text.indexOf(close, start + open.length());
        if (end < 0) {
            neverClosed.add(close);
            return null;
        }
        return new Block(text.substring(start + open.length(), end), end + close.length());
    }

    private static Block inline(String text, int start) {
        int limit = Math.min(text.length(), start + 1 + MAX_INLINE_CHARS);
        for (int i = start + 1; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return null;
            }
            if (c == '\\') {
                i++;
            } else if (c == '$') {
                return new Block(text.substring(start + 1, i), i + 1);
            }
        }
        return null;
    }

    private static String withPercent(String text, Block block) {
        Matcher percent = PERCENT_AFTER.matcher(text).region(block.end(), text.length());
        return percent.lookingAt() ? block.content() + "%" : block.content();
    }
}
