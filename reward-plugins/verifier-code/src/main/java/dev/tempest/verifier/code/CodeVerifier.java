package dev.tempest.verifier.code;

import dev.tempest.api.SystemCheck;
import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.Verifier;
import dev.tempest.verifier.code.RunResult.Ending;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pf4j.Extension;

/**
 * Verifier {@code code}: runs the code of a completion against the task's unit tests, each test
 * as its own program in a bubblewrap {@link Sandbox}, and scores the fraction that pass. A task
 * names its language and its tests:
 * <pre>
 *   {"prompt": "Write add(a, b).", "verifier": "code", "language": "python",
 *    "tests": ["assert add(1, 2) == 3", "assert add(-1, 1) == 0"]}
 * </pre>
 *
 * <h2>1. The code</h2>
 * The last fenced block tagged python, py, javascript, js or java, or untagged; the whole
 * completion if it has none; {@link Verdict#noAnswer NO_ANSWER} if that is blank
 * ({@link FencedCode}). The tag need not match the task's language: Python code for a
 * JavaScript task fails its tests.
 *
 * <h2>2. The tests, per language</h2>
 * A test is source code that runs after the completion's code, in the same program, one program
 * per test:
 * <ul>
 *   <li>{@code python}: module-level statements, usually {@code assert}s; run with
 *       {@code /usr/bin/python3 -I -B}.</li>
 *   <li>{@code javascript}: statements, in a block where {@code assert} is
 *       {@code require('node:assert')}, e.g. {@code assert.strictEqual(add(1, 2), 3);}; the
 *       program is a CommonJS script run with {@code /usr/bin/node}, so the code may not use
 *       {@code export}.</li>
 *   <li>{@code java}: the statements of a {@code main} method that may throw anything, e.g.
 *       {@code assert Solution.add(1, 2) == 3;} (assertions are on, {@code -ea}) or
 *       {@code if (Solution.add(1, 2) != 3) throw new AssertionError("add");}. The code defines
 *       classes, public or not, and may begin with imports. The single-file source launcher
 *       (JDK 17, {@code java -ea -Xmx256m Main.java}) runs the first class of the file, so the
 *       program is: the code's imports, then class {@code TempestTest} with the test in its
 *       {@code main}, then the rest of the code. A {@code package} line is dropped, and the code
 *       may not itself define {@code TempestTest}.</li>
 * </ul>
 *
 * <h2>3. Passing, and the score</h2>
 * A test passes when its program runs to the end of the test and exits with 0. The harness
 * prints a random token after the test, so code that exits early, even with 0, fails. A test
 * that runs past its time limit fails as "timed out after N s"; one that writes more than the
 * output limit or exceeds its CPU time fails with that reason; any other failure is reported by
 * its error line (the exception, or the compiler's first error). The reason lists every
 * failure: "1/2 tests passed; test 2 failed: AssertionError". The score is passed / total, or
 * with {@link Scoring#ALL_OR_NOTHING} 1 or 0; the verdict is CORRECT iff every test passes.
 * Each test gets 10 s, all of them together 60 s; the limits of a run are in {@link Sandbox}.
 *
 * <h2>4. Without bubblewrap</h2>
 * If bwrap is missing or does not work (probed once, by running {@code /bin/true} in the
 * sandbox), the verifier refuses to run code and throws, unless it was built with
 * {@code allowUnsandboxed}; for PF4J's no-argument constructor that is the system property
 * {@value #ALLOW_UNSANDBOXED_PROPERTY}{@code =true}. It then runs the code directly on the host
 * under the same rlimits but no isolation, and every reason starts with "UNSANDBOXED: ".
 * {@code tempest doctor} shows whether bwrap can sandbox here, and each interpreter's version
 * ({@link #systemChecks()}).
 */
@Extension
public final class CodeVerifier implements Verifier {

    /** Set to {@code true} to let the no-argument constructor run code unsandboxed when bwrap is unavailable. */
    public static final String ALLOW_UNSANDBOXED_PROPERTY = "tempest.verifier.code.allowUnsandboxed";

    private static final int DETAIL_CHARS = 200;  // of each failure's reason
    private static final int KILLED_BY_SIGXCPU = 128 + 24;

    private final Sandbox sandbox;
    private final Scoring scoring;
    private final boolean allowUnsandboxed;

    /** Fraction scoring, the default limits, and unsandboxed runs only if {@value #ALLOW_UNSANDBOXED_PROPERTY} is true. */
    public CodeVerifier() {
        this(Scoring.FRACTION, Boolean.getBoolean(ALLOW_UNSANDBOXED_PROPERTY));
    }

    public CodeVerifier(Scoring scoring, boolean allowUnsandboxed) {
        this(new Sandbox(Sandbox.DEFAULT_BWRAP, Limits.DEFAULT), scoring, allowUnsandboxed);
    }

    CodeVerifier(Sandbox sandbox, Scoring scoring, boolean allowUnsandboxed) {
        this.sandbox = sandbox;
        this.scoring = scoring;
        this.allowUnsandboxed = allowUnsandboxed;
    }

    @Override
    public String id() {
        return "code";
    }

    @Override
    public String description() {
        return "runs Python, JavaScript or Java completions against unit tests in a bubblewrap sandbox";
    }

    /** bubblewrap, and the interpreter of every language. */
    @Override
    public List<SystemCheck> systemChecks() {
        List<SystemCheck> checks = new ArrayList<>();
        checks.add(sandbox.check());
        for (Language language : Language.values()) {
            checks.add(language.check());
        }
        return checks;
    }

    @Override
    public Verdict verify(Task task, String completion) throws IOException, InterruptedException {
        Language language = language(task);
        List<String> tests = tests(task);
        Optional<String> code = FencedCode.extract(completion);
        if (code.isEmpty()) {
            return Verdict.noAnswer("no code in the completion");
        }
        boolean sandboxed = sandboxed();
        Limits limits = sandbox.limits();
        String doneToken = "tempest-test-done-" + UUID.randomUUID();  // unguessable, so printed only by the harness
        long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            String failure;
            if (left.isNegative() || left.isZero()) {
                failure = "not run: the " + seconds(limits.totalTimeout()) + " for all tests was used up";
            } else {
                Duration timeout = left.compareTo(limits.testTimeout()) < 0 ? left : limits.testTimeout();
                RunResult run = sandbox.run(language.program(code.get(), tests.get(i), doneToken), timeout, sandboxed);
                failure = failure(run, language, doneToken, timeout, limits);
            }
            if (failure != null) {
                failures.add("test " + (i + 1) + " " + abbreviate(failure));
            }
        }
        return verdict(tests.size(), failures, sandboxed);
    }

    /** Whether to run in the sandbox; throws if it is unavailable and unsandboxed runs are not allowed. */
    private boolean sandboxed() throws InterruptedException {
        Optional<String> unavailable = sandbox.unavailable();
        if (unavailable.isPresent() && !allowUnsandboxed) {
            throw new IllegalStateException("bubblewrap (bwrap) is not available: " + unavailable.get()
                    + "; refusing to run untrusted code. To run it unsandboxed anyway, configure allowUnsandboxed"
                    + " (new CodeVerifier(scoring, true), or -D" + ALLOW_UNSANDBOXED_PROPERTY + "=true)");
        }
        return unavailable.isEmpty();
    }

    /** Why the test failed ("failed: AssertionError", "timed out after 10 s"), or null if it passed. */
    private static String failure(RunResult run, Language language, String doneToken, Duration timeout, Limits limits) {
        if (run.ending() == Ending.TIMED_OUT) {
            return "timed out after " + seconds(timeout);
        }
        if (run.ending() == Ending.OUTPUT_LIMIT) {
            return "failed: wrote more than the output limit of " + limits.outputBytes() / 1024 + " KiB";
        }
        if (run.exitCode() == 0) {
            return run.output().contains(doneToken) ? null : "failed: the program exited before the test finished";
        }
        if (run.exitCode() == KILLED_BY_SIGXCPU) {
            return "failed: CPU time limit of " + limits.cpuSeconds() + " s exceeded";
        }
        String why = language.failure(run.output());
        return "failed: " + (why.isEmpty() ? "exit code " + run.exitCode() : why);
    }

    private Verdict verdict(int total, List<String> failures, boolean sandboxed) {
        int passed = total - failures.size();
        StringBuilder reason = new StringBuilder(sandboxed ? "" : "UNSANDBOXED: ");
        reason.append(passed).append('/').append(total).append(" tests passed");
        failures.forEach(failure -> reason.append("; ").append(failure));
        if (failures.isEmpty()) {
            return Verdict.correct(reason.toString());
        }
        double score = scoring == Scoring.FRACTION ? (double) passed / total : 0;
        return Verdict.incorrect(score, reason.toString());
    }

    private static Language language(Task task) {
        String name = task.string("language");
        try {
            return Language.named(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task " + task.id() + ": " + e.getMessage(), e);
        }
    }

    private static List<String> tests(Task task) {
        if (task.fields().get("tests") instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(test -> test instanceof String)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException("task " + task.id()
                + ": field 'tests' must be a non-empty list of strings, each code run after the completion's, got "
                + task.fields().getOrDefault("tests", "nothing"));
    }

    private static String abbreviate(String text) {
        return text.length() <= DETAIL_CHARS ? text : text.substring(0, DETAIL_CHARS - 3) + "...";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }
}
