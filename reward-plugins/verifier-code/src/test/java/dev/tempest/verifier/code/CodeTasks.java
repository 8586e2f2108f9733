package dev.tempest.verifier.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.api.Task;
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

    /** A sandboxed verifier whose tests time out after {@code testTimeout}, all of them after 20 s. */
    static CodeVerifier verifier(Duration testTimeout) {
        Limits limits = Limits.DEFAULT.withTimeouts(testTimeout, Duration.ofSeconds(20));
        return new CodeVerifier(new Sandbox(Sandbox.DEFAULT_BWRAP, limits), Scoring.FRACTION, false);
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
