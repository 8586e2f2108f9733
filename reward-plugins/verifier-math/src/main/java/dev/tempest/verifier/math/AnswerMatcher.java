package dev.tempest.verifier.math;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether a model's normalised answer is the reference's: the same brackets, as many
 * elements, and each element equal exactly (both rational), else within the tolerance (both
 * finite numbers, one of them irrational), else as text.
 */
final class AnswerMatcher {

    private final double relativeTolerance;

    AnswerMatcher(double relativeTolerance) {
        this.relativeTolerance = relativeTolerance;
    }

    boolean matches(NormalizedAnswer answer, NormalizedAnswer reference) {
        List<String> got = answer.elements();
        List<String> expected = reference.elements();
        if (!answer.brackets().equals(reference.brackets()) || got.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < got.size(); i++) {
            if (!elementMatches(got.get(i), expected.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean elementMatches(String got, String expected) {
        Optional<MathValue> answer = MathExpression.evaluate(got);
        Optional<MathValue> reference = MathExpression.evaluate(expected);
        if (answer.isPresent() && reference.isPresent()) {
            MathValue a = answer.get();
            MathValue b = reference.get();
            if (a.isExact() && b.isExact()) {
                return a.exact().equals(b.exact());
            }
            if (Double.isFinite(a.approximate()) && Double.isFinite(b.approximate())) {
                return Math.abs(a.approximate() - b.approximate())
                        <= relativeTolerance * Math.max(1, Math.abs(b.approximate()));
            }
        }
        // Text ("A", "\pi/2"), or an exact value past double's range (10^400) against an irrational one
        return got.equals(expected);
    }
}
