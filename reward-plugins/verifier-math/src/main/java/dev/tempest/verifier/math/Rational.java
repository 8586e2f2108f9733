package dev.tempest.verifier.math;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An exact fraction of unbounded integers. The constructor reduces it to lowest terms with a
 * positive denominator, so two Rationals are {@code equals} exactly when they are the same number
 * (0.5, 1/2 and 2/4 all become 1/2).
 */
record Rational(BigInteger numerator, BigInteger denominator) {

    static final Rational ONE = of(1);

    /** Roots above this index are left to doubles: no answer writes a 65th root. */
    private static final int MAX_ROOT_INDEX = 64;

    Rational {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        if (!denominator.equals(BigInteger.ONE)) {  // integers skip the gcd, the costly step
            BigInteger gcd = numerator.gcd(denominator);  // gcd(0, d) = d, so zero becomes 0/1
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    static Rational of(long value) {
        return of(BigInteger.valueOf(value));
    }

    static Rational of(BigInteger value) {
        return new Rational(value, BigInteger.ONE);
    }

    /** The decimal exactly: 0.333 is 333/1000, not 1/3. */
    static Rational of(BigDecimal decimal) {
        BigInteger unscaled = decimal.unscaledValue();
        int scale = decimal.scale();
        return scale >= 0
                ? new Rational(unscaled, BigInteger.TEN.pow(scale))
                : of(unscaled.multiply(BigInteger.TEN.pow(-scale)));
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

    Rational abs() {
        return signum() < 0 ? negate() : this;
    }

    /** This to an integer power; a negative power of zero is an ArithmeticException. */
    Rational pow(int exponent) {
        return exponent >= 0
                ? new Rational(numerator.pow(exponent), denominator.pow(exponent))
                : new Rational(denominator.pow(-exponent), numerator.pow(-exponent));
    }

    /**
     * The real {@code index}-th root if it is rational (both terms perfect powers), else empty:
     * the cube root of -8/27 is -2/3, the square root of -4 and of 2 are empty.
     */
    Optional<Rational> root(int index) {
        if (index < 1 || index > MAX_ROOT_INDEX || signum() < 0 && index % 2 == 0) {
            return Optional.empty();
        }
        Optional<BigInteger> top = integerRoot(numerator.abs(), index);
        Optional<BigInteger> bottom = integerRoot(denominator, index);
        if (top.isEmpty() || bottom.isEmpty()) {
            return Optional.empty();
        }
        BigInteger signedTop = signum() < 0 ? top.get().negate() : top.get();
        return Optional.of(new Rational(signedTop, bottom.get()));
    }

    int signum() {
        return numerator.signum();
    }

    boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    /** Whether a finite decimal writes this exactly: only 2s and 5s divide the denominator (1/8 yes, 1/3 no). */
    boolean hasFiniteDecimal() {
        BigInteger rest = denominator.shiftRight(denominator.getLowestSetBit());
        BigInteger five = BigInteger.valueOf(5);
        while (rest.mod(five).signum() == 0) {
            rest = rest.divide(five);
        }
        return rest.equals(BigInteger.ONE);
    }

    /** The larger term's size in bits: what an exact power of this would multiply. */
    int bitLength() {
        return Math.max(numerator.bitLength(), denominator.bitLength());
    }

    /**
     * The nearest double, within a few ulps (infinite or zero beyond its range), from the top 62
     * bits of each term: linear in the size of the terms, so 10^400/10^399 is 10 without dividing
     * two 1,300-bit numbers.
     */
    double doubleValue() {
        int topShift = Math.max(0, numerator.bitLength() - 62);
        int bottomShift = Math.max(0, denominator.bitLength() - 62);
        double top = numerator.shiftRight(topShift).doubleValue();
        double bottom = denominator.shiftRight(bottomShift).doubleValue();
        return Math.scalb(top / bottom, topShift - bottomShift);
    }

    /** The exact integer root of {@code value} >= 0, by Newton's method from above, or empty. */
    private static Optional<BigInteger> integerRoot(BigInteger value, int index) {
        if (value.signum() == 0 || index == 1) {
            return Optional.of(value);
        }
        BigInteger n = BigInteger.valueOf(index);
        BigInteger guess = BigInteger.ONE.shiftLeft(value.bitLength() / index + 1);  // >= the root
        while (true) {
            BigInteger next = guess.multiply(n.subtract(BigInteger.ONE))
                    .add(value.divide(guess.pow(index - 1)))
                    .divide(n);
            if (next.compareTo(guess) >= 0) {
                break;
            }
            guess = next;
        }
        return guess.pow(index).equals(value) ? Optional.of(guess) : Optional.empty();
    }
}
