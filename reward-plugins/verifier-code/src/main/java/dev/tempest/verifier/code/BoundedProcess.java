package dev.tempest.verifier.code;

import dev.tempest.verifier.code.RunResult.Ending;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one command to its end, or kills its whole process tree at a wall-clock timeout, when it
 * writes more than an output limit, or when the calling thread is interrupted.
 */
final class BoundedProcess {

    // After the process exits, how long its output pipe may stay open: a descendant that
    // outlives it (possible only without a sandbox) must not hold the caller.
    private static final long DRAIN_MILLIS = 1000;

    private BoundedProcess() {
    }

    /**
     * Runs {@code command} in {@code workDir} with stdin from /dev/null.
     *
     * @throws InterruptedException after killing the process tree, when the caller is interrupted
     */
    static RunResult run(List<String> command, Path workDir, Duration timeout, int outputLimit)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        Output output = new Output(process, outputLimit);
        Thread reader = new Thread(output::collect, "tempest-code-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        boolean exited;
        try {
            exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        if (!exited) {
            killTree(process);
        }
        reader.join(DRAIN_MILLIS);
        Ending ending = output.exceeded() ? Ending.OUTPUT_LIMIT : exited ? Ending.EXITED : Ending.TIMED_OUT;
        return new RunResult(ending, exited ? process.exitValue() : -1, output.text());
    }

    /** Kills the process and every descendant; descendants are listed first, while they are still its. */
    static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** The process's output, read on its own thread so that the caller can wait interruptibly. */
    private static final class Output {
        private final Process process;
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final AtomicBoolean exceeded = new AtomicBoolean();
        private long total;  // bytes read, kept or not

        Output(Process process, int limit) {
            this.process = process;
            this.limit = limit;
        }

        void collect() {
            byte[] buffer = new byte[8192];
            try (InputStream in = process.getInputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, (int) Math.min(n, limit - total));
                        total += n;
                        if (total > limit) {
                            exceeded.set(true);
                            killTree(process);
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                // The pipe broke because the process is gone: what was read is its output.
            }
        }

        boolean exceeded() {
            return exceeded.get();
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
