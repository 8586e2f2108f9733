package dev.tempest.verifier.code;

import static dev.tempest.verifier.code.CodeTasks.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.VerdictStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Right, partly right and broken solutions in each language, and the refusal without a sandbox. */
class CodeVerifierTest {

    private static final String PYTHON_ADD = "```python\ndef add(a, b):\n    return a + b\n```";
    private static final String PYTHON_ADD_WRONG = "```python\ndef add(a, b):\n    return a * b\n```";

    private static final Duration TEST_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void pythonSolutionPassingEveryTestIsCorrect() throws Exception {
        Verdict verdict = CodeTasks.verifier("python", TEST_TIMEOUT).verify(task("python", "assert add(1, 2) == 3", "assert add(-1, 1) == 0"), PYTHON_ADD);

        assertEquals(new Verdict(1, VerdictStatus.CORRECT, "2/2 tests passed"), verdict);
    }

    @Test
    void pythonSolutionPassingOneOfTwoTestsScoresHalfAndSaysWhichFailed() throws Exception {
        Verdict verdict = CodeTasks.verifier("python", TEST_TIMEOUT).verify(task("python", "assert add(2, 2) == 4", "assert add(1, 2) == 3, 'add(1, 2)'"),
                PYTHON_ADD_WRONG);

        assertEquals(new Verdict(0.5, VerdictStatus.INCORRECT, "1/2 tests passed; test 2 failed: AssertionError: add(1, 2)"),
                verdict);
    }

    @Test
    void allOrNothingScoringGivesNoPartialCredit() throws Exception {
        CodeVerifier strict = CodeTasks.verifier("python", Limits.DEFAULT, Scoring.ALL_OR_NOTHING);

        Verdict verdict = strict.verify(task("python", "assert add(2, 2) == 4", "assert add(1, 2) == 3"), PYTHON_ADD_WRONG);

        assertEquals(0, verdict.score());
        assertEquals(VerdictStatus.INCORRECT, verdict.status());
        assertEquals("1/2 tests passed; test 2 failed: AssertionError", verdict.reason());
    }

    @Test
    void pythonSyntaxErrorFailsEveryTestWithTheError() throws Exception {
        Verdict verdict = CodeTasks.verifier("python", TEST_TIMEOUT).verify(task("python", "assert add(1, 2) == 3"), "```python\ndef add(a, b)\n    return a + b\n```");

        assertEquals(0, verdict.score());
        assertEquals(VerdictStatus.INCORRECT, verdict.status());
        assertTrue(verdict.reason().startsWith("0/1 tests passed; test 1 failed: SyntaxError: "), verdict.reason());
    }

    @Test
    void exitingWithZeroBeforeTheTestsRunFailsThem() throws Exception {
        Verdict verdict = CodeTasks.verifier("python", TEST_TIMEOUT).verify(task("python", "assert add(1, 2) == 5"),
                "```python\nimport sys\ndef add(a, b):\n    return 0\nsys.exit(0)\n```");

        assertEquals(Verdict.incorrect(0, "0/1 tests passed; test 1 failed: the program exited before the test finished"),
                verdict);
    }

    @Test
    void javascriptSolutionsScoreByTheTestsTheyPass() throws Exception {
        CodeVerifier verifier = CodeTasks.verifier("javascript", TEST_TIMEOUT);
        Task task = task("javascript", "assert.strictEqual(add(1, 2), 3);", "assert.strictEqual(add(2, 2), 4);");

        Verdict right = verifier.verify(task, "```javascript\nfunction add(a, b) { return a + b; }\n```");
        Verdict half = verifier.verify(task, "```js\nconst add = (a, b) => a * b;\n```");
        Verdict broken = verifier.verify(task, "```js\nfunction add(a, b) { return a + ; }\n```");

        assertEquals(Verdict.correct("2/2 tests passed"), right);
        assertEquals(0.5, half.score());
        assertTrue(half.reason().startsWith("1/2 tests passed; test 1 failed: AssertionError [ERR_ASSERTION]"), half.reason());
        assertEquals(VerdictStatus.INCORRECT, broken.status());
        assertEquals(0, broken.score());
        assertTrue(broken.reason().contains("test 1 failed: SyntaxError: Unexpected token"), broken.reason());
    }

    @Test
    void javaSolutionsScoreByTheTestsTheyPass() throws Exception {
        CodeVerifier verifier = CodeTasks.verifier("java", TEST_TIMEOUT);
        Task task = task("java", "assert Solution.add(1, 2) == 3 : \"add(1, 2)\";",
                "if (Solution.add(List.of(2).get(0), 2) != 4) throw new AssertionError(\"add(2, 2)\");");
        String right = "```java\nimport java.util.List;\n\npublic class Solution {\n"
                + "    static int add(int a, int b) { return a + b; }\n}\n```";
        String half = "```java\nimport java.util.List;\nclass Solution { static int add(int a, int b) { return a * b; } }\n```";
        String broken = "```java\nimport java.util.List;\nclass Solution { static int add(int a, int b) { return a + b } }\n```";

        assertEquals(Verdict.correct("2/2 tests passed"), verifier.verify(task, right));
        assertEquals(Verdict.incorrect(0.5,
                "1/2 tests passed; test 1 failed: Exception in thread \"main\" java.lang.AssertionError: add(1, 2)"),
                verifier.verify(task, half));
        Verdict compileError = verifier.verify(task("java", "assert Solution.add(1, 2) == 3;"), broken);
        assertEquals(0, compileError.score());
        assertTrue(compileError.reason().contains("test 1 failed: /code/Main.java:"), compileError.reason());
        assertTrue(compileError.reason().contains("error: ';' expected"), compileError.reason());
    }

    @Test
    void completionWithoutCodeIsNoAnswer() throws Exception {
        CodeVerifier verifier = new CodeVerifier(Scoring.FRACTION, false);  // nothing runs

        assertEquals(Verdict.noAnswer("no code in the completion"), verifier.verify(task("python", "assert True"), "  "));
    }

    @Test
    void taskWithoutTestsOrWithAnUnknownLanguageIsAnErrorOfTheTask() {
        Task noTests = new Task("t7", "p", "code", Map.of("language", "python", "tests", List.of()));
        Task cobol = task("cobol", "DISPLAY 'HI'.");
        CodeVerifier verifier = new CodeVerifier(Scoring.FRACTION, false);  // nothing runs

        Exception missing = assertThrows(IllegalArgumentException.class, () -> verifier.verify(noTests, PYTHON_ADD));
        Exception unknown = assertThrows(IllegalArgumentException.class, () -> verifier.verify(cobol, PYTHON_ADD));

        assertTrue(missing.getMessage().startsWith("task t7: field 'tests' must be a non-empty list of strings"),
                missing.getMessage());
        assertEquals("task t1: language must be python, javascript or java, got 'cobol'", unknown.getMessage());
    }

    @Test
    void withoutBubblewrapItRefusesToRunCode() {
        Sandbox missing = new Sandbox(Path.of("/nonexistent/bwrap"), Limits.DEFAULT);
        CodeVerifier refusing = new CodeVerifier(missing, Scoring.FRACTION, false);

        Exception refused = assertThrows(IllegalStateException.class,
                () -> refusing.verify(task("python", "assert add(1, 2) == 3"), PYTHON_ADD));

        assertTrue(refused.getMessage().startsWith("bubblewrap (bwrap) is not available: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("/nonexistent/bwrap"), refused.getMessage());
        assertTrue(refused.getMessage().contains("refusing to run untrusted code"), refused.getMessage());
        assertTrue(refused.getMessage().contains(CodeVerifier.ALLOW_UNSANDBOXED_PROPERTY), refused.getMessage());
    }

    @Test
    void withoutBubblewrapButAllowedItRunsUnsandboxedAndSaysSo() throws Exception {
        CodeTasks.requireInterpreter("python");
        Sandbox missing = new Sandbox(Path.of("/nonexistent/bwrap"), Limits.DEFAULT);
        CodeVerifier unsandboxed = new CodeVerifier(missing, Scoring.FRACTION, true);

        Verdict verdict = unsandboxed.verify(task("python", "assert add(1, 2) == 3", "assert add(1, 1) == 3"), PYTHON_ADD);

        assertEquals(Verdict.incorrect(0.5, "UNSANDBOXED: 1/2 tests passed; test 2 failed: AssertionError"), verdict);
    }
}
