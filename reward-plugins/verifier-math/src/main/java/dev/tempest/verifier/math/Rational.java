package dev.tempest.verifier.math;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Optional;

/**
 * An exact fraction of unbounded integers. The constructor reduces it to lowest terms with a
 * positive denominator, so two Rationals are {@code equals} exactly when they are the same number
 * (0.5, 1/2 and 2/4 all become 1/2).
 */
record Rational(BigInteger numerator, BigInteger denominator) {

    Rational {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);  // gcd(0, d) = d, so zero becomes 0/1
        numerator = numerator.divide(gcd);
        denominator = denominator.divide(gcd);
    }

    static Rational of(long value) {
        return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
    }

    /** The decimal exactly: 0.333 is 333/1000, not 1/3. */
    static Rational of(BigDecimal decimal) {
        BigInteger unscaled = decimal.unscaledValue();
        int scale = decimal.scale();
        return scale >= 0
                ? new Rational(unscaled, BigInteger.TEN.pow(scale))
                : new Rational(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
    }

    Rational add(Rational other) {
        return new Rational(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    Rational subtract(Rational other) {
        return add(other.negate());
    }

    Rational multiply(Rational other) {
        return new Rational(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    /** ArithmeticException when {@code other} is zero. */
    Rational divide(Rational other) {
        return new Rational(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    /** This to an integer power; a negative power of zero is an ArithmeticException. */
    Rational pow(int exponent) {
        return exponent >= 0
                ? new Rational(numerator.pow(exponent), denominator.pow(exponent))
                : new Rational(denominator.pow(-exponent), numerator.pow(-exponent));
    }

    /** The square root if it is rational (both terms perfect squares), else empty. */
    Optional<Rational> sqrt() {
        if (numerator.signum() < 0) {
            return Optional.empty();
        }
        BigInteger top = numerator.sqrt();
        BigInteger bottom = denominator.sqrt();
        return top.multiply(top).equals(numerator) && bottom.multiply(bottom).equals(denominator)
                ? Optional.of(new Rational(top, bottom))
                : Optional.empty();
    }

    boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    /** The larger term's size in bits: what an exact power of this would multiply. */
    int bitLength() {
        return Math.max(numerator.bitLength(), denominator.bitLength());
    }

    /** The nearest double (infinite beyond its range); exact division first, so 10^400/10^399 is 10. */
    double doubleValue() {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.DECIMAL128).doubleValue();
    }
}
