package dev.tempest.verifier.code;

import dev.tempest.api.SystemCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A program of the machine the verifier runs (bwrap, an interpreter), checked by running it with {@code --version}. */
final class SystemProgram {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int OUTPUT_LIMIT = 4096;

    private SystemProgram() {
    }

    /** Passed with the path and the first line of {@code --version}; failed with why and {@code fix}. */
    static SystemCheck check(String name, Path executable, String fix) {
        if (!Files.isExecutable(executable)) {
            return SystemCheck.failed(name, executable + " not found", fix);
        }
        try {
            RunResult run = BoundedProcess.run(List.of(executable.toString(), "--version"), Path.of(System.getProperty("java.io.tmpdir")), TIMEOUT, OUTPUT_LIMIT);
            String firstLine = run.output().lines().findFirst().orElse("").strip();
            return run.ending() == RunResult.Ending.EXITED && run.exitCode() == 0
                    ? SystemCheck.passed(name, executable + " " + firstLine)
                    : SystemCheck.failed(name, executable + " --version failed (exit " + run.exitCode() + "): " + firstLine, fix);
        } catch (IOException e) {
            return SystemCheck.failed(name, executable + " cannot be run: " + e.getMessage(), fix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SystemCheck.failed(name, "interrupted while running " + executable, "run the check again");
        }
    }
}
