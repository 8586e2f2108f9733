package dev.tempest.verifier.math;

import static dev.tempest.verifier.math.AnswerNormalizer.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerNormalizerTest {

    @Test
    void wrappersUnitsSpacingAndAssignmentsGo() {
        assertEquals(single("(\\frac{1}{2})"), normalize("$x = \\left( \\dfrac{1}{2} \\right)\\text{ cup}$"));
        assertEquals(single("1234567"), normalize("\\$1,234,567"));
        assertEquals(single("30"), normalize("30^{\\circ}"));
        assertEquals(single("50"), normalize("50\\%"));
        assertEquals(single("1\\frac{1}{2}"), normalize("1 1/2 hours"));
        assertEquals(single("3*4/2"), normalize("3 \\times 4 \\div 2"));
        assertEquals(single("1 2"), normalize("1   2"));
    }

    @Test
    void listsKeepTheirBracketsExceptParentheses() {
        assertEquals(list("", "1", "2"), normalize("\\left(1, 2\\right)"));
        assertEquals(list("", "1", "2"), normalize("1, 2"));
        assertEquals(list("[)", "0", "1"), normalize("[0, 1)"));
        assertEquals(list("\\{\\}", "-1", "\\frac12"), normalize("\\{-1, \\frac12\\}"));
        assertEquals(list("", "3", "4"), normalize("x = 3, y = 4"));
        assertEquals(list("", "2", "100"), normalize("(2,100)"));
        assertEquals(single("(5)"), normalize("(5)"));
        assertEquals(single("(1,2)+(3,4)"), normalize("(1, 2) + (3, 4)"));
    }

    @Test
    void anAnswerOfOnlyWrappersHasNoElements() {
        assertEquals(new NormalizedAnswer("", List.of()), normalize(" $\\,$ \\text{} "));
    }

    private static NormalizedAnswer single(String element) {
        return new NormalizedAnswer("", List.of(element));
    }

    private static NormalizedAnswer list(String brackets, String... elements) {
        return new NormalizedAnswer(brackets, List.of(elements));
    }
}
