package dev.tempest.verifier.code;

import static dev.tempest.verifier.code.CodeTasks.assertNoProcessesWithin;
import static dev.tempest.verifier.code.CodeTasks.processesWith;
import static dev.tempest.verifier.code.CodeTasks.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.VerdictStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Programs that attack the machine they run on. Each must get the right verdict and leave no
 * trace outside the sandbox: no file written, nothing read, no connection, no process left.
 */
class HostileCodeTest {

    private static final Duration KILL_GRACE = Duration.ofSeconds(2);  // startup of bwrap and a JVM, and the kill
    private static final Map<String, String> HARMLESS_CODE = Map.of(
            "python", "x = 1", "javascript", "let x = 1;", "java", "class Solution {}");

    @TempDir Path outside;

    private final String marker = "tempest-hostile-" + UUID.randomUUID();

    @ParameterizedTest
    @ValueSource(strings = {"python", "javascript", "java"})
    void infiniteLoopTimesOutAndVerifyReturnsPromptly(String language) throws Exception {
        String loop = Map.of("python", "while True: pass", "javascript", "while (true) {}",
                "java", "while (System.nanoTime() != 0) {}").get(language);

        long start = System.nanoTime();
        Verdict verdict = verifier(language).verify(task(language, loop), HARMLESS_CODE.get(language));

        assertEquals(Verdict.incorrect(0, "0/1 tests passed; test 1 " + timedOut(language)), verdict);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(timeout(language).plus(KILL_GRACE)) < 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "javascript"})
    void sleepingPastTheDeadlineIsKilledWithItsChildren(String language) throws Exception {
        String sleep = Map.of(
                "python", "import subprocess\nsubprocess.run(" + sleeper("python") + ")",
                "javascript", "require('child_process').spawnSync(" + sleeper("javascript") + ");")
                .get(language);

        long start = System.nanoTime();
        Verdict verdict = verifier(language).verify(task(language, sleep), HARMLESS_CODE.get(language));

        assertEquals(Verdict.incorrect(0, "0/1 tests passed; test 1 " + timedOut(language)), verdict);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(timeout(language).plus(KILL_GRACE)) < 0);
        assertNoProcessesWithin(KILL_GRACE, marker);
    }

    @Test
    void cpuTimeLimitStopsABusyLoopBeforeItsWallClockTimeout() throws Exception {
        Limits d = Limits.DEFAULT;
        Limits oneCpuSecond = new Limits(Duration.ofSeconds(10), d.totalTimeout(), 1, d.memoryBytes(), d.processes(),
                d.fileSizeBytes(), d.openFiles(), d.outputBytes(), d.tmpBytes());
        CodeVerifier limited = CodeTasks.verifier("python", oneCpuSecond, Scoring.FRACTION);

        long start = System.nanoTime();
        Verdict verdict = limited.verify(task("python", "while True: pass"), "x = 1");

        assertEquals(Verdict.incorrect(0, "0/1 tests passed; test 1 failed: CPU time limit of 1 s exceeded"), verdict);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "javascript"})
    void forkBombStaysWithinTheProcessLimitAndDiesWithTheSandbox(String language) throws Exception {
        // Every child runs the whole program again, the bomb included, with the marker in its arguments.
        String bomb = Map.of(
                "python", String.join("\n",
                        "import os, sys",
                        "while True:",
                        "    try:",
                        "        if os.fork() == 0:",
                        "            os.execv(sys.executable, [sys.executable, __file__, '" + marker + "'])",
                        "    except OSError:",
                        "        pass"),
                "javascript", String.join("\n",
                        "const { spawn } = require('child_process');",
                        "for (;;) {",
                        "  try { spawn(process.execPath, [__filename, '" + marker + "'], { stdio: 'ignore' }); } catch (e) {}",
                        "}")).get(language);
        AtomicLong peak = new AtomicLong();
        CodeVerifier verifier = verifier(language);
        CompletableFuture<Verdict> verdict = CompletableFuture.supplyAsync(
                () -> verify(verifier, task(language, bomb), HARMLESS_CODE.get(language)));
        while (!verdict.isDone()) {
            peak.accumulateAndGet(processesWith(marker), Math::max);
            Thread.sleep(50);
        }

        // Timed out, or (node) its heap filled with the children it could not start: either way contained.
        assertEquals(VerdictStatus.INCORRECT, verdict.get().status());
        assertEquals(0, verdict.get().score());
        assertTrue(peak.get() > 0, "the bomb never forked: it proves nothing");
        assertTrue(peak.get() <= Limits.DEFAULT.processes(), "peak of " + peak.get() + " processes");
        assertNoProcessesWithin(KILL_GRACE, marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "javascript", "java"})
    void memoryHogFailsWithinTheAddressSpaceLimit(String language) throws Exception {
        String hog = Map.of(
                "python", "ten_gib = bytearray(10 * 2**30)",  // zero-filled: every page touched
                // Zero-filled fresh pages, never touched: they cost address space, not the seconds
                // that filling 1.5 GiB takes on a slow machine.
                "javascript", "const chunks = [];\nfor (;;) chunks.push(Buffer.alloc(100 * 2**20));",
                "java", "var chunks = new java.util.ArrayList<long[]>();\nwhile (chunks.add(new long[12_500_000])) {}")
                .get(language);

        Verdict verdict = verifier(language).verify(task(language, hog), HARMLESS_CODE.get(language));

        // "failed", not "timed out": stopped by its memory limit, however the runtime words it.
        assertEquals(VerdictStatus.INCORRECT, verdict.status());
        assertEquals(0, verdict.score());
        assertTrue(verdict.reason().startsWith("0/1 tests passed; test 1 failed: "), verdict.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "javascript"})
    void outputFloodIsCutOffAtTheOutputLimit(String language) throws Exception {
        // node writes each line once the last is out, as a program that yields to its event loop does.
        String flood = Map.of("python", "while True: print('x' * 1000)",
                "javascript", "(function flood() { process.stdout.write('x'.repeat(1000) + '\\n', flood); })();")
                .get(language);

        long start = System.nanoTime();
        Verdict verdict = verifier(language).verify(task(language, flood), HARMLESS_CODE.get(language));

        assertEquals(Verdict.incorrect(0, "0/1 tests passed; test 1 failed: wrote more than the output limit of 64 KiB"),
                verdict);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(timeout(language)) < 0, "killed for its output, not its time");
    }

    @Test
    void javascriptFloodThatNeverYieldsIsStoppedByItsDeadlineOrItsHeap() throws Exception {
        // Once the pipe is full, node queues each write in memory for an event loop that never
        // runs: the output stops short of the limit and the queue grows to the heap limit.
        String flood = "for (;;) console.log('x'.repeat(1000));";

        long start = System.nanoTime();
        Verdict verdict = verifier("javascript").verify(task("javascript", flood), HARMLESS_CODE.get("javascript"));

        assertEquals(VerdictStatus.INCORRECT, verdict.status());
        assertEquals(0, verdict.score());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(timeout("javascript").plus(KILL_GRACE)) < 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "javascript", "java"})
    void writesOutsideTheSandboxLeaveNoFile(String language) throws Exception {
        String name = "pwned-" + UUID.randomUUID();
        Path home = Path.of(System.getProperty("user.home"), name);
        Path repository = Path.of("").toAbsolutePath().resolve(name);  // the module, inside the repository
        Path temp = outside.resolve(name);
        Path inside = Path.of("/tmp", name);  // the sandbox's own /tmp: allowed, and proves writing works

        Verdict verdict = verifier(language).verify(task(language, write(language, home), write(language, repository),
                write(language, temp), write(language, inside)), HARMLESS_CODE.get(language));

        assertEquals(VerdictStatus.INCORRECT, verdict.status());
        assertTrue(verdict.reason().startsWith("1/4 tests passed; test 1 failed: "), verdict.reason());
        assertTrue(verdict.reason().contains("test 3 failed: "), verdict.reason());
        assertFalse(Files.exists(home), home + " was written");
        assertFalse(Files.exists(repository), repository + " was written");
        assertFalse(Files.exists(temp), temp + " was written");
        assertFalse(Files.exists(inside), inside + " was written on the host");
    }

    private static String write(String language, Path path) {
        return Map.of(
                "python", "open('" + path + "', 'w').write('pwned')",
                "javascript", "require('fs').writeFileSync('" + path + "', 'pwned');",
                "java", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + path + "\"), \"pwned\");")
                .get(language);
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "javascript"})
    void filesOutsideTheSandboxCannotBeRead(String language) throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.txt"), "s3cr3t-" + marker);
        String read = Map.of("python", "print(open('" + secret + "').read())",
                "javascript", "console.log(require('fs').readFileSync('" + secret + "', 'utf8'));").get(language);

        Verdict verdict = verifier(language).verify(task(language, read), HARMLESS_CODE.get(language));

        assertEquals(VerdictStatus.INCORRECT, verdict.status());
        assertTrue(verdict.reason().matches("(?i)0/1 tests passed; test 1 failed: .*no such file or directory.*"),
                verdict.reason());
        assertFalse(verdict.reason().contains("s3cr3t"), verdict.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "javascript"})
    void networkConnectionsDoNotLeaveTheSandbox(String language) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            String connect = Map.of(
                    "python", "import socket\nsocket.create_connection(('127.0.0.1', " + port + "), timeout=2).sendall(b'hi')",
                    "javascript", String.join("\n",
                            "const socket = require('net').connect(" + port + ", '127.0.0.1');",
                            "socket.on('connect', () => { socket.end('hi'); });",
                            "socket.on('error', (e) => { console.error('Error: ' + e.message); process.exit(1); });",
                            "setTimeout(() => { console.error('Error: no connection'); process.exit(1); }, 2000);")).get(language);

            Verdict verdict = verifier(language).verify(task(language, connect), HARMLESS_CODE.get(language));

            assertEquals(VerdictStatus.INCORRECT, verdict.status());
            assertTrue(verdict.reason().matches("(?i)0/1 tests passed; test 1 failed: .*(refused|unreachable).*"),
                    verdict.reason());
            server.setSoTimeout(500);
            assertThrows(SocketTimeoutException.class, server::accept, "the sandbox connected to the host");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "javascript"})
    void killingItsParentOrEveryProcessHarmsNothingOutside(String language) throws Exception {
        Process bystander = new ProcessBuilder("/usr/bin/sleep", "60").start();
        String killer = Map.of(
                "python", "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
                        + "try:\n    os.kill(-1, signal.SIGKILL)\nexcept ProcessLookupError:\n    pass\n"
                        + "def answer():\n    return 0",
                "javascript", "process.kill(process.ppid, 'SIGKILL');\ntry { process.kill(-1, 'SIGKILL'); } catch (e) {}\n"
                        + "function answer() { return 0; }").get(language);
        String test = Map.of("python", "assert answer() == 42", "javascript", "assert.strictEqual(answer(), 42);").get(language);
        CodeVerifier verifier = verifier(language);
        try {
            Verdict verdict = verifier.verify(task(language, test), killer);

            assertEquals(VerdictStatus.INCORRECT, verdict.status());
            assertTrue(verdict.reason().contains("AssertionError"), verdict.reason());
            assertTrue(bystander.isAlive(), "a process outside the sandbox was killed");
            assertEquals(VerdictStatus.CORRECT, verifier.verify(task(language, test), killer.replace("return 0", "return 42")).status(),
                    "the verifier still works");
        } finally {
            bystander.destroyForcibly();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "javascript"})
    void backgroundProcessesDoNotOutliveTheProgram(String language) throws Exception {
        // The test passes only once the detached sleeper has written /tmp/started.
        String daemon = Map.of(
                "python", String.join("\n",
                        "import os, subprocess, time",
                        "subprocess.Popen(" + sleeper("python") + ", start_new_session=True)",
                        "for _ in range(100):",
                        "    if os.path.exists('/tmp/started'):",
                        "        break",
                        "    time.sleep(0.02)",
                        "assert os.path.exists('/tmp/started')"),
                "javascript", String.join("\n",
                        "const fs = require('fs');",
                        "require('child_process').spawn(" + sleeper("javascript")
                                + ", { detached: true, stdio: 'ignore' }).unref();",
                        "for (let i = 0; i < 100 && !fs.existsSync('/tmp/started'); i++) {",
                        "  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);",
                        "}",
                        "assert.ok(fs.existsSync('/tmp/started'));")).get(language);

        Verdict verdict = verifier(language).verify(task(language, daemon), HARMLESS_CODE.get(language));

        assertEquals(Verdict.correct("1/1 tests passed"), verdict);
        assertNoProcessesWithin(Duration.ZERO, marker);
    }

    @Test
    void interruptingTheVerifyingThreadKillsTheProgramPromptly() throws Exception {
        String sleeper = "import subprocess\nsubprocess.run(" + sleeper("python") + ")";
        CodeVerifier patient = CodeTasks.verifier("python", Duration.ofSeconds(60));
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread verifying = new Thread(() -> {
            try {
                patient.verify(task("python", sleeper), "x = 1");
                thrown.complete(null);
            } catch (Throwable e) {
                thrown.complete(e);
            }
        });
        verifying.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (processesWith(marker) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, processesWith(marker), "the sleeper never started");

        verifying.interrupt();
        verifying.join(1000);

        assertFalse(verifying.isAlive(), "verify ignored its interrupt");
        assertTrue(thrown.getNow(null) instanceof InterruptedException, String.valueOf(thrown.getNow(null)));
        assertNoProcessesWithin(Duration.ofSeconds(1), marker);
    }

    /** Arguments that start a sleeper, which creates /tmp/started and has the marker in its command line. */
    private String sleeper(String language) {
        return Map.of(
                "python", "['/usr/bin/python3', '-c', 'open(\"/tmp/started\", \"w\"); import time; time.sleep(1000)', '"
                        + marker + "']",
                "javascript", "process.execPath, ['-e', "
                        + "'require(\"fs\").writeFileSync(\"/tmp/started\", \"\"); setTimeout(() => {}, 1e6)', '"
                        + marker + "']").get(language);
    }

    /** A verifier whose tests time out after {@link #timeout}. */
    private static CodeVerifier verifier(String language) {
        return CodeTasks.verifier(language, timeout(language));
    }

    /** Short, to keep the suite fast, but long enough for a JVM to start and compile the test. */
    private static Duration timeout(String language) {
        return Duration.ofSeconds(language.equals("java") ? 4 : 2);
    }

    private static String timedOut(String language) {
        return "timed out after " + timeout(language).toSeconds() + " s";
    }

    private static Verdict verify(CodeVerifier verifier, Task task, String completion) {
        try {
            return verifier.verify(task, completion);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
