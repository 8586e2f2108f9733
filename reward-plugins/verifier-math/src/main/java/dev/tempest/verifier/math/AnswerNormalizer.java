package dev.tempest.verifier.math;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites an answer, the model's or the reference, into a {@link NormalizedAnswer}, removing
 * what does not change its value. The policies are {@link MathVerifier}'s; the order of the steps
 * matters and is commented where it does.
 */
final class AnswerNormalizer {

    // \text{ cm}, \mathrm{m}, \textbf{5}: prose or typography inside math
    private static final Pattern TEXT_COMMAND =
            Pattern.compile("\\\\(?:text|textrm|textbf|textit|mathrm|mathbf|mbox)\\s*\\{");
    // \left( \right) \left. \displaystyle: sizing only
    private static final Pattern LAYOUT =
            Pattern.compile("\\\\(?:left|right)(?![A-Za-z])\\.?|\\\\displaystyle(?![A-Za-z])");
    private static final Pattern MATH_DELIMITERS = Pattern.compile("\\\\[()\\[\\]]");
    // $ opens or closes math, or is a dollar sign; either way it goes
    private static final Pattern CURRENCY = Pattern.compile("\\\\?\\$|[€£¥]");
    private static final Pattern DEGREES =
            Pattern.compile("\\^\\s*\\{?\\s*\\\\circ\\s*\\}?|\\\\circ(?![A-Za-z])|\\\\degree(?![A-Za-z])|°");
    private static final Pattern PERCENT = Pattern.compile("\\\\?%");
    private static final Pattern FRAC_VARIANTS = Pattern.compile("\\\\[dt]frac(?![A-Za-z])");
    private static final Pattern TIMES = Pattern.compile("\\\\(?:cdot|times)(?![A-Za-z])|[×·⋅]");
    private static final Pattern DIVIDE = Pattern.compile("\\\\div(?![A-Za-z])|÷");
    // "x = 3", "y_1 = 2", "\theta = 30": a name being given the answer
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*\\\\?[A-Za-z]+(?:_\\{?[A-Za-z0-9]+\\}?)?\\s*=");
    // 1,234,567 and 1\,000 and 1{,}000: groups of exactly three digits, the run not part of a longer list
    private static final Pattern THOUSANDS =
            Pattern.compile("(?<![\\d.,])\\d{1,3}(?:(?:,|\\\\,|\\{,\\})\\d{3})+(?!\\d|,\\d)");
    private static final Pattern THOUSANDS_SEPARATOR = Pattern.compile(",|\\\\,|\\{,\\}");
    private static final Pattern SPACING = Pattern.compile("\\\\[,;:! ]|\\\\q?quad(?![A-Za-z])|~");
    // "5 apples", "12 cm", "3 hours.", "4 square feet", "5 m^2", "60 km/h", after a number or a group
    private static final Pattern UNITS =
            Pattern.compile("(?<=[\\d})])\\s+[A-Za-z]+(?:[\\s/-]+[A-Za-z]+)*\\.?(?:\\^\\{?[23]\\}?)?\\s*$");
    private static final Pattern MIXED_NUMBER = Pattern.compile("^(-?\\d+)\\s+(\\d+)\\s*/\\s*(\\d+)$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // Once runs are one space: a space goes unless it separates two digits, so "1 2" does not become 12
    private static final Pattern SPACE_NOT_BETWEEN_DIGITS = Pattern.compile("(?<!\\d) | (?!\\d)");

    private AnswerNormalizer() {
    }

    static NormalizedAnswer normalize(String answer) {
        String s = unwrapText(answer.replace('\u2212', '-').replace('\u00a0', ' '));
        s = LAYOUT.matcher(s).replaceAll("");
        s = MATH_DELIMITERS.matcher(s).replaceAll("");
        s = CURRENCY.matcher(s).replaceAll("");
        s = DEGREES.matcher(s).replaceAll("");
        s = PERCENT.matcher(s).replaceAll("");
        s = FRAC_VARIANTS.matcher(s).replaceAll("\\\\frac");
        s = TIMES.matcher(s).replaceAll("*");
        s = DIVIDE.matcher(s).replaceAll("/");
        s = ASSIGNMENT.matcher(s).replaceFirst("").strip();
        // Inside brackets every comma separates elements: (2,100) is a pair, not 2100
        if (!startsWithBracket(s)) {
            s = THOUSANDS.matcher(s).replaceAll(run -> THOUSANDS_SEPARATOR.matcher(run.group()).replaceAll(""));
        }
        s = SPACING.matcher(s).replaceAll(" ").strip();  // after THOUSANDS, which reads \, as a separator
        return s.isEmpty() ? new NormalizedAnswer("", List.of()) : split(s);
    }

    /** Splits a list at its top-level commas; parentheses around one are the same as none. */
    private static NormalizedAnswer split(String s) {
        String open = s.startsWith("\\{") ? "\\{" : s.substring(0, 1);
        String close = s.endsWith("\\}") ? "\\}" : s.substring(s.length() - 1);
        String inner = s.substring(open.length(), Math.max(open.length(), s.length() - close.length()));
        // "(1, 2)", "[0, 1)", "\{1, 2\}", but not "(5)" (a number) or "(1, 2) + (3, 4)"
        boolean bracketed = startsWithBracket(s)
                && closingBracket(s) == s.length() - 1
                && !topLevelCommas(inner).isEmpty();
        if (!bracketed) {
            inner = s;
        }
        String brackets = !bracketed || open.equals("(") && close.equals(")") ? "" : open + close;
        List<String> elements = new ArrayList<>();
        int start = 0;
        for (int comma : topLevelCommas(inner)) {
            elements.add(normalizeElement(inner.substring(start, comma)));
            start = comma + 1;
        }
        elements.add(normalizeElement(inner.substring(start)));
        return new NormalizedAnswer(brackets, elements);
    }

    private static String normalizeElement(String element) {
        String e = ASSIGNMENT.matcher(element).replaceFirst("");
        e = UNITS.matcher(e).replaceFirst("").strip();
        e = MIXED_NUMBER.matcher(e).replaceFirst("$1\\\\frac{$2}{$3}");  // "1 1/2" reads as MathExpression's 1\frac{1}{2}
        e = WHITESPACE.matcher(e).replaceAll(" ");
        return SPACE_NOT_BETWEEN_DIGITS.matcher(e).replaceAll("");
    }

    /**
     * Replaces each {@code \text{...}} by a space and its content, so that "5\text{cm}" reads
     * "5 cm" (a number and a unit) and "\text{5 apples}" reads "5 apples". One pass over the
     * original text, so nesting costs nothing.
     */
    private static String unwrapText(String s) {
        int[] closing = LatexBraces.closings(s);
        Map<Integer, Integer> commandEnds = new HashMap<>();  // start of "\text{" -> index after its "{"
        BitSet closers = new BitSet();
        Matcher command = TEXT_COMMAND.matcher(s);
        while (command.find()) {
            int open = command.end() - 1;
            if (closing[open] >= 0) {
                commandEnds.put(command.start(), command.end());
                closers.set(closing[open]);
            }
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (commandEnds.containsKey(i)) {
                out.append(' ');
                i = commandEnds.get(i) - 1;
            } else if (!closers.get(i)) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    private static boolean startsWithBracket(String s) {
        return s.startsWith("(") || s.startsWith("[") || s.startsWith("\\{");
    }

    /** The index where the bracket that opens {@code s} is closed, by any kind of bracket: [1, 2) is an interval. */
    private static int closingBracket(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            int change = bracketDepthChange(s.charAt(i));
            depth += change;
            if (change < 0 && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<Integer> topLevelCommas(String s) {
        List<Integer> commas = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            depth += bracketDepthChange(s.charAt(i));
            if (depth == 0 && s.charAt(i) == ',') {
                commas.add(i);
            }
        }
        return commas;
    }

    private static int bracketDepthChange(char c) {
        return "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
    }
}
