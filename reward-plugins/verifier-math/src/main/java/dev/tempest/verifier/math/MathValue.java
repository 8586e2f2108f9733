package dev.tempest.verifier.math;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A number as {@link MathExpression} computes it: {@code exact} while every step stayed rational,
 * null once one did not (the square root of 2, a power with exponent 1/2), and always the
 * {@code approximate} double, for comparing with a tolerance.
 */
record MathValue(Rational exact, double approximate) {

    /**
     * Exact results past this size are approximated instead, so that {@code 2^{10^9}} or
     * {@code 1e999999} cannot take the verifier's memory and time: 65,536 bits is about 19,700
     * decimal digits, far beyond any answer a task has.
     */
    private static final int MAX_EXACT_BITS = 1 << 16;

    static MathValue of(Rational exact) {
        return new MathValue(exact, exact.doubleValue());
    }

    static MathValue of(BigDecimal decimal) {
        // 10^scale has scale * log2(10) < scale * 10 / 3 bits
        return Math.abs((long) decimal.scale()) * 10 / 3 <= MAX_EXACT_BITS
                ? of(Rational.of(decimal))
                : approximately(decimal.doubleValue());
    }

    static MathValue approximately(double approximate) {
        return new MathValue(null, approximate);
    }

    boolean isExact() {
        return exact != null;
    }

    MathValue plus(MathValue other) {
        return bothExact(other) ? of(exact.add(other.exact)) : approximately(approximate + other.approximate);
    }

    MathValue minus(MathValue other) {
        return bothExact(other) ? of(exact.subtract(other.exact)) : approximately(approximate - other.approximate);
    }

    MathValue times(MathValue other) {
        return bothExact(other) ? of(exact.multiply(other.exact)) : approximately(approximate * other.approximate);
    }

    /** ArithmeticException for an exact zero divisor. */
    MathValue dividedBy(MathValue other) {
        return bothExact(other) ? of(exact.divide(other.exact)) : approximately(approximate / other.approximate);
    }

    MathValue negated() {
        return isExact() ? of(exact.negate()) : approximately(-approximate);
    }

    /** Exact for an integer exponent whose result stays under {@link #MAX_EXACT_BITS}. */
    MathValue pow(MathValue exponent) {
        if (bothExact(exponent) && exponent.exact.isInteger()) {
            BigInteger power = exponent.exact.numerator();
            if (power.bitLength() < 31 && (long) exact.bitLength() * Math.abs(power.intValue()) <= MAX_EXACT_BITS) {
                return of(exact.pow(power.intValue()));
            }
        }
        return approximately(Math.pow(approximate, exponent.approximate));
    }

    /** Exact for a perfect square such as 4 or 9/16; NaN for a negative number. */
    MathValue sqrt() {
        Optional<Rational> root = isExact() ? exact.sqrt() : Optional.empty();
        return root.map(MathValue::of).orElseGet(() -> approximately(Math.sqrt(approximate)));
    }

    private boolean bothExact(MathValue other) {
        return isExact() && other.isExact();
    }
}
