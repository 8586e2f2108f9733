package dev.tempest.verifier.math;

import dev.tempest.verifier.math.Expression.Scope;
import java.math.BigInteger;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Decides whether two expressions are the same function by evaluating both at the same points:
 * once for constants, at {@link #POINTS} random points of their variables otherwise (polynomial
 * identity testing). Points are rationals n/4096 with 0 < |n| <= 65536, of both signs (so |x| is
 * not x), drawn from a fixed seed (so a verdict is reproducible); where both sides stay rational
 * they are compared exactly, so two different rational functions of degree d agree at one point
 * with probability at most d / 131072 (Schwartz-Zippel), and at six independent points
 * practically never.
 *
 * <p>Where a side is irrational (a root, pi, a sine) the values are doubles and must agree to
 * {@link #CLOSED_FORM_TOLERANCE} relative, which only rounding can explain. This is the one
 * comparison that proves nothing: two different closed forms closer than that (sqrt(10^20 + 1)
 * and 10^10) would pass; no answer but one crafted for it is built so. When a side writes a
 * decimal (the writer rounded), they must agree to the verifier's {@code relativeTolerance}. A decimal
 * answer also stands for a rational reference that no finite decimal writes (1/3, 1/12) when it
 * agrees to that tolerance; a reference that is a finite decimal (3, 0.25) must be matched exactly.
 */
final class ExpressionEquivalence {

    enum Outcome { EQUAL, DIFFERENT, UNDECIDED }

    /** Doubles of two equal closed forms differ by rounding, about 1e-15 relative; different answers by far more. */
    static final double CLOSED_FORM_TOLERANCE = 1e-10;

    /** Below this, a difference of closed forms is cancellation error: sin(pi) is 1.2e-16, not 0. */
    private static final double CANCELLATION_FLOOR = 1e-12;

    private static final int POINTS = 6;

    /** Points where both sides are undefined (a logarithm of a negative) are skipped, up to this many tries. */
    private static final int MAX_TRIES = 24;

    private static final long SEED = 0x5eed_c0de_2024L;
    private static final int POINT_SCALE = 4096;
    private static final int POINT_RANGE = 65536;

    private final double relativeTolerance;

    ExpressionEquivalence(double relativeTolerance) {
        this.relativeTolerance = relativeTolerance;
    }

    /** Whether {@code answer} and {@code reference} take the same value everywhere. */
    Outcome compare(Expression answer, Expression reference, WorkBudget budget) {
        double tolerance = answer.hasDecimal() || reference.hasDecimal() ? relativeTolerance : CLOSED_FORM_TOLERANCE;
        return agreeAtPoints(answer, reference, budget,
                (a, r) -> sameValue(a, r, tolerance, answer.hasDecimal()));
    }

    /**
     * Whether {@code answer} is a constant multiple of {@code reference}, the multiple positive
     * if {@code positive}: how the two sides of equations (any multiple) and of inequalities
     * (a positive one) are compared once each is written as one expression.
     */
    Outcome proportional(Expression answer, Expression reference, boolean positive, WorkBudget budget) {
        double tolerance = answer.hasDecimal() || reference.hasDecimal() ? relativeTolerance : CLOSED_FORM_TOLERANCE;
        ConstantRatio ratio = new ConstantRatio(positive, tolerance);
        Outcome outcome = agreeAtPoints(answer, reference, budget, ratio);
        return outcome == Outcome.EQUAL && !ratio.known() ? Outcome.UNDECIDED : outcome;
    }

    private Outcome agreeAtPoints(Expression answer, Expression reference, WorkBudget budget,
            BiPredicate<MathValue, MathValue> agree) {
        TreeSet<String> names = new TreeSet<>();
        answer.addVariables(names);
        reference.addVariables(names);
        SplittableRandom random = new SplittableRandom(SEED);
        int needed = names.isEmpty() ? 1 : POINTS;
        int agreed = 0;
        for (int tries = 0; tries < MAX_TRIES && agreed < needed; tries++) {
            Scope scope = new Scope(randomPoint(names, random), budget);
            MathValue a = answer.evaluate(scope);
            MathValue r = reference.evaluate(scope);
            if (!a.isDefined() && !r.isDefined()) {
                if (names.isEmpty()) {
                    return Outcome.UNDECIDED;
                }
                continue;
            }
            if (a.isDefined() != r.isDefined() || !agree.test(a, r)) {
                return Outcome.DIFFERENT;
            }
            agreed++;
        }
        return agreed == needed ? Outcome.EQUAL : Outcome.UNDECIDED;
    }

    private static Map<String, MathValue> randomPoint(TreeSet<String> names, SplittableRandom random) {
        Map<String, MathValue> point = new TreeMap<>();
        for (String name : names) {
            int n = random.nextInt(1, POINT_RANGE + 1) * (random.nextBoolean() ? 1 : -1);
            point.put(name, MathValue.of(new Rational(BigInteger.valueOf(n), BigInteger.valueOf(POINT_SCALE))));
        }
        return point;
    }

    private boolean sameValue(MathValue answer, MathValue reference, double tolerance, boolean answerWritesDecimal) {
        if (answer.isExact() && reference.isExact()) {
            if (answer.exact().equals(reference.exact())) {
                return true;
            }
            return answerWritesDecimal && !reference.exact().hasFiniteDecimal()
                    && close(answer.approximate(), reference.approximate(), relativeTolerance);
        }
        return close(answer.approximate(), reference.approximate(), tolerance);
    }

    private static boolean close(double a, double b, double relative) {
        double difference = Math.abs(a - b);
        return difference <= relative * Math.max(Math.abs(a), Math.abs(b)) || difference <= CANCELLATION_FLOOR;
    }

    /** The first nonzero ratio answer/reference seen, and whether every later one is the same. */
    private static final class ConstantRatio implements BiPredicate<MathValue, MathValue> {
        private final boolean positive;
        private final double tolerance;
        private MathValue first;

        ConstantRatio(boolean positive, double tolerance) {
            this.positive = positive;
            this.tolerance = tolerance;
        }

        boolean known() {
            return first != null;
        }

        @Override
        public boolean test(MathValue answer, MathValue reference) {
            boolean answerZero = isZero(answer);
            boolean referenceZero = isZero(reference);
            if (answerZero || referenceZero) {
                return answerZero && referenceZero;
            }
            MathValue ratio = answer.dividedBy(reference);
            if (first == null) {
                first = ratio;
                return !positive || ratio.approximate() > 0;
            }
            return ratio.isExact() && first.isExact()
                    ? ratio.exact().equals(first.exact())
                    : close(ratio.approximate(), first.approximate(), tolerance);
        }

        private static boolean isZero(MathValue value) {
            return value.isExact() ? value.exact().signum() == 0 : Math.abs(value.approximate()) <= CANCELLATION_FLOOR;
        }
    }
}
