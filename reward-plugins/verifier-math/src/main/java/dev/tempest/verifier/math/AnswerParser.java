package dev.tempest.verifier.math;

import dev.tempest.verifier.math.Answer.Assignment;
import dev.tempest.verifier.math.Answer.Choice;
import dev.tempest.verifier.math.Answer.Group;
import dev.tempest.verifier.math.Answer.Matrix;
import dev.tempest.verifier.math.Answer.Scalar;
import dev.tempest.verifier.math.Answer.Union;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the shape of a normalised answer ({@link AnswerNormalizer}) into an {@link Answer}, in this
 * order: a matrix; a union (\cup); {@code x ∈ S} (the set S); a list (top-level commas, else
 * semicolons), bracketed or bare; a relation ({@link RelationParser}); {@code a \pm b} (the set of
 * both); a choice letter "(C)"; else one value, without its trailing unit words ("12 cm", "5
 * apples"). A list is a set, compared without order, when it is written as one ({@code \{1, 2\}})
 * or can only mean one: a list of points ((1, 2), (2, 1)), the values of one unknown
 * (x = 1, x = 2, or a = 4, -8), or a list holding a ± answer. Plain braces group: {1, 3} is the list
 * 1, 3.
 */
final class AnswerParser {

    /** Lists in lists deeper than this are read as text. */
    private static final int MAX_DEPTH = 16;

    /** Longer lists are read as text: no answer lists more, and set matching is quadratic. */
    static final int MAX_ITEMS = 64;

    private static final Pattern MATRIX = Pattern.compile(
            "^[(\\[]?\\s*\\\\begin\\s*\\{(\\w+)\\}(?:\\s*\\{[^}]*\\})?(.*?)\\\\end\\s*\\{\\1\\}\\s*[)\\]]?$", Pattern.DOTALL);
    private static final Pattern MATRIX_ROW_END = Pattern.compile("\\\\\\\\");
    private static final Pattern CHOICE = Pattern.compile("^\\(\\s*([A-Z])\\s*\\)(.*)$");
    private static final Pattern PLUS_MINUS = Pattern.compile("\\\\(?:pm|mp)(?![A-Za-z])");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("^(-?\\d+),(\\d+)$");
    // "5 apples", "12 cm", "3 hours", "4 square feet", "15 cm^2", "60 km/h", after a number or a group. A
    // unit word has three letters or is a known short unit, so that "5 ab" stays 5ab
    private static final Pattern UNITS = Pattern.compile("(?<=[\\d})])\\s+(?:[A-Za-z]{3,}|cm|mm|km|kg|mg|ml|ft|yd|mi|lb|oz|hr)"
            + "(?:[\\s/-]+[A-Za-z]+)*\\.?(?:\\^\\{?[23]\\}?)?\\s*$");
    private static final Pattern MIXED_NUMBER = Pattern.compile("^(-?\\d+)\\s+(\\d+)\\s*/\\s*(\\d+)$");

    private AnswerParser() {
    }

    /**
     * The shape of {@code normalized}, or empty if nothing is left of it. With
     * {@code oneValueExpected} (the other side is one value), "2,74" is the decimal 2.74, as
     * continental Europe writes it, rather than the list 2, 74.
     */
    static Optional<Answer> parse(String normalized, boolean oneValueExpected) {
        String text = normalized.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher decimalComma = DECIMAL_COMMA.matcher(text);
        if (oneValueExpected && decimalComma.matches()) {
            text = decimalComma.group(1) + "." + decimalComma.group(2);
        }
        return Optional.of(answer(text, 0));
    }

    private static Answer answer(String text, int depth) {
        String s = text.strip();
        if (depth > MAX_DEPTH) {
            return new Scalar(s, false);
        }
        Matcher matrix = MATRIX.matcher(s);
        if (matrix.matches()) {
            return matrix(matrix.group(2), depth);
        }
        List<String> unionParts = TopLevel.split(s, '∪');
        if (unionParts.size() > 1) {
            return new Union(unionParts.stream().map(part -> answer(part, depth + 1)).toList());
        }
        List<Integer> membership = TopLevel.positions(s, "∈");
        if (!membership.isEmpty()) {
            return answer(s.substring(membership.get(0) + 1), depth + 1);
        }
        if (s.startsWith("{") && TopLevel.closing(s) == s.length() - 1) {
            return answer(s.substring(1, s.length() - 1), depth + 1);
        }
        Optional<Answer> list = list(s, depth);
        if (list.isPresent()) {
            return list.get();
        }
        Optional<Answer> relation = RelationParser.parse(s, part -> answer(part, depth + 1));
        if (relation.isPresent()) {
            return relation.get();
        }
        if (PLUS_MINUS.matcher(s).find()) {
            return Group.set(List.of(answer(withSign(s, "+", "-"), depth + 1), answer(withSign(s, "-", "+"), depth + 1)));
        }
        Matcher choice = CHOICE.matcher(s);
        if (choice.matches()) {
            String value = choice.group(2).strip();
            return new Choice(choice.group(1).charAt(0), value.isEmpty() ? null : answer(value, depth + 1));
        }
        return scalar(s);
    }

    /** A bracketed or bare list of two or more items, or a set of any size; empty if {@code s} is neither. */
    private static Optional<Answer> list(String s, int depth) {
        boolean bracketed = (s.startsWith("(") || s.startsWith("[") || s.startsWith(Group.SET_OPEN))
                && TopLevel.closing(s) == s.length() - 1;
        if (bracketed) {
            String open = s.startsWith(Group.SET_OPEN) ? Group.SET_OPEN : s.substring(0, 1);
            String close = s.endsWith(Group.SET_CLOSE) ? Group.SET_CLOSE : s.substring(s.length() - 1);
            List<String> items = items(s.substring(open.length(), s.length() - close.length()));
            if (open.equals(Group.SET_OPEN)) {
                return Optional.of(Group.set(answers(items, depth)));
            }
            if (items.size() >= 2) {
                return Optional.of(new Group(open, close, answers(items, depth)));
            }
            return Optional.empty();
        }
        List<String> items = items(s);
        return items.size() >= 2 ? Optional.of(bareList(answers(items, depth))) : Optional.empty();
    }

    private static List<String> items(String s) {
        List<String> byComma = TopLevel.split(s, ',');
        return byComma.size() > 1 ? byComma : TopLevel.split(s, ';');
    }

    private static List<Answer> answers(List<String> items, int depth) {
        if (items.size() > MAX_ITEMS) {
            return List.of(new Scalar(String.join(",", items), false));
        }
        return items.stream().map(item -> answer(item, depth + 1)).toList();
    }

    private static Answer bareList(List<Answer> items) {
        List<Answer> flat = new ArrayList<>();
        boolean unordered = false;
        for (Answer item : items) {
            if (item instanceof Group group && group.isSet()) {
                flat.addAll(group.items());  // 1 \pm \sqrt{5}, -2: three roots
                unordered = true;
            } else {
                flat.add(item);
            }
        }
        boolean points = flat.stream().allMatch(item -> item instanceof Group group && !group.isBare() && !group.isSet());
        if (points || unordered) {
            return Group.set(flat);
        }
        return valuesOfOneUnknown(flat).map(Group::set).orElseGet(() -> new Group("", "", flat));
    }

    /** x = 1, x = 2 or a = 4, -8, -10: the values one unknown takes, if that is what the list is. */
    private static Optional<List<Answer>> valuesOfOneUnknown(List<Answer> items) {
        if (!(items.get(0) instanceof Assignment first)) {
            return Optional.empty();
        }
        List<Answer> values = new ArrayList<>();
        for (Answer item : items) {
            if (item instanceof Assignment assignment) {
                if (!assignment.canonicalName().equals(first.canonicalName())) {
                    return Optional.empty();
                }
                values.add(assignment.value());
            } else {
                values.add(item);
            }
        }
        return Optional.of(values);
    }

    private static Answer matrix(String body, int depth) {
        List<List<Answer>> rows = new ArrayList<>();
        for (String row : MATRIX_ROW_END.split(body)) {
            if (!row.isBlank()) {
                List<String> cells = List.of(row.split("&", -1));
                rows.add(cells.stream().map(cell -> answer(cell, depth + 1)).toList());
            }
        }
        return new Matrix(rows);
    }

    /** Every \pm as {@code plus} and every \mp as {@code minus}: 1 \pm \sqrt{2} is 1 + \sqrt{2}, then 1 - \sqrt{2}. */
    private static String withSign(String s, String plus, String minus) {
        return PLUS_MINUS.matcher(s).replaceAll(sign -> sign.group().equals("\\pm") ? plus : minus);
    }

    private static Scalar scalar(String s) {
        boolean percent = s.endsWith("%");
        String value = percent ? s.substring(0, s.length() - 1).strip() : s;
        value = UNITS.matcher(value).replaceFirst("").strip();
        value = MIXED_NUMBER.matcher(value).replaceFirst("$1\\\\frac{$2}{$3}");  // "1 1/2" reads as 1\frac{1}{2}
        return new Scalar(value, percent);
    }
}
