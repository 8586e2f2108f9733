package dev.tempest.verifier.math;

import dev.tempest.verifier.math.Answer.Assignment;
import dev.tempest.verifier.math.Answer.Group;
import dev.tempest.verifier.math.Answer.Relation;
import dev.tempest.verifier.math.Answer.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads an answer element that holds relation signs (as {@link AnswerNormalizer} writes them:
 * = ≠ < > ≤ ≥ ≈):
 * <ul>
 *   <li>{@code name = value} is an {@link Assignment}: x = 3, (p, q) = (3, 2), f(x) = 1, |AB| = 1.
 *       A chain keeps its last value: x = 5 + 5 + 1 = 11 assigns 11, 1 = z = 0 is 0.</li>
 *   <li>{@code value ≈ rounded} keeps what precedes the ≈, unless that is only a name: x ≈ 11 is
 *       11, x = 1/3 ≈ 0.33 is x = 1/3.</li>
 *   <li>{@code a < x ≤ b}, with a name in the middle, is the interval (a, b].</li>
 *   <li>Any other single equation or inequality is a {@link Relation}, turned so that its sign is
 *       one of = ≠ < ≤; anything else (f(2) < f(1) < f(4)) is text.</li>
 * </ul>
 */
final class RelationParser {

    private static final String SIGNS = "=≠<>≤≥≈";
    private static final char APPROXIMATELY = '≈';
    private static final Pattern SUBSCRIPT = Pattern.compile("_\\{[^}]*\\}|_[A-Za-z0-9]");
    private static final Pattern COMMAND = Pattern.compile("\\\\[A-Za-z]+");
    // What a name is made of once subscripts and commands are gone: x, f(x), (p, q), |AB|, A:B, x'
    private static final Pattern NAME = Pattern.compile("[A-Za-z()\\[\\],:|'{} ]*[A-Za-z][A-Za-z()\\[\\],:|'{} ]*");

    private RelationParser() {
    }

    /** The element's meaning, or empty if it holds no relation sign; {@code value} reads what is not a relation. */
    static Optional<Answer> parse(String element, Function<String, Answer> value) {
        List<Integer> signs = TopLevel.positions(element, SIGNS);
        if (signs.isEmpty()) {
            return Optional.empty();
        }
        int approximately = element.indexOf(APPROXIMATELY);
        if (approximately >= 0 && signs.contains(approximately)) {
            String before = element.substring(0, approximately).strip();
            String after = element.substring(approximately + 1).strip();
            return Optional.of(value.apply(isName(before) ? upToNextApproximately(after) : before));
        }
        List<String> parts = new ArrayList<>();
        StringBuilder operators = new StringBuilder();
        int start = 0;
        for (int at : signs) {
            parts.add(element.substring(start, at).strip());
            operators.append(element.charAt(at));
            start = at + 1;
        }
        parts.add(element.substring(start).strip());
        if (parts.stream().anyMatch(String::isEmpty)) {
            return Optional.of(new Scalar(element, false));
        }
        return Optional.of(read(parts, operators.toString(), element, value));
    }

    /** Whether {@code text} names something rather than computes it: no digits, no operators. */
    static boolean isName(String text) {
        String bare = COMMAND.matcher(SUBSCRIPT.matcher(text).replaceAll("")).replaceAll("");
        return NAME.matcher(bare).matches();
    }

    private static Answer read(List<String> parts, String operators, String element, Function<String, Answer> value) {
        String first = parts.get(0);
        String last = parts.get(parts.size() - 1);
        if (operators.chars().allMatch(c -> c == '=')) {
            if (isName(first)) {
                return new Assignment(first, last, value.apply(last));
            }
            return parts.size() == 2 ? new Relation(first, "=", last) : value.apply(last);
        }
        if (operators.length() == 1) {
            return relation(first, operators.charAt(0), last);
        }
        if (operators.length() == 2 && isName(parts.get(1))) {
            return interval(first, operators, last, value).orElseGet(() -> new Scalar(element, false));
        }
        return new Scalar(element, false);
    }

    private static Answer relation(String left, char operator, String right) {
        return switch (operator) {
            case '>' -> new Relation(right, "<", left);
            case '≥' -> new Relation(right, "≤", left);
            default -> new Relation(left, String.valueOf(operator), right);
        };
    }

    /** a < x ≤ b is (a, b]; b > x ≥ a is [a, b); signs that point both ways are not an interval. */
    private static Optional<Answer> interval(String first, String operators, String last,
            Function<String, Answer> value) {
        boolean ascending = operators.chars().allMatch(c -> c == '<' || c == '≤');
        boolean descending = operators.chars().allMatch(c -> c == '>' || c == '≥');
        if (!ascending && !descending) {
            return Optional.empty();
        }
        char lowSign = ascending ? operators.charAt(0) : operators.charAt(1);
        char highSign = ascending ? operators.charAt(1) : operators.charAt(0);
        String low = ascending ? first : last;
        String high = ascending ? last : first;
        String open = lowSign == '<' || lowSign == '>' ? "(" : "[";
        String close = highSign == '<' || highSign == '>' ? ")" : "]";
        return Optional.of(new Group(open, close, List.of(value.apply(low), value.apply(high))));
    }

    private static String upToNextApproximately(String text) {
        int next = text.indexOf(APPROXIMATELY);
        return next < 0 ? text : text.substring(0, next).strip();
    }
}
