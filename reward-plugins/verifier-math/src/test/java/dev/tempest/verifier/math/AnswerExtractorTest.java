package dev.tempest.verifier.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

    private final AnswerExtractor extractor = new AnswerExtractor(false);
    private final AnswerExtractor withFallback = new AnswerExtractor(true);

    @Test
    void priorityIsBoxThenMarkerThenPhraseThenNothing() {
        String phrase = "So the answer is 1.";
        String marker = phrase + "\n#### 2\n";
        String box = marker + "\\boxed{3} and more text";

        assertEquals(Optional.of("3"), extractor.extract(box));
        assertEquals(Optional.of(" 2"), extractor.extract(marker));
        assertEquals(Optional.of("1"), extractor.extract(phrase));
        assertEquals(Optional.empty(), extractor.extract("So it is 1."));
    }

    @Test
    void lastNumberIsTheFallbackOnlyWhenSwitchedOnAndNothingElseIsFound() {
        assertEquals(Optional.empty(), extractor.extract("from 3 to \u22121,250.5 degrees"));
        assertEquals(Optional.of("\u22121,250.5"), withFallback.extract("from 3 to \u22121,250.5 degrees"));
        assertEquals(Optional.of("7"), withFallback.extract("The answer is 7. Check: 3 + 4 = 7, not 8"));
        assertEquals(Optional.empty(), withFallback.extract("no digits here"));
    }

    @Test
    void aBoxKeepsItsNestedBracesAndLatexRaw() {
        assertEquals(Optional.of("\\frac{1}{\\sqrt{2}}"), extractor.extract("\\boxed{\\frac{1}{\\sqrt{2}}}"));
        assertEquals(Optional.of("\\{1, 2\\}"), extractor.extract("\\boxed {\\{1, 2\\}}"));
    }

    @Test
    void theLastCompleteBoxWinsAndAnEmptyOneIsStillAnAnswer() {
        assertEquals(Optional.of("2"), extractor.extract("\\boxed{1} then \\fbox{2}"));
        assertEquals(Optional.of("1"), extractor.extract("\\boxed{1} then \\boxed{2"));
        assertEquals(Optional.of(""), extractor.extract("\\boxed{1} then \\boxed{}"));
    }

    @Test
    void aPhraseAnswerEndsWithItsSentenceOrLine() {
        assertEquals(Optional.of("3.5"), extractor.extract("The answer is 3.5. Next, we check."));
        assertEquals(Optional.of("$1,000"), extractor.extract("the final answer is $1,000!"));
        assertEquals(Optional.of("12"), extractor.extract("**Answer:** **12**\nwhy: 3 * 4"));
        assertEquals(Optional.of("$\\frac{3}{4}$"),
                extractor.extract("Final Answer: The final answer is $\\frac{3}{4}$. I hope it is correct."));
    }
}
