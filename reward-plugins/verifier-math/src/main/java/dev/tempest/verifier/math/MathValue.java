package dev.tempest.verifier.math;

import java.math.BigInteger;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * A real number as {@link Expression} computes it: exact while every step stayed rational, an
 * approximate double once one did not (the square root of 2, pi, a sine), and undefined (NaN)
 * where the expression has no real value (a division by zero, the square root of -1, a power
 * past double's range).
 */
final class MathValue {

    /**
     * Exact results past this size are approximated instead, so that {@code 2^{10^9}} or
     * {@code 1e999999} cannot take the verifier's memory and time: 8,192 bits is about 2,466
     * decimal digits, far beyond any answer a task has. The limit is checked before an operation,
     * so no gcd (quadratic in BigInteger) ever runs on operands larger than this.
     */
    static final int MAX_EXACT_BITS = 1 << 13;

    static final MathValue UNDEFINED = new MathValue(null, Double.NaN);

    /**
     * Factorials up to this argument are computed (300! has 2,042 bits); larger ones are past any
     * answer, and a thousand of them would cost more than the whole budget of a call.
     */
    private static final int MAX_EXACT_FACTORIAL = 300;

    private final Rational exact;      // null when not rational
    private final double approximate;  // used only when exact is null

    private MathValue(Rational exact, double approximate) {
        this.exact = exact;
        this.approximate = approximate;
    }

    static MathValue of(Rational exact) {
        return exact.bitLength() <= MAX_EXACT_BITS ? new MathValue(exact, Double.NaN) : approximately(exact.doubleValue());
    }

    static MathValue approximately(double approximate) {
        return new MathValue(null, approximate);
    }

    boolean isExact() {
        return exact != null;
    }

    /** Exact or a finite double: a value that can be compared. */
    boolean isDefined() {
        return exact != null || Double.isFinite(approximate);
    }

    Rational exact() {
        return exact;
    }

    double approximate() {
        return exact != null ? exact.doubleValue() : approximate;
    }

    /** Bits an exact operation on this would handle; what {@link WorkBudget} charges for. */
    int bitLength() {
        return exact != null ? exact.bitLength() : 1;
    }

    MathValue plus(MathValue other) {
        return exactResultFits(other) ? of(exact.add(other.exact)) : approximately(approximate() + other.approximate());
    }

    MathValue minus(MathValue other) {
        return plus(other.negated());
    }

    MathValue times(MathValue other) {
        return exactResultFits(other) ? of(exact.multiply(other.exact)) : approximately(approximate() * other.approximate());
    }

    MathValue dividedBy(MathValue other) {
        if (other.isExact() && other.exact.signum() == 0) {
            return UNDEFINED;
        }
        return exactResultFits(other) ? of(exact.divide(other.exact)) : approximately(approximate() / other.approximate());
    }

    MathValue negated() {
        return isExact() ? of(exact.negate()) : approximately(-approximate);
    }

    MathValue abs() {
        return isExact() ? of(exact.abs()) : approximately(Math.abs(approximate));
    }

    /**
     * Exact for an integer exponent whose result stays under {@link #MAX_EXACT_BITS}, and for a
     * rational exponent p/q whose q-th root is rational ({@code 8^{2/3}} is 4). A negative base
     * has a real power only for an odd q: {@code (-8)^{1/3}} is -2, {@code (-4)^{1/2}} undefined.
     */
    MathValue pow(MathValue exponent) {
        if (!bothExact(exponent)) {
            return approximately(Math.pow(approximate(), exponent.approximate()));
        }
        Rational e = exponent.exact;
        if (e.numerator().bitLength() >= 31 || e.denominator().bitLength() >= 31) {
            return approximately(Math.pow(approximate(), exponent.approximate()));
        }
        int p = e.numerator().intValueExact();
        int q = e.denominator().intValueExact();
        if (exact.signum() < 0 && q % 2 == 0) {
            return UNDEFINED;
        }
        if (exact.signum() == 0 && p < 0) {
            return UNDEFINED;
        }
        Optional<Rational> root = exact.root(q);
        if (root.isPresent() && (long) root.get().bitLength() * Math.abs(p) <= MAX_EXACT_BITS) {
            return of(root.get().pow(p));
        }
        // A real odd root of a negative number: -|x|^(p/q), positive again for even p
        double magnitude = Math.pow(Math.abs(approximate()), (double) p / q);
        return approximately(exact.signum() < 0 && p % 2 != 0 ? -magnitude : magnitude);
    }

    /** n! for an exact integer 0 <= n <= 300; undefined otherwise (no Gamma function here). */
    MathValue factorial() {
        if (!isExact() || !exact.isInteger() || exact.signum() < 0
                || exact.numerator().compareTo(BigInteger.valueOf(MAX_EXACT_FACTORIAL)) > 0) {
            return UNDEFINED;
        }
        BigInteger product = BigInteger.ONE;
        for (int k = 2; k <= exact.numerator().intValueExact(); k++) {
            product = product.multiply(BigInteger.valueOf(k));
        }
        return of(Rational.of(product));
    }

    /** A function with no exact values here (sine, logarithm): computed on the double. */
    MathValue map(DoubleUnaryOperator function) {
        return approximately(function.applyAsDouble(approximate()));
    }

    private boolean bothExact(MathValue other) {
        return isExact() && other.isExact();
    }

    /** A sum, product or quotient of two exact values has at most the sum of their bits. */
    private boolean exactResultFits(MathValue other) {
        return bothExact(other) && (long) exact.bitLength() + other.exact.bitLength() <= MAX_EXACT_BITS;
    }

    @Override
    public String toString() {
        return isExact() ? exact.numerator() + "/" + exact.denominator() : "~" + approximate;
    }
}
