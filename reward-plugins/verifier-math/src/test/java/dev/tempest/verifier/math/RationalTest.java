package dev.tempest.verifier.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RationalTest {

    @Test
    void rootsAreExactOnlyForPerfectPowers() {
        assertEquals(Optional.of(rational(-2, 3)), rational(-8, 27).root(3));
        assertEquals(Optional.of(rational(3, 4)), rational(9, 16).root(2));
        assertEquals(Optional.empty(), rational(2, 1).root(2));
        assertEquals(Optional.empty(), rational(-4, 1).root(2), "no real even root of a negative number");
        assertEquals(Optional.of(Rational.of(BigInteger.TEN.pow(100))), Rational.of(BigInteger.TEN.pow(500)).root(5));
    }

    @Test
    void finiteDecimalsAreThoseWithOnlyTwosAndFivesBelow() {
        assertTrue(rational(3, 8).hasFiniteDecimal());
        assertTrue(rational(7, 1).hasFiniteDecimal());
        assertFalse(rational(1, 3).hasFiniteDecimal());
        assertFalse(rational(1, 12).hasFiniteDecimal());
    }

    @Test
    void doubleValueOfHugeTermsIsTheRatioNotInfinity() {
        Rational ratio = new Rational(BigInteger.TEN.pow(400).add(BigInteger.ONE), BigInteger.TEN.pow(399));

        assertEquals(10.0, ratio.doubleValue(), 1e-14);
        assertEquals(1.0 / 3, rational(1, 3).doubleValue(), 0);
    }

    private static Rational rational(long numerator, long denominator) {
        return new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }
}
