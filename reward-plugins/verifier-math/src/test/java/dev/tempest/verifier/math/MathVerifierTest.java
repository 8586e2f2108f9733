package dev.tempest.verifier.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.VerdictStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MathVerifierTest {

    private final MathVerifier verifier = new MathVerifier();

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
    void aRunawayAnswerIsWrongWithoutBeingRead() {
        Verdict verdict = verifier.verify(task("1"), "\\boxed{" + "9".repeat(20_000) + "}");

        assertEquals(VerdictStatus.INCORRECT, verdict.status());
        assertEquals("expected 1, got an answer of 20000 characters", verdict.reason());
    }

    @Test
    void theUnmarkedAnswerCountsUnlessAMarkerIsRequired() {
        String unmarked = "She has 3 bags of 400, so 1,200 apples in all";
        Map<String, Object> strictTask = new HashMap<>(Map.of("answer", "1200", MathVerifier.REQUIRE_MARKER_FIELD, true));
        MathVerifier strictVerifier = new MathVerifier(true, MathVerifier.DEFAULT_RELATIVE_TOLERANCE);

        assertEquals(VerdictStatus.CORRECT, verifier.verify(task("1200"), unmarked).status());
        assertEquals(VerdictStatus.NO_ANSWER, verifier.verify(new Task("t1", "?", "math", strictTask), unmarked).status());
        assertEquals(VerdictStatus.NO_ANSWER, strictVerifier.verify(task("1200"), unmarked).status());
        assertEquals(VerdictStatus.CORRECT, strictVerifier.verify(task("1200"), "#### 1,200").status());
        assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("42"), "\\boxed{41}, though 42 is tempting").status(),
                "a marked answer is never replaced by a later number");
    }

    @Test
    void aRequireMarkerFieldThatIsNotABooleanIsAVerifierFailure() {
        Task task = new Task("gsm8k-3", "?", "math", Map.of("answer", "1", MathVerifier.REQUIRE_MARKER_FIELD, "yes"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> verifier.verify(task, "1"));
        assertTrue(e.getMessage().contains("gsm8k-3") && e.getMessage().contains("require_marker"), e.getMessage());
    }

    @Test
    void aReferenceThatIsAWholeSolutionIsItsMarkedAnswer() {
        String solution = "Half of 10 is 5, so $x = \\boxed{5}$.";

        assertEquals(VerdictStatus.CORRECT, verifier.verify(task(solution), "#### 5").status());
        assertEquals(VerdictStatus.INCORRECT, verifier.verify(task(solution), "#### 10").status());
        assertEquals(VerdictStatus.CORRECT, verifier.verify(task("Natalia sold 72 clips.\n#### 72"), "\\boxed{72}").status());
    }

    @Test
    void theQuestionDecidesWhetherPercentIsAFractionAndWhetherAListIsASet() {
        assertEquals(VerdictStatus.CORRECT, verifier.verify(task("0.25", "What is the probability?"), "\\boxed{25\\%}").status());
        assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("0.25", "What percent is shaded?"), "\\boxed{25\\%}").status());
        assertEquals(VerdictStatus.CORRECT, verifier.verify(task("25", "What percent is shaded?"), "\\boxed{25\\%}").status());
        String roots = "Enter all the solutions, separated by commas.";
        assertEquals(VerdictStatus.CORRECT, verifier.verify(task("1, 2, 3", roots), "\\boxed{3, 1, 2}").status());
        assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("1, 2, 3", "List the terms in order."), "\\boxed{3, 1, 2}").status());
    }

    @Test
    void toleranceOptionWidensOnlyComparisonsWithADecimal() {
        MathVerifier loose = new MathVerifier(false, 1e-2);

        assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("\\sqrt{2}"), "\\boxed{1.41}").status());
        assertEquals(VerdictStatus.CORRECT, loose.verify(task("\\sqrt{2}"), "\\boxed{1.41}").status());
        // 3 has a finite decimal, so 3.001 is compared exactly, however loose the tolerance
        assertEquals(VerdictStatus.INCORRECT, loose.verify(task("3"), "\\boxed{3.001}").status());
        // Two closed forms are compared to rounding error only: 355/113 is not pi
        assertEquals(VerdictStatus.INCORRECT, loose.verify(task("\\pi"), "\\boxed{\\frac{355}{113}}").status());
    }

    @Test
    void toleranceIsRelativeToTheValue() {
        // 10^6 * sqrt(2) = 1414213.5623...: .56 is 1.7e-9 off relative, 1414211.5 is 1.5e-6 off
        assertEquals(VerdictStatus.CORRECT, verifier.verify(task("10^6\\sqrt{2}"), "\\boxed{1414213.56}").status());
        assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("10^6\\sqrt{2}"), "\\boxed{1414211.5}").status());
        assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("10^6\\sqrt{2}"), "\\boxed{1414214}").status(),
                "an integer is exact, never a rounding");
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
    void adversarialAnswersComeBackQuicklyAndNotCorrect() {
        String megabyte = "x".repeat(1 << 20);
        Map<String, String> answers = Map.ofEntries(
                Map.entry("a power of a power", "\\boxed{10^{10^{10}}}"),
                Map.entry("a power past the exact limit", "\\boxed{(x+1)^{65536}}"),
                Map.entry("a tower of powers", "\\boxed{" + "2^".repeat(3000) + "2}"),
                Map.entry("5000-deep nesting", "\\boxed{" + "(".repeat(5000) + "1" + ")".repeat(5000) + "}"),
                Map.entry("4000-deep braces", "\\boxed{" + "{".repeat(4000) + "1" + "}".repeat(4000) + "}"),
                Map.entry("4000 nested roots", "\\boxed{" + "\\sqrt{".repeat(4000) + "2" + "}".repeat(4000) + "}"),
                Map.entry("a big polynomial", "\\boxed{" + "(x+y+z)^{300}".repeat(20) + "}"),
                Map.entry("many factorials", "\\boxed{" + "300!+".repeat(150) + "1}"),
                Map.entry("a set of 64 expressions", "\\boxed{\\{" + "(x+y)^{30},".repeat(63) + "1\\}}"),
                Map.entry("1 MB of letters", megabyte),
                Map.entry("1 MB of digits", "1".repeat(1 << 20)),
                Map.entry("1 MB of dollar signs", "$".repeat(1 << 20)),
                Map.entry("1 MB of unclosed displays", "\\[".repeat(1 << 19)),
                Map.entry("1 MB of unclosed boxes", "\\boxed{".repeat(150_000)),
                Map.entry("1 MB of closed boxes", "\\boxed{1}".repeat(110_000)),
                Map.entry("1 MB after a phrase", "The answer is " + "1,".repeat(1 << 19)),
                Map.entry("1 MB of closing sentences", "final answer is ".repeat(1 << 16) + " I hope"),
                Map.entry("1 MB of numbers", "1 ".repeat(1 << 19)));
        // Each is a handful of milliseconds alone; the bound leaves room for a loaded machine and a cold JIT
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (Map.Entry<String, String> answer : answers.entrySet()) {
                assertNotEquals(VerdictStatus.CORRECT, verifier.verify(task("7"), answer.getValue()).status(), answer.getKey());
            }
        });
    }

    @Test
    void garbageIsAVerdictNeverAnException() {
        String signs = "\\boxed{" + "-".repeat(900) + "1}";
        String deepUnbalanced = "\\boxed{" + "{".repeat(5_000) + "1";

        assertEquals(VerdictStatus.CORRECT, verifier.verify(task("1"), signs).status(), "an even run of signs");
        assertEquals(VerdictStatus.NO_ANSWER, verifier.verify(task("1"), deepUnbalanced).status());
        assertEquals(VerdictStatus.INCORRECT, verifier.verify(task("1"), "The answer is " + " ".repeat(100_000) + "x").status());
    }

    static Task task(Object answer) {
        return task(answer, "What is it?");
    }

    static Task task(Object answer, String prompt) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("answer", answer);
        return new Task("t1", prompt, "math", fields);
    }
}
