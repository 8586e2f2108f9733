package dev.tempest.verifier.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.verifier.math.Expression.Scope;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {

    @Test
    void rationalArithmeticStaysExact() {
        assertEquals(rational(1, 2), exact("\\frac{2}{4}"));
        assertEquals(rational(3, 10), exact("0.1+0.2"));
        assertEquals(rational(-3, 2), exact("-1\\frac12"));
        assertEquals(rational(1500, 1), exact("1.5*10^{3}"));
        assertEquals(rational(1, 1024), exact("2^{-10}"));
        assertEquals(rational(3, 4), exact("\\sqrt{\\frac{9}{16}}"));
        assertEquals(Rational.of(BigInteger.TEN.pow(400)), exact("10^{400}"));
    }

    @Test
    void latexShorthandsReadAsLatexMeansThem() {
        assertEquals(rational(9, 4), exact("\\frac94"), "an argument is one character");
        assertEquals(rational(1024, 1), exact("2^10"), "an exponent without braces is one token, a whole number being one");
        assertEquals(rational(12, 1), exact("2^2\\sqrt{9}"));
        assertEquals(rational(5, 2), exact("2\\frac{1}{2}"), "a mixed number");
        assertEquals(rational(2, 1), exact("\\sqrt[3]{8}"));
        assertEquals(rational(-3, 1), exact("\\sqrt[3]{-27}"), "an odd root of a negative number is real");
        assertEquals(rational(4, 1), exact("8^{2/3}"));
        assertEquals(rational(10, 1), exact("\\binom{5}{2}"));
        assertEquals(rational(120, 1), exact("5!"));
        assertEquals(rational(3, 1), exact("|-3|"));
        assertEquals(rational(1, 3), exact("0.\\overline{3}"), "a repeating decimal");
        assertEquals(rational(1, 6), exact("0.1\\overline{6}"));
        assertEquals(rational(8, 1), exact("2(3+1)"), "an implied product");
    }

    @Test
    void irrationalResultsAreApproximateOnly() {
        MathValue root = value("2\\sqrt{2}");

        assertFalse(root.isExact());
        assertEquals(2 * Math.sqrt(2), root.approximate(), 0);  // the same double operations
        assertFalse(value("2^{0.5}").isExact());
        assertTrue(value("4^{0.5}").isExact(), "0.5 is exactly 1/2");
        assertEquals(3, value("\\log_2 8").approximate(), 1e-12);
        assertEquals(1, value("\\sin^2 1 + \\cos^2 1").approximate(), 1e-12);
        assertEquals(Math.PI / 2, value("\\frac{\\pi}{2}").approximate(), 0);
    }

    @Test
    void variablesAreNamedWithTheirSubscripts() {
        assertEquals(Set.of("x", "a_37", "\\theta", "y"), variables("2x + a_{37}\\theta - \\sin y"));
        assertEquals(Set.of(), variables("e^{2} + \\pi"), "e and pi are numbers");
        assertEquals(Set.of("x", "y"), variables("xy"), "two letters are a product");
    }

    @Test
    void decimalsAreMarkedAsPossiblyRounded() {
        assertTrue(ExpressionParser.parse("1.414x").orElseThrow().hasDecimal());
        assertTrue(ExpressionParser.parse("1e3").orElseThrow().hasDecimal());
        assertFalse(ExpressionParser.parse("\\frac{3}{2}x").orElseThrow().hasDecimal());
        assertFalse(ExpressionParser.parse("0.\\overline{3}").orElseThrow().hasDecimal(), "a repeating decimal is exact");
    }

    @Test
    void powersPastTheExactSizeLimitAreApproximated() {
        // The limit is 8,192 bits, estimated as the base's bits (2 for 2) times the exponent
        assertEquals(Rational.of(BigInteger.TWO.pow(4000)), exact("2^{4000}"));
        assertFalse(value("2^{5000}").isExact());
        assertFalse(value("2^{5000}").isDefined(), "past double's range as well");
        assertEquals(1.0, value("1^{100000}").approximate(), 0);
    }

    @Test
    void whatIsNotAnExpressionIsEmpty() {
        for (String text : new String[] {"", "(1", "1)", "2^", "\\frac{1}", "1 2", "204_5", "\\infty", "Evelyn",
                "(".repeat(ExpressionParser.MAX_DEPTH + 1) + "1" + ")".repeat(ExpressionParser.MAX_DEPTH + 1),
                "1e99999999999", "1+".repeat(ExpressionParser.MAX_LENGTH) + "1", "\\sin^{-1} x"}) {
            assertEquals(Optional.empty(), ExpressionParser.parse(text), text);
        }
    }

    @Test
    void whatHasNoRealValueIsUndefined() {
        for (String text : new String[] {"1/0", "0^{-1}", "\\sqrt{-2}", "(-8)^{1/2}", "\\ln(-1)", "10^{10^{10}}", "(1/2)!"}) {
            assertFalse(value(text).isDefined(), text);
        }
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        int depth = ExpressionParser.MAX_DEPTH - 1;
        assertEquals(rational(1, 1), exact("(".repeat(depth) + "1" + ")".repeat(depth)));
    }

    private static Set<String> variables(String text) {
        Set<String> names = new TreeSet<>();
        ExpressionParser.parse(text).orElseThrow().addVariables(names);
        return names;
    }

    private static MathValue value(String text) {
        Expression expression = ExpressionParser.parse(text).orElseThrow(() -> new AssertionError("not an expression: " + text));
        return expression.evaluate(new Scope(Map.of(), new WorkBudget(WorkBudget.DEFAULT_UNITS)));
    }

    private static Rational exact(String text) {
        MathValue value = value(text);
        assertTrue(value.isExact(), text + " is not exact");
        return value.exact();
    }

    private static Rational rational(long numerator, long denominator) {
        return new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }
}
