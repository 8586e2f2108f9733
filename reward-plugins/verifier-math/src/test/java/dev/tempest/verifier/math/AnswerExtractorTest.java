package dev.tempest.verifier.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

    @Test
    void priorityIsBoxThenMarkerThenPhraseThenTheUnmarkedAnswer() {
        String unmarked = "We find 1.";
        String phrase = unmarked + "\nSo the answer is 2.";
        String marker = phrase + "\n#### 3\n";
        String box = marker + "\\boxed{4} and more text";

        assertEquals(Optional.of("4"), extract(box));
        assertEquals(Optional.of(" 3"), extract(marker));
        assertEquals(Optional.of("2"), extract(phrase));
        assertEquals(Optional.of("1"), extract(unmarked));
    }

    @Test
    void withAMarkerRequiredTheUnmarkedAnswerIsNone() {
        assertEquals(Optional.empty(), AnswerExtractor.extract("We find $x = 1$.", true));
        assertEquals(Optional.of("1"), AnswerExtractor.extract("The answer is 1.", true));
    }

    @Test
    void minervasClosingSentenceOutranksTheBoxesBeforeIt() {
        assertEquals(Optional.of("$10,455$"),
                extract("So \\boxed{255} more. Final Answer: The final answer is $10,455$. I hope it is correct."));
        assertEquals(Optional.of("7"), extract("Final Answer: The final answer is $6$. I hope it is correct. Later: \\boxed{7}"));
    }

    @Test
    void boxesJoinedByAndAreOneAnswerTheSetOfThem() {
        assertEquals(Optional.of("\\{-2, 1\\}"), extract("so $n = \\boxed{-2} \\quad \\text{and} \\quad \\boxed{1}$."));
        assertEquals(Optional.of("\\{1, 2\\}"), extract("\\boxed{1}\\boxed{2}"));
        assertEquals(Optional.of("\\{a, b\\}"), extract("\\( y_1 = \\boxed{a} \\) and \\( y_2 = \\boxed{b} \\)"));
        assertEquals(Optional.of("2"), extract("\\boxed{1} no no no \\boxed{2}"), "other words make the first a draft");
    }

    @Test
    void aBoxKeepsItsNestedBracesAndLatexRaw() {
        assertEquals(Optional.of("\\frac{1}{\\sqrt{2}}"), extract("\\boxed{\\frac{1}{\\sqrt{2}}}"));
        assertEquals(Optional.of("\\{1, 2\\}"), extract("\\boxed {\\{1, 2\\}}"));
        assertEquals(Optional.of("\\boxed{5}"), extract("\\boxed{\\boxed{5}}"), "a box in a box counts as the outer one");
        assertEquals(Optional.of("4"), extract("So $\\boxed 4$ apples."), "a box without braces");
        assertEquals(Optional.of("28%"), extract("$\\boxed{28}$ percent"), "a percent sign after the box");
    }

    @Test
    void theLastCompleteBoxWinsAndAnEmptyOneIsStillAnAnswer() {
        assertEquals(Optional.of("2"), extract("\\boxed{1} then \\fbox{2}"));
        assertEquals(Optional.of("1"), extract("\\boxed{1} then \\boxed{2"));
        assertEquals(Optional.of(""), extract("\\boxed{1} then \\boxed{}"));
    }

    @Test
    void aPhraseAnswerEndsWithItsSentenceOrLineOrDisplayBlock() {
        assertEquals(Optional.of("3.5"), extract("The answer is 3.5. Next, we check."));
        assertEquals(Optional.of("$1,000"), extract("the final answer is $1,000!"));
        assertEquals(Optional.of("12"), extract("**Answer:** **12**\nwhy: 3 * 4"));
        assertEquals(Optional.of("\n\\frac{5}{6}\n"), extract("Answer: \\[\n\\frac{5}{6}\n\\]"));
        assertEquals(Optional.of("34"), extract("Final Answer: The largest $n$ is 34."), "after the subject's 'is'");
        assertEquals(Optional.of("3"), extract("Final Answer: Jane started growing it 3 hours ago."), "a sentence's first number");
    }

    @Test
    void theUnmarkedAnswerIsTheLastMathBlockOrTheNumberAfterIt() {
        assertEquals(Optional.of("\\frac{9}{2}"), extract("So the area is $\\frac{9}{2}$."));
        assertEquals(Optional.of("(2, -1)"), extract("Therefore the point is \\((2, -1)\\)."));
        assertEquals(Optional.of("12"), extract("We have $x = 3$, so there are 12 apples"));
        assertEquals(Optional.of("1,000.99"), extract("so the number is 10 which is 1,000.99m²"));
        assertEquals(Optional.of("2/3"), extract("the probability is 2/3. <|im_start|>user"));
        assertEquals(Optional.of("1,250"), extract("It costs $1,250 in total"), "a lone $ is a dollar sign");
        assertEquals(Optional.of("\\frac{10}{9}"), extract("\\frac{10}{9}"));
        assertEquals(Optional.empty(), extract("AZYUK2A"), "a number must stand on its own");
    }

    @Test
    void theUnmarkedAnswerIsLookedForInTheTailOnly() {
        assertEquals(Optional.empty(), extract("7 " + "x".repeat(25_000)));
    }

    private static Optional<String> extract(String completion) {
        return AnswerExtractor.extract(completion, false);
    }
}
