package dev.tempest.verifier.math;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnswerMatcherTest {

    private static final QuestionHints PLAIN_QUESTION = new QuestionHints(false, false);

    private final AnswerMatcher matcher = new AnswerMatcher(MathVerifier.DEFAULT_RELATIVE_TOLERANCE);

    @Test
    void setsIgnoreOrderAndRepetitionTuplesDoNot() {
        assertTrue(matches("\\{3, 1, 2\\}", "\\{1, 2, 3\\}"));
        assertTrue(matches("\\{1, 1, 2\\}", "\\{2, 1\\}"), "a set holds each element once");
        assertTrue(matches("\\{2, 1\\}", "1, 2"), "a set against a bare list");
        assertFalse(matches("(2, 1)", "(1, 2)"));
        assertFalse(matches("\\{1, 2\\}", "(1, 2)"), "a set is not a tuple");
        assertTrue(matches("1, 2", "(1, 2)"), "parentheses around a tuple are optional");
        assertFalse(matches("[1, 2)", "(1, 2)"), "other brackets are another interval");
    }

    @Test
    void aBareListIsASetWhenTheQuestionAsksForOne() {
        QuestionHints allSolutions = new QuestionHints(false, true);

        assertTrue(matcher.matches(parse("3, 1"), parse("1, 3"), allSolutions, budget()));
        assertFalse(matches("3, 1", "1, 3"));
    }

    @Test
    void unionsMatchPartForPartInAnyOrder() {
        assertTrue(matches("(2, \\infty) ∪ (-\\infty, 1)", "(-\\infty, 1) ∪ (2, \\infty)"));
        assertFalse(matches("(2, \\infty) ∪ (-\\infty, 1]", "(-\\infty, 1) ∪ (2, \\infty)"));
    }

    @Test
    void assignmentsAreTheirValuesUnlessBothSidesNameSomething() {
        assertTrue(matches("x = 3", "3"));
        assertTrue(matches("3", "k = 3"));
        assertFalse(matches("y = 3", "x = 3"), "another unknown");
        assertTrue(matches("a_3 = 2, a_{37} = 19", "a_{37} = 19, a_3 = 2"), "assignments to distinct names, by name");
        assertTrue(matches("\\frac{1}{2} = \\frac{10}{9}", "\\frac{10}{9}"), "a model's equation is its right side");
        assertFalse(matches("11a + c", "7 = 11a + c"), "a reference equation is not its right side");
    }

    @Test
    void equationsAndInequalitiesAgreeUpToAConstantFactor() {
        assertTrue(matches("y = -\\frac{1}{2}x + \\frac{3}{4}", "2x + 4y - 3 = 0"));
        assertTrue(matches("-x > -1", "x < 1"), "a positive factor, -1 with the sign turned");
        assertFalse(matches("x > -1", "x < 1"));
        assertFalse(matches("x ≤ 1", "x < 1"));
        assertTrue(matches("5 ≠ x", "x ≠ 5"));
    }

    @Test
    void aBoundOnANameIsAnInterval() {
        assertTrue(matches("x > 5", "(5, \\infty)"));
        assertTrue(matches("(-\\infty, 3]", "x ≤ 3"));
        assertFalse(matches("x ≥ 5", "(5, \\infty)"));
        assertTrue(matches("2 ≤ x < 5", "[2, 5)"));
    }

    @Test
    void percentIsAUnitAndAFractionUnlessTheQuestionCountsInPercent() {
        QuestionHints percentQuestion = new QuestionHints(true, false);

        assertTrue(matches("28%", "28"));
        assertTrue(matches("28%", "0.28"));
        assertFalse(matcher.matches(parse("28%"), parse("0.28"), percentQuestion, budget()));
        assertFalse(matches("0.28", "28%"), "a reference in percent asks for the percent");
    }

    @Test
    void wordsIgnoreCaseLettersDoNot() {
        assertTrue(matches("Evelyn", "evelyn"));
        assertTrue(matches("The midpoints form a regular hexagon", "the midpoints form a regular hexagon"));
        assertFalse(matches("X", "x"));
        assertTrue(matches("(C)", "C"), "a choice letter with or without parentheses");
        assertTrue(matches("\\textbf{(D)}\\ 24", "D"));
        assertTrue(matches("\\textbf{(D)}\\ 24", "24"), "or the option's value");
        assertFalse(matches("\\textbf{(D)}\\ 24", "C"));
    }

    @Test
    void matricesMatchCellByCell() {
        assertTrue(matches("\\begin{pmatrix} 6/2 \\\\ -1 \\end{pmatrix}", "\\begin{bmatrix} 3 \\\\ -1 \\end{bmatrix}"));
        assertFalse(matches("\\begin{pmatrix} 1 & 2 \\end{pmatrix}", "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}"));
    }

    private boolean matches(String answer, String reference) {
        return matcher.matches(parse(answer), parse(reference), PLAIN_QUESTION, budget());
    }

    private static Answer parse(String written) {
        return AnswerParser.parse(AnswerNormalizer.normalize(written), false).orElseThrow();
    }

    private static WorkBudget budget() {
        return new WorkBudget(WorkBudget.DEFAULT_UNITS);
    }
}
