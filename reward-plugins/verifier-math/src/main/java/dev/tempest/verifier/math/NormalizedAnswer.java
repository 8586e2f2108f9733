package dev.tempest.verifier.math;

import java.util.List;

/**
 * An answer as {@link AnswerNormalizer} leaves it: its elements in order (one for a plain answer,
 * several for a tuple, list or set), each ready for {@link MathExpression}, and the brackets
 * around them: "[)" for a half-open interval, "\{\}" for a set, empty for a bare list or a tuple
 * in parentheses. No elements means no answer.
 */
record NormalizedAnswer(String brackets, List<String> elements) {

    NormalizedAnswer {
        elements = List.copyOf(elements);
    }

    boolean isEmpty() {
        return elements.isEmpty();
    }
}
