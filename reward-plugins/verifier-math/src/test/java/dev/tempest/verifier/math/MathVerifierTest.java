package dev.tempest.verifier.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.VerdictStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MathVerifierTest {

    /** One row of math-cases.jsonl; {@code answer} is a string or a JSON number, as in a task file. */
    record Case(String completion, Object answer, VerdictStatus status, String note) {
    }

    private final MathVerifier verifier = new MathVerifier();

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void verdictMatchesTheTable(Case c) {
        Verdict verdict = verifier.verify(task(c.answer()), c.completion());

        assertEquals(c.status(), verdict.status(),
                () -> verdict.reason() + (c.note() == null ? "" : " (" + c.note() + ")"));
    }

    @Test
    void tableHasEnoughCasesOfEveryOutcome() throws IOException {
        List<Case> cases = readCases();
        Set<VerdictStatus> outcomes = cases.stream().map(Case::status).collect(Collectors.toSet());

        assertTrue(cases.size() >= 150, "only " + cases.size() + " cases");
        assertEquals(EnumSet.of(VerdictStatus.CORRECT, VerdictStatus.INCORRECT, VerdictStatus.NO_ANSWER), outcomes);
    }

    @Test
    void idIsMath() {
        assertEquals("math", verifier.id());
    }

    @Test
    void reasonsNameTheReferenceAndTheAnswer() {
        Verdict right = verifier.verify(task("1/2"), "\\boxed{0.5}");
        Verdict wrong = verifier.verify(task("42"), "The answer is 41.");
        Verdict none = verifier.verify(task("42"), "I am not sure.");
        Verdict empty = verifier.verify(task("42"), "\\boxed{}");

        assertEquals(new Verdict(1, VerdictStatus.CORRECT, "matches 1/2"), right);
        assertEquals(new Verdict(0, VerdictStatus.INCORRECT, "expected 42, got 41"), wrong);
        assertEquals(new Verdict(0, VerdictStatus.NO_ANSWER, "no final answer found"), none);
        assertEquals(new Verdict(0, VerdictStatus.NO_ANSWER, "the final answer is empty"), empty);
    }

    @Test
    void aRunawayAnswerIsCutInTheReason() {
        Verdict verdict = verifier.verify(task("1"), "\\boxed{" + "9".repeat(10_000) + "}");

        assertEquals(VerdictStatus.INCORRECT, verdict.status());
        assertEquals("expected 1, got " + "9".repeat(200) + "...", verdict.reason());
    }

    @Test
    void lastNumberFallbackIsOffByDefaultAndOnlyALastResort() {
        MathVerifier withFallback = new MathVerifier(true, MathVerifier.DEFAULT_RELATIVE_TOLERANCE);
        String unmarked = "She has 3 bags of 400, so 1,200 apples in all";
        String boxedWrong = "\\boxed{41}, though 42 is tempting";

        assertEquals(VerdictStatus.NO_ANSWER, verifier.verify(task("1200"), unmarked).status());
        assertEquals(VerdictStatus.CORRECT, withFallback.verify(task("1200"), unmarked).status());
        assertEquals(VerdictStatus.INCORRECT, withFallback.verify(task("42"), boxedWrong).status());
        assertEquals(VerdictStatus.NO_ANSWER, withFallback.verify(task("42"), "no digits at all").status());
    }

    @Test
    void toleranceOptionWidensOnlyIrrationalComparisons() {
        MathVerifier loose = new MathVerifier(false, 1e-2);

        assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("\\sqrt{2}"), "\\boxed{1.41}").status());
        assertEquals(VerdictStatus.CORRECT, loose.verify(task("\\sqrt{2}"), "\\boxed{1.41}").status());
        // 1.41 is 0.3% off sqrt(2), 3.001 is 0.03% off 3; both rational, so still exact
        assertEquals(VerdictStatus.INCORRECT, loose.verify(task("3"), "\\boxed{3.001}").status());
    }

    @Test
    void toleranceIsRelativeToTheReferenceAboveOne() {
        // 10^6 * sqrt(2) = 1414213.56...; 1414213 is 0.56 off: 4e-7 relative, 0.56 absolute
        assertEquals(VerdictStatus.CORRECT, verifier.verify(task("10^6\\sqrt{2}"), "\\boxed{1414213}").status());
        assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("10^6\\sqrt{2}"), "\\boxed{1414211}").status());
    }

    @Test
    void constructorRejectsAToleranceThatIsNotAFiniteNonNegativeNumber() {
        assertThrows(IllegalArgumentException.class, () -> new MathVerifier(false, -1e-6));
        assertThrows(IllegalArgumentException.class, () -> new MathVerifier(false, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new MathVerifier(false, Double.POSITIVE_INFINITY));
    }

    @Test
    void aTaskWithoutAUsableAnswerIsAVerifierFailureNamingTheTask() {
        Task missing = new Task("gsm8k-17", "?", "math", Map.of());
        Task notText = new Task("gsm8k-18", "?", "math", Map.of("answer", true));
        Task blank = new Task("gsm8k-19", "?", "math", Map.of("answer", " $ $ "));

        for (Task task : List.of(missing, notText, blank)) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> verifier.verify(task, "\\boxed{1}"));
            assertTrue(e.getMessage().contains(task.id()), e.getMessage());
        }
    }

    @Test
    void garbageIsAVerdictInLinearTimeNeverAnException() {
        // Nesting far past the evaluator's depth limit, runs of signs, thousands of unclosed boxes
        String deepBalanced = "\\boxed{" + "{".repeat(50_000) + "1" + "}".repeat(50_000) + "}";
        String deepUnbalanced = "\\boxed{" + "{".repeat(50_000) + "1";
        String deepParentheses = "\\boxed{" + "(".repeat(50_000) + "1" + ")".repeat(50_000) + "}";
        String signs = "\\boxed{" + "-".repeat(100_000) + "1}";
        String unclosedBoxes = "\\boxed{".repeat(50_000);
        String longLine = "The answer is " + " ".repeat(100_000) + "x";

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("1"), deepBalanced).status());
            assertEquals(VerdictStatus.NO_ANSWER, verifier.verify(task("1"), deepUnbalanced).status());
            assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("1"), deepParentheses).status());
            assertEquals(VerdictStatus.CORRECT, verifier.verify(task("1"), signs).status());
            assertEquals(VerdictStatus.NO_ANSWER, verifier.verify(task("1"), unclosedBoxes).status());
            assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("1"), longLine).status());
        });
    }

    static List<Arguments> cases() throws IOException {
        return readCases().stream()
                .map(c -> Arguments.of(Named.of(
                        c.completion().replace("\n", "\\n") + "  vs  " + c.answer() + "  ->  " + c.status(), c)))
                .toList();
    }

    private static List<Case> readCases() throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = MathVerifierTest.class.getResourceAsStream("/math-cases.jsonl");
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return lines.lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> readCase(json, line))
                    .toList();
        }
    }

    private static Case readCase(ObjectMapper json, String line) {
        try {
            return json.readValue(line, Case.class);
        } catch (IOException e) {
            throw new IllegalStateException("math-cases.jsonl: " + line, e);
        }
    }

    private static Task task(Object answer) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("answer", answer);
        return new Task("t1", "What is it?", "math", fields);
    }
}
