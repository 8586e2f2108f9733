package dev.tempest.verifier.math;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An answer's shape as {@link AnswerParser} reads it, before any value is compared: one value, a
 * list, tuple, interval or set of them, a union of intervals, an assignment or a relation, a
 * matrix, or a multiple-choice letter.
 */
sealed interface Answer {

    /** One element: an expression, or text. {@code percent} when it ended with a percent sign. */
    record Scalar(String text, boolean percent) implements Answer {
    }

    /**
     * Elements in brackets: "(" ")" a tuple or open interval, "[" ")" a half-open interval,
     * "\{" "\}" a set, both empty a bare list. Only a set ignores order.
     */
    record Group(String open, String close, List<Answer> items) implements Answer {
        static final String SET_OPEN = "\\{";
        static final String SET_CLOSE = "\\}";

        public Group {
            items = List.copyOf(items);
        }

        static Group set(List<Answer> items) {
            return new Group(SET_OPEN, SET_CLOSE, items);
        }

        boolean isSet() {
            return open.equals(SET_OPEN);
        }

        boolean isBare() {
            return open.isEmpty();
        }
    }

    /** Intervals or sets joined by \cup, in any order. */
    record Union(List<Answer> parts) implements Answer {
        public Union {
            parts = List.copyOf(parts);
        }
    }

    /** {@code name = value}: x = 3, (p, q) = (3, 2), f(x) = 1; both as written, and the value read. */
    record Assignment(String name, String valueText, Answer value) implements Answer {
        private static final Pattern NOT_IN_NAME = Pattern.compile("[\\s{}]");

        /** The name as two spellings compare it: a_{37} and a_37 are one name. */
        String canonicalName() {
            return NOT_IN_NAME.matcher(name).replaceAll("");
        }
    }

    /** An equation or inequality between two expressions; {@code operator} is one of = ≠ < ≤ (> and ≥ are turned around). */
    record Relation(String left, String operator, String right) implements Answer {
    }

    record Matrix(List<List<Answer>> rows) implements Answer {
        public Matrix {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A multiple-choice answer written with parentheses: (C), \text{(C)}, or with the option's
     * value after it, as contests print them: \textbf{(D)}\ 24. {@code value} is null without one.
     */
    record Choice(char letter, Answer value) implements Answer {
    }
}
