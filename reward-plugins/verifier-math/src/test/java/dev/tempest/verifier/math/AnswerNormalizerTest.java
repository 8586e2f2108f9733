package dev.tempest.verifier.math;

import static dev.tempest.verifier.math.AnswerNormalizer.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AnswerNormalizerTest {

    @Test
    void wrappersSpacingAndDelimitersGo() {
        assertEquals("x = ( \\frac{1}{2} ) cup", normalize("$x = \\left( \\dfrac{1}{2} \\right)\\text{ cup}$"));
        assertEquals("\\frac{1}{3} meters", normalize("\\[\\frac{1}{3} \\textbf{meters}\\]"));
        assertEquals("125 miles", normalize("125\\textnormal{ miles}"));
        assertEquals("5", normalize("\\boxed{\\boxed{5}}"));
        assertEquals("\\frac{1}{2}", normalize("\\\\frac{1}{2}"), "escapes doubled as in a JSON dump");
        assertEquals("\\frac{2}{3}", normalize("\\cfrac{2}{3}"));
    }

    @Test
    void thousandsSeparatorsOfEveryKindGoWhereTheyCanOnlyBeThat() {
        assertEquals("1234567", normalize("\\$1,234,567"));
        assertEquals("1000", normalize("1\\,000"));
        assertEquals("1000", normalize("1{,}000"));
        assertEquals("14916", normalize("14 {, }916"));
        assertEquals("32349", normalize("32,\\! 349"), ",\\! is a separator even with a space after it");
        assertEquals("32, 349", normalize("32, 349"), "a comma and a space separate two numbers");
        assertEquals("12345", normalize("12 345"));
        assertEquals("1 2", normalize("1 2"));
        assertEquals("(2,100)", normalize("(2,100)"), "inside brackets a comma separates elements");
        assertEquals("0,111", normalize("0,111"), "no run of thousands starts with 0");
    }

    @Test
    void relationsPercentInfinityAndConnectivesHaveOneSpelling() {
        assertEquals("x ≤ 3", normalize("x \\leq 3"));
        assertEquals("x ≥ 3", normalize("x >= 3"));
        assertEquals("x ≠ 3", normalize("x \\neq 3"));
        assertEquals("x ∈ [0,7) ∪ ∅", normalize("x \\in [0,7) \\cup \\emptyset"));
        assertEquals("(-\\infty, \\infty)", normalize("\\mathbb{R}"));
        assertEquals("(1, \\infty)", normalize("(1, +\\infty)"));
        assertEquals("28 %", normalize("28 percent"));
        assertEquals("28%", normalize("28\\%"));
        assertEquals("19, 46, 82", normalize("19, 46, \\text{ and } 82"));
        assertEquals("(11,7),(7,11)", normalize("(11,7)or(7,11)"));
    }

    @Test
    void unitsDegreesAndMultipliersBecomeNumbers() {
        assertEquals("30", normalize("30^{\\circ}"));
        assertEquals("5", normalize("5^{\\mathrm{th}}"));
        assertEquals("5", normalize("5\\text{ m}"), "one letter set in text after a number is a unit");
        assertEquals("5*10^6", normalize("5 million"));
        assertEquals("2\\pi", normalize("2pi"));
        assertEquals("\\sqrt(2)", normalize("sqrt(2)"));
    }

    @Test
    void anAnswerOfOnlyWrappersIsEmpty() {
        assertEquals("", normalize(" $\\,$ \\text{} "));
    }
}
