package dev.tempest.verifier.math;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites an answer, the model's or the reference, into one spelling of each thing that can be
 * written several ways, removing what does not change its value: LaTeX wrappers and spacing,
 * currency, degrees, thousands separators, the many ways to write a fraction, a relation, a
 * percent, infinity or "and". {@link AnswerParser} then reads the result's shape. The order of the
 * steps matters and is commented where it does.
 */
final class AnswerNormalizer {

    private static final String[][] SYMBOLS = {
        {"\u2212", "-"}, {"\u00a0", " "}, {"×", "*"}, {"·", "*"}, {"⋅", "*"}, {"÷", "/"}, {"²", "^2"}, {"³", "^3"},
        {"∞", "\\infty "}, {"…", ""},
    };
    // \\frac as a model doubles its escapes (not \\ ending a matrix row, which a space or digit follows)
    private static final Rewrite DOUBLED_ESCAPE = new Rewrite("(?<!\\\\)\\\\\\\\(?=[A-Za-z])", "\\\\");
    // A box inside the answer: \boxed{\boxed{5}}
    private static final Pattern BOX = Pattern.compile("\\\\(?:boxed|fbox)\\s*\\{");
    // "5\text{ m}": a one-letter word set in text after a number is a unit (plain "5 m" stays 5m)
    private static final Rewrite TEXT_LETTER_UNIT = new Rewrite(
            "(?<=[\\d}])\\s*\\\\(?:text|textnormal|textrm|mbox)\\s*\\{\\s*[A-Za-z]\\s*\\}(?:\\^\\{?[23]\\}?)?\\s*$", "");
    // \text{ cm}, \mathrm{m}, \textbf{5}: prose or typography inside math; the content stays, as a word of its own
    private static final Pattern TEXT_COMMAND = Pattern.compile("\\\\(?:text(?:rm|bf|it|normal|sf|tt|up)?|"
            + "math(?:rm|bf|it|sf|tt|normal)|mbox|hbox|boldsymbol|bm|operatorname|emph)\\s*\\{");
    // 1,234,567, 1\,000, 1{,}000, 10,\!000, 14 {, }916: groups of exactly three digits after a run that starts with 1-3
    private static final String RUN = "(?<![\\d.,])[1-9]\\d{0,2}(?:%s\\d{3})+(?!\\d|,\\d)";
    private static final String MARKED_SEPARATOR = "\\s*\\{\\s*,\\s*\\}\\s*|,\\\\!\\s*|\\\\,";
    private static final Pattern MARKED_THOUSANDS = Pattern.compile(String.format(RUN, "(?:" + MARKED_SEPARATOR + ")"));
    private static final Pattern PLAIN_THOUSANDS = Pattern.compile(String.format(RUN, "(?:,| )"));
    private static final Pattern THOUSANDS_SEPARATOR = Pattern.compile(MARKED_SEPARATOR + "|,| ");

    /** One spelling for each thing, in this order, once wrappers and LaTeX's own separators are gone. */
    private static final List<Rewrite> SPELLINGS = List.of(
            // \left( \right) \bigl| \displaystyle \!: sizing only
            new Rewrite("\\\\(?:left|right)(?![A-Za-z])\\.?|\\\\[Bb]igg?[lrm]?(?![A-Za-z])"
                    + "|\\\\(?:displaystyle|textstyle|mathstrut|limits)(?![A-Za-z])|\\\\!", ""),
            new Rewrite("\\\\[()\\[\\]]", " "),
            // $ opens or closes math, or is a dollar sign; either way it goes
            new Rewrite("\\\\?\\$|[€£¥₹]", " "),
            new Rewrite("\\^\\s*\\{?\\s*\\\\circ\\s*\\}?|\\\\circ(?![A-Za-z])|\\\\degree(?![A-Za-z])|°", ""),
            // 5^{\mathrm{th}} once unwrapped: the 5th
            new Rewrite("\\^\\s*\\{\\s*(?:st|nd|rd|th)\\s*\\}", ""),
            // Quotes around an answer, "$12$ and $13$", as Minerva's normalisation drops them
            new Rewrite("\\\\?\"", " "),
            new Rewrite("(?i)\\\\?%|(?<![A-Za-z])(?:percentage|percent|pct)(?![A-Za-z])", "%"),
            new Rewrite("\\\\[dtc]frac(?![A-Za-z])", "\\\\frac"),
            new Rewrite("\\\\[dt]binom(?![A-Za-z])", "\\\\binom"),
            new Rewrite("\\\\(?:cdot|times|ast)(?![A-Za-z])", "*"),
            new Rewrite("\\\\div(?![A-Za-z])", "/"),
            new Rewrite("\\\\leqslant(?![A-Za-z])|\\\\leq?(?![A-Za-z])|<=", "≤"),
            new Rewrite("\\\\geqslant(?![A-Za-z])|\\\\geq?(?![A-Za-z])|>=", "≥"),
            new Rewrite("\\\\neq?(?![A-Za-z])|!=", "≠"),
            new Rewrite("\\\\lt(?![A-Za-z])", "<"),
            new Rewrite("\\\\gt(?![A-Za-z])", ">"),
            new Rewrite("\\\\approx(?![A-Za-z])", "≈"),
            new Rewrite("\\\\in(?![A-Za-z])", "∈"),
            new Rewrite("\\\\cup(?![A-Za-z])", "∪"),
            new Rewrite("\\\\(?:emptyset|varnothing)(?![A-Za-z])|\\\\\\{\\s*\\\\\\}", "∅"),
            new Rewrite("\\\\mathbb\\s*\\{?\\s*R\\s*\\}?", "(-\\\\infty, \\\\infty)"),
            new Rewrite("(?<![A-Za-z\\\\])infinity(?![A-Za-z])", "\\\\infty "),
            new Rewrite("\\\\(?:l|c)?dots(?![A-Za-z])", ""),
            // 5 million, 2 billion, as PRM800K's grader reads them
            new Rewrite("(?<=\\d)\\s*million(?![A-Za-z])", "*10^6"),
            new Rewrite("(?<=\\d)\\s*billion(?![A-Za-z])", "*10^9"),
            new Rewrite("(?<=\\d)\\s*trillion(?![A-Za-z])", "*10^12"));

    /** Spacing, joining words and plain-text spellings, once the plain thousands separators are gone. */
    private static final List<Rewrite> FINISH = List.of(
            // After the thousands separators, which read \, as one
            new Rewrite("(?<!\\\\)\\\\[,;: ]|\\\\q?quad|\\\\enspace|\\\\hspace\\s*\\{[^}]*\\}|~", " "),
            // "1, 2 and 3", "(11,7) or (7,11)", "6 \text{ and } 8": words that join elements
            new Rewrite("(?<![A-Za-z\\\\])(?:and|or)(?![A-Za-z])", ","),
            new Rewrite(",(?:\\s*,)+", ","),
            // sqrt(2), sin(x), pi, as plain text writes them
            new Rewrite("(?<![\\\\A-Za-z])(sqrt|sin|cos|tan|ln|log|exp)(?=\\s*\\()", "\\\\$1"),
            new Rewrite("(?<![\\\\A-Za-z])pi(?![A-Za-z])", "\\\\pi "),
            new Rewrite("\\+\\s*\\\\infty", "\\\\infty"),
            new Rewrite("\\s+", " "),
            new Rewrite("^[\\s,;:]+|[\\s.,;:]+$", ""));

    private record Rewrite(Pattern pattern, String replacement) {
        Rewrite(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }

        String apply(String s) {
            return pattern.matcher(s).replaceAll(replacement);
        }
    }

    private AnswerNormalizer() {
    }

    static String normalize(String answer) {
        String s = answer;
        for (String[] symbol : SYMBOLS) {
            s = s.replace(symbol[0], symbol[1]);
        }
        s = DOUBLED_ESCAPE.apply(s);
        s = unwrap(s, BOX, "");
        s = TEXT_LETTER_UNIT.apply(s);
        s = unwrap(s, TEXT_COMMAND, " ");
        // Before the layout step takes the \! out of ",\!" and leaves a comma that splits "32,\! 349" into a list
        s = MARKED_THOUSANDS.matcher(s).replaceAll(AnswerNormalizer::withoutSeparators);
        s = applyAll(SPELLINGS, s);
        s = removePlainThousandsSeparators(s);
        return applyAll(FINISH, s);
    }

    private static String applyAll(List<Rewrite> rewrites, String s) {
        String result = s;
        for (Rewrite rewrite : rewrites) {
            result = rewrite.apply(result);
        }
        return result;
    }

    /**
     * A comma is a thousands separator only outside brackets ((2,100) is a pair), and only in a
     * run of three-digit groups after one to three digits: "1,000" is 1000, "1,2" and "12,34" are
     * lists. A space is one in the same runs ("1 000"), so "1 2" stays two numbers. The
     * separators LaTeX writes on purpose ({,} and ,\! and \,) were taken anywhere, earlier.
     */
    private static String removePlainThousandsSeparators(String s) {
        String start = s.stripLeading();
        boolean bracketed = start.startsWith("(") || start.startsWith("[") || start.startsWith("\\{");
        return bracketed ? s : PLAIN_THOUSANDS.matcher(s).replaceAll(AnswerNormalizer::withoutSeparators);
    }

    private static String withoutSeparators(MatchResult run) {
        return THOUSANDS_SEPARATOR.matcher(run.group()).replaceAll("");
    }

    /**
     * Replaces each {@code \command{...}} matched by {@code command} by {@code prefix} and its
     * content: with a space, "5\text{cm}" reads "5 cm" (a number and a unit). One pass over the
     * original text, so nesting costs nothing.
     */
    private static String unwrap(String s, Pattern command, String prefix) {
        int[] closing = LatexBraces.closings(s);
        Map<Integer, Integer> commandEnds = new HashMap<>();  // start of "\text{" -> index after its "{"
        BitSet closers = new BitSet();
        Matcher found = command.matcher(s);
        while (found.find()) {
            int open = found.end() - 1;
            if (closing[open] >= 0) {
                commandEnds.put(found.start(), found.end());
                closers.set(closing[open]);
            }
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (commandEnds.containsKey(i)) {
                out.append(prefix);
                i = commandEnds.get(i) - 1;
            } else if (!closers.get(i)) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }
}
