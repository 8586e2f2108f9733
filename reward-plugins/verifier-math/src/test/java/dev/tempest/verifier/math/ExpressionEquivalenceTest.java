package dev.tempest.verifier.math;

import static dev.tempest.verifier.math.ExpressionEquivalence.Outcome.DIFFERENT;
import static dev.tempest.verifier.math.ExpressionEquivalence.Outcome.EQUAL;
import static dev.tempest.verifier.math.ExpressionEquivalence.Outcome.UNDECIDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tempest.verifier.math.ExpressionEquivalence.Outcome;
import org.junit.jupiter.api.Test;

class ExpressionEquivalenceTest {

    private final ExpressionEquivalence equivalence = new ExpressionEquivalence(MathVerifier.DEFAULT_RELATIVE_TOLERANCE);

    @Test
    void identitiesHoldAtEveryPointAndNonIdentitiesFailAtSome() {
        assertEquals(EQUAL, compare("(x+1)^2", "x^2+2x+1"));
        assertEquals(EQUAL, compare("9a + 11", "11 + 9a"));
        assertEquals(EQUAL, compare("\\frac{1}{x} + \\frac{1}{y}", "\\frac{x+y}{xy}"));
        assertEquals(EQUAL, compare("\\tan^2(y)+1", "\\sec^2(y)"));
        assertEquals(EQUAL, compare("\\frac{n(n+1)}{2}", "\\binom{n+1}{2}"), "n choose a small k is a polynomial in n");
        assertEquals(DIFFERENT, compare("(x+1)^2", "x^2+1"));
        assertEquals(DIFFERENT, compare("x^2", "y^2"), "another variable is another function");
    }

    @Test
    void pointsOfBothSignsTellAbsoluteValuesApart() {
        assertEquals(DIFFERENT, compare("|x|", "x"));
        assertEquals(EQUAL, compare("\\sqrt{x^2}", "|x|"));
    }

    @Test
    void closedFormsAgreeOnlyToRoundingError() {
        assertEquals(EQUAL, compare("\\sqrt{3+2\\sqrt{2}}", "1+\\sqrt{2}"));
        assertEquals(EQUAL, compare("\\sin\\frac{\\pi}{6}", "\\frac12"));
        assertEquals(DIFFERENT, compare("\\frac{355}{113}", "\\pi"), "8.5e-8 apart: close, not equal");
    }

    @Test
    void rationalsAreExactAndDecimalsStandForWhatNoDecimalWrites() {
        assertEquals(EQUAL, compare("0.5", "\\frac12"));
        assertEquals(DIFFERENT, compare("3.0000001", "3"), "3 has a finite decimal: it must be written exactly");
        assertEquals(EQUAL, compare("0.3333333", "\\frac13"), "within 1e-6 of a value no decimal writes");
        assertEquals(DIFFERENT, compare("0.333", "\\frac13"));
        assertEquals(DIFFERENT, compare("\\frac13", "0.333"), "a reference's decimal is exact");
        assertEquals(EQUAL, compare("1.4142136", "\\sqrt{2}"));
        assertEquals(DIFFERENT, compare("1.4142", "\\sqrt{2}"));
    }

    @Test
    void whatIsUndefinedEverywhereIsUndecidedAndDefinedOnOneSideOnlyIsDifferent() {
        assertEquals(UNDECIDED, compare("\\frac{x}{0}", "\\frac{x}{0}"));
        assertEquals(EQUAL, compare("\\sqrt{x}", "x^{1/2}"), "points where both are undefined are skipped");
        assertEquals(DIFFERENT, compare("\\ln(x^2)", "2\\ln x"), "for negative x only one side is defined");
    }

    @Test
    void proportionalityComparesEquationsAndInequalities() {
        assertEquals(EQUAL, proportional("2x+4y-3", "y-(-\\frac{1}{2}x+\\frac{3}{4})", false));
        assertEquals(EQUAL, proportional("x-1", "1-x", false), "an equation may be multiplied by -1");
        assertEquals(DIFFERENT, proportional("x-1", "1-x", true), "an inequality may not");
        assertEquals(DIFFERENT, proportional("x-1", "x+1", false));
    }

    @Test
    void aComparisonPastItsBudgetStops() {
        Expression big = parse("(x+y+z)^{40}");
        assertThrows(WorkBudget.Exhausted.class, () -> equivalence.compare(big, big, new WorkBudget(1_000)));
    }

    @Test
    void anInterruptedThreadStopsAtTheNextOperation() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(WorkBudget.Exhausted.class,
                    () -> equivalence.compare(parse("x+1"), parse("1+x"), new WorkBudget(WorkBudget.DEFAULT_UNITS)));
        } finally {
            Thread.interrupted();
        }
    }

    private Outcome compare(String answer, String reference) {
        return equivalence.compare(parse(answer), parse(reference), new WorkBudget(WorkBudget.DEFAULT_UNITS));
    }

    private Outcome proportional(String answer, String reference, boolean positive) {
        return equivalence.proportional(parse(answer), parse(reference), positive, new WorkBudget(WorkBudget.DEFAULT_UNITS));
    }

    private static Expression parse(String text) {
        return ExpressionParser.parse(text).orElseThrow(() -> new AssertionError("not an expression: " + text));
    }
}
