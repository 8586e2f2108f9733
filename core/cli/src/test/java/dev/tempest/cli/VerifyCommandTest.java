package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.plugin.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerifyCommandTest {

    @TempDir Path dir;
    private Path plugins;
    private Path tasks;

    @BeforeEach
    void installAVerifierPluginAndTasks() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.exactMatchVerifier("exact-plugin", "exact").writeTo(plugins.resolve("exact.jar"));
        tasks = Files.writeString(dir.resolve("tasks.jsonl"), """
                {"id": "a", "prompt": "2+2?", "verifier": "exact", "answer": "4"}
                {"id": "b", "prompt": "3+3?", "verifier": "exact", "answer": "6"}
                """);
    }

    @Test
    void scoresEveryCompletionWithThePluginAndSummarises() throws IOException {
        Path completions = Files.writeString(dir.resolve("completions.jsonl"), """
                {"id": "a", "completion": "4"}
                {"id": "a", "completion": "5"}
                {"id": "b", "completion": " 6 "}
                """);
        Path verdicts = dir.resolve("verdicts.jsonl");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "verify", "--task", tasks.toString(),
                "--completions", completions.toString(), "--out", verdicts.toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("a\\s+CORRECT\\s+1\\.000\\s+matches"), lines.get(0));
        assertTrue(lines.get(1).matches("a\\s+INCORRECT\\s+0\\.000\\s+expected 4"), lines.get(1));
        assertTrue(lines.get(2).matches("b\\s+CORRECT\\s+1\\.000\\s+matches"), lines.get(2));
        assertTrue(lines.get(3).startsWith("3 completions: 2 CORRECT, 1 INCORRECT, 0 NO_ANSWER, 0 TIMEOUT, 0 ERROR; "
                + "mean score 0.667; per call mean "), lines.get(3));
        assertEquals(3, Files.readAllLines(verdicts).size());
        assertTrue(Files.readAllLines(verdicts).get(1).contains("\"status\":\"INCORRECT\""));
    }

    @Test
    void aCompletionForAnUnknownTaskNamesItsLine() throws IOException {
        Path completions = Files.writeString(dir.resolve("completions.jsonl"), "{\"id\": \"a\", \"completion\": \"4\"}\n"
                + "{\"id\": \"zz\", \"completion\": \"4\"}\n");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "verify", "--task", tasks.toString(),
                "--completions", completions.toString());

        assertEquals(ExitCodes.RUN_FAILURE, run.exitCode());
        assertEquals("tempest: " + completions + ":2: no task with id \"zz\" in " + tasks + "\n", run.err());
    }

    @Test
    void aVerifierThatNoPluginProvidesIsAPluginFailure() throws IOException {
        Path completions = Files.writeString(dir.resolve("completions.jsonl"), "{\"id\": \"a\", \"completion\": \"4\"}\n");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "verify", "--verifier", "math",
                "--task", tasks.toString(), "--completions", completions.toString());

        assertEquals(ExitCodes.PLUGIN_FAILURE, run.exitCode());
        assertTrue(run.err().startsWith("tempest: no Verifier 'math' (installed: exact, exact-match)"), run.err());
    }

    @ParameterizedTest
    @CsvSource({"--jobs, 0", "--jobs, -3", "--jobs, 100000", "--timeout, 0", "--timeout, -1", "--timeout, 1e-6",
            "--timeout, 1e9", "--timeout, NaN"})
    void refusesJobsAndTimeoutsThatCannotBeMeantNamingTheValueGiven(String option, String value) throws IOException {
        Path completions = Files.writeString(dir.resolve("completions.jsonl"), "{\"id\": \"a\", \"completion\": \"4\"}\n");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "verify", "--task", tasks.toString(),
                "--completions", completions.toString(), option, value);

        String rule = option.equals("--jobs") ? "--jobs must be from 1 to 1024" : "--timeout must be from 0.001 to 3600 seconds";
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("tempest: " + rule + ", got " + value + " (see tempest verify --help)\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void refusesToWriteTheVerdictsOverAnInputFile() throws IOException {
        Path completions = Files.writeString(dir.resolve("completions.jsonl"), "{\"id\": \"a\", \"completion\": \"4\"}\n");
        Path tasksByAnotherName = dir.resolve("plugins/../tasks.jsonl");

        CliRun overTasks = CliRun.of("--plugins-dir", plugins.toString(), "verify", "--task", tasks.toString(),
                "--completions", completions.toString(), "--out", tasksByAnotherName.toString());
        CliRun overCompletions = CliRun.of("--plugins-dir", plugins.toString(), "verify", "--task", tasks.toString(),
                "--completions", completions.toString(), "--out", completions.toString());

        assertEquals(ExitCodes.USAGE, overTasks.exitCode());
        assertEquals("tempest: --out " + tasksByAnotherName + " is the --task file; the verdicts would replace it: "
                + "write them to another file (see tempest verify --help)\n", overTasks.err());
        assertEquals(ExitCodes.USAGE, overCompletions.exitCode());
        assertEquals("tempest: --out " + completions + " is the --completions file; the verdicts would replace it: "
                + "write them to another file (see tempest verify --help)\n", overCompletions.err());
        assertTrue(Files.readString(tasks).contains("\"answer\": \"4\""), "the task file is untouched");
    }
}
