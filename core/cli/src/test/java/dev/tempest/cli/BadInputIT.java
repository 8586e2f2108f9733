package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus, src/test/resources/bad-input: pipeline files a careless user writes, and
 * the data they point at, each run through the distribution's plugins. Each file says, in its
 * first two lines, the exit code and the one line {@code tempest run} must print; the test also
 * checks that nothing outside the run folder changed, and that {@code config validate} refuses
 * what {@code run} refuses before running, with the same line.
 */
class BadInputIT {

    private static final Path DISTRIBUTION = Path.of(System.getProperty("tempest.distribution"));
    private static final Path CORPUS = Path.of(System.getProperty("tempest.repository"))
            .resolve("core/cli/src/test/resources/bad-input").normalize();

    @TempDir Path root;

    @TestFactory
    Stream<DynamicTest> everyBadInputGetsItsOneLineAndChangesNothingOutsideTheRunFolder() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS.resolve("configs"))) {
            return files.sorted().toList().stream()
                    .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
        }
    }

    @Test
    void skippedBadRowsAreCountedOnTheConsoleAndInTheMetrics() throws Exception {
        Path work = Files.createDirectories(root.resolve("skip"));
        copyData(work.resolve("data"));
        Path pipeline = Files.writeString(work.resolve("pipeline.yaml"), Files.readString(CORPUS.resolve("configs/clip-norm-zero.yaml"))
                .replace("    clip_norm: 0\n", "").replace("data/stories.jsonl", "data/stories-with-bad-rows.jsonl"));

        CliRun run = CliRun.of("--plugins-dir", DISTRIBUTION.resolve("plugins").toString(), "run", pipeline.toString(),
                "--output", work.resolve("run").toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("  40 rows read, 3 rejected\n  rejected " + work.resolve("data/stories-with-bad-rows.jsonl")
                + ":41: invalid JSON"), run.out());
        String done = Files.readAllLines(work.resolve("run/metrics.jsonl")).stream()
                .filter(line -> line.contains("\"done\":true")).findFirst().orElseThrow();
        assertTrue(done.contains("\"rows\":40,\"bad_rows\":3"), done);
    }

    private void check(Path caseFile) throws Exception {
        Path work = Files.createDirectories(root.resolve(caseFile.getFileName().toString().replace(".yaml", "")));
        Path pipeline = Files.copy(caseFile, work.resolve("pipeline.yaml"));
        copyData(work.resolve("data"));
        List<String> header = Files.readAllLines(caseFile).subList(0, 2);
        int exitCode = Integer.parseInt(header.get(0).replace("# expect-exit: ", ""));
        String expected = "tempest: " + header.get(1).replace("# expect: ", "").replace("{dir}", work.toString())
                .replace("{plugins}", DISTRIBUTION.resolve("plugins").toString()) + "\n";
        Path run = work.resolve("run");
        Map<Path, String> before = snapshot(work, run);

        CliRun result = CliRun.of("--plugins-dir", DISTRIBUTION.resolve("plugins").toString(), "run", pipeline.toString(),
                "--output", run.toString());
        CliRun validate = CliRun.of("--plugins-dir", DISTRIBUTION.resolve("plugins").toString(), "config", "validate",
                pipeline.toString());

        assertEquals(expected, result.err(), "exit " + result.exitCode());
        assertEquals(exitCode, result.exitCode());
        assertEquals(before, snapshot(work, run), "files outside the run folder");
        if (exitCode == ExitCodes.RUN_FAILURE) {
            assertEquals(pipeline + ": ok\n", validate.out(), "only running finds a fault in the data itself");
        } else {
            assertEquals(expected, validate.err(), "config validate refuses what run refuses, with the same line");
            assertFalse(Files.exists(run), "a run that never started leaves no folder");
        }
    }

    /** The corpus's data, and a named pipe where a case reads one: a loader must never be left waiting on it. */
    private static void copyData(Path data) throws IOException, InterruptedException {
        Files.createDirectories(data);
        try (Stream<Path> files = Files.list(CORPUS.resolve("data"))) {
            for (Path file : files.toList()) {
                Files.copy(file, data.resolve(file.getFileName()));
            }
        }
        Process mkfifo = new ProcessBuilder("mkfifo", data.resolve("pipe.jsonl").toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
    }

    /** Every path under {@code dir} but those under {@code run}, with its content (a pipe's is not read, only that it is one). */
    private static Map<Path, String> snapshot(Path dir, Path run) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.filter(path -> !path.startsWith(run)).toList()) {
                files.put(path, Files.isDirectory(path) ? "folder" : Files.isRegularFile(path)
                        ? Files.readString(path) : "special file");
            }
        }
        assertTrue(files.size() > 3, files.toString());
        return files;
    }
}
