package dev.tempest.verifier.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.api.Task;
import dev.tempest.api.testing.SystemTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Tasks and verifiers for the tests, and a look at the machine's processes. */
final class CodeTasks {

    private CodeTasks() {
    }

    static Task task(String language, String... tests) {
        return new Task("t1", "solve it", "code", Map.of("language", language, "tests", List.of(tests)));
    }

    /** A sandboxed verifier for {@code language} whose tests time out after {@code testTimeout}, all of them after 20 s. */
    static CodeVerifier verifier(String language, Duration testTimeout) {
        return verifier(language, Limits.DEFAULT.withTimeouts(testTimeout, Duration.ofSeconds(20)), Scoring.FRACTION);
    }

    /**
     * A sandboxed verifier for {@code language}; where bubblewrap cannot sandbox here or the
     * language's interpreter is missing, the test is skipped with the fix (failed in CI, see SystemTool).
     */
    static CodeVerifier verifier(String language, Limits limits, Scoring scoring) {
        Sandbox sandbox = new Sandbox(Sandbox.DEFAULT_BWRAP, limits);
        SystemTool.require(sandbox.check());
        requireInterpreter(language);
        return new CodeVerifier(sandbox, scoring, false);
    }

    /** Skips the test (or fails it in CI, see SystemTool) where {@code language}'s interpreter is missing. */
    static void requireInterpreter(String language) {
        SystemTool.require(Language.named(language).check());
    }

    /** Processes anywhere on the machine whose command line contains {@code marker}. */
    static long processesWith(String marker) {
        return ProcessHandle.allProcesses().filter(process -> commandLine(process.pid()).contains(marker)).count();
    }

    /** Waits up to {@code timeout} for the processes with {@code marker} to be gone, and asserts they are. */
    static void assertNoProcessesWithin(Duration timeout, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processesWith(marker) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, processesWith(marker), "processes left with " + marker);
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";  // it exited while we looked
        }
    }
}
