package dev.tempest.verifier.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MathExpressionTest {

    @Test
    void rationalArithmeticStaysExact() {
        assertEquals(rational(1, 2), exact("\\frac{2}{4}"));
        assertEquals(rational(3, 10), exact("0.1+0.2"));
        assertEquals(rational(-3, 2), exact("-1\\frac12"));
        assertEquals(rational(1500, 1), exact("1.5*10^{3}"));
        assertEquals(rational(1, 1024), exact("2^{-10}"));
        assertEquals(rational(3, 4), exact("\\sqrt{\\frac{9}{16}}"));
        assertEquals(new Rational(BigInteger.TEN.pow(400), BigInteger.ONE), exact("10^{400}"));
    }

    @Test
    void irrationalResultsAreApproximateOnly() {
        MathValue root = MathExpression.evaluate("2\\sqrt{2}").orElseThrow();

        assertFalse(root.isExact());
        assertEquals(2 * Math.sqrt(2), root.approximate(), 0);  // the same double operations
        assertFalse(MathExpression.evaluate("4^{0.5}").orElseThrow().isExact());
    }

    @Test
    void powersPastTheExactSizeLimitAreApproximated() {
        // The limit is 65,536 bits, estimated as the base's bits (2 for 2, 1 for 1) times the exponent
        assertEquals(new Rational(BigInteger.TWO.pow(30_000), BigInteger.ONE), exact("2^{30000}"));
        MathValue one = MathExpression.evaluate("1^{100000}").orElseThrow();
        assertFalse(one.isExact());
        assertEquals(1.0, one.approximate(), 0);
        assertEquals(Optional.empty(), MathExpression.evaluate("2^{40000}"), "past double's range as well");
    }

    @Test
    void whatIsNotANumberIsEmpty() {
        for (String text : new String[] {"", "x", "\\pi", "1/0", "0^{-1}", "\\sqrt{-2}", "(1", "1)", "2^", "\\frac{1}",
                "(".repeat(101) + "1" + ")".repeat(101), "1e99999999999", "10^{10^{10}}"}) {
            assertEquals(Optional.empty(), MathExpression.evaluate(text), text);
        }
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        assertEquals(rational(1, 1), exact("(".repeat(99) + "1" + ")".repeat(99)));
    }

    private static Rational exact(String text) {
        MathValue value = MathExpression.evaluate(text).orElseThrow(() -> new AssertionError("not a number: " + text));
        assertTrue(value.isExact(), text + " is not exact");
        return value.exact();
    }

    private static Rational rational(long numerator, long denominator) {
        return new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }
}
