package dev.tempest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.config.BadRowPolicy;
import dev.tempest.config.ConfigLoader;
import dev.tempest.config.DatasetConfig;
import dev.tempest.config.PipelineConfig;
import dev.tempest.config.ScanStageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir Path dir;

    private final PipelineConfig config = new PipelineConfig("demo", null, List.of(
            new ScanStageConfig("scan", new DatasetConfig("jsonl", Path.of("/data/a.jsonl"), BadRowPolicy.STOP))));

    @Test
    void writesTheMarkerAndResolvedConfigAndAppendsMetricsLineByLine() throws IOException {
        Path run = dir.resolve("run");
        try (RunFolder folder = RunFolder.create(run, config, false, List.of())) {
            StageMetrics metrics = folder.stageMetrics("scan");
            metrics.log(Map.of("step", 1));
            metrics.log(Map.of("step", 2));
            assertEquals(List.of("{\"stage\":\"scan\",\"step\":1}", "{\"stage\":\"scan\",\"step\":2}"),
                    Files.readAllLines(run.resolve("metrics.jsonl")), "each line is on disk once logged");
            folder.finished();
        }
        assertEquals(ConfigLoader.toYaml(config), Files.readString(run.resolve("config.yaml")));
        assertTrue(Files.readString(run.resolve("tempest-run.json")).contains("\"status\" : \"finished\""));
    }

    @Test
    void resumesOnlyARunWithTheSameConfiguration() throws IOException {
        Path run = dir.resolve("run");
        RunFolder.create(run, config, false, List.of()).close();
        PipelineConfig changed = new PipelineConfig("demo", null, List.of(
                new ScanStageConfig("scan", new DatasetConfig("jsonl", Path.of("/data/b.jsonl"), BadRowPolicy.STOP))));

        RunFolder.resume(run, config, List.of()).close();
        IOException refused = assertThrows(IOException.class, () -> RunFolder.resume(run, changed, List.of()));

        assertEquals(run + " was started with another configuration (see its config.yaml); resume it with that one,"
                + " or start over with --overwrite", refused.getMessage());
    }

    @Test
    void aNewRunIntoARunFolderIsRefusedWithWhatToDoForEachWayTheEarlierOneEnded() throws IOException {
        Path finished = dir.resolve("finished");
        Path failed = dir.resolve("failed");
        Path interrupted = dir.resolve("interrupted");
        try (RunFolder folder = RunFolder.create(finished, config, false, List.of())) {
            folder.finished();
        }
        try (RunFolder folder = RunFolder.create(failed, config, false, List.of())) {
            folder.failed("out of data");
        }
        RunFolder.create(interrupted, config, false, List.of()).close();  // what kill -9 leaves: still "running"

        assertEquals(finished + " holds a finished run; choose another --output, or pass --overwrite to replace it",
                refusal(finished));
        assertEquals(failed + " holds a run that failed (out of data); continue it with --resume, or start over with"
                + " --overwrite", refusal(failed));
        assertEquals(interrupted + " holds a run that was interrupted; continue it with --resume, or start over with"
                + " --overwrite", refusal(interrupted));
    }

    @Test
    void overwriteReplacesARunFolderButNeverAFolderTempestDidNotMake() throws IOException {
        Path run = dir.resolve("run");
        RunFolder.create(run, config, false, List.of()).close();
        Files.writeString(run.resolve("stale.txt"), "from the earlier run");
        Path notARun = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(notARun.resolve("cat.jpg"), "precious");

        RunFolder.create(run, config, true, List.of()).close();
        IOException refused = assertThrows(IOException.class, () -> RunFolder.create(notARun, config, true, List.of()));

        assertFalse(Files.exists(run.resolve("stale.txt")));
        assertEquals(notARun + " is not empty and holds no Tempest run (no tempest-run.json); choose a new or empty"
                + " folder: Tempest replaces only folders it made", refused.getMessage());
        assertEquals(List.of(notARun.resolve("cat.jpg")), list(notARun), "nothing written into it, not even a lock");
        assertEquals("precious", Files.readString(notARun.resolve("cat.jpg")));
    }

    @Test
    void refusesTheWorkingDirectoryAFolderAboveItAndAFolderHoldingAnInput() throws IOException {
        Path data = Files.createDirectories(dir.resolve("run/data")).resolve("corpus.txt");
        Files.writeString(data, "text");

        IOException here = assertThrows(IOException.class, () -> RunFolder.create(Path.of("."), config, true, List.of()));
        IOException above = assertThrows(IOException.class, () -> RunFolder.create(Path.of(".."), config, true, List.of()));
        IOException input = assertThrows(IOException.class,
                () -> RunFolder.create(dir.resolve("run"), config, true, List.of(data)));

        assertEquals("refusing . as the run folder: it is, or contains, the working directory; choose a folder of its"
                + " own, such as runs/NAME", here.getMessage());
        assertTrue(above.getMessage().startsWith("refusing .. as the run folder: it is, or contains, the working"));
        assertEquals("refusing " + dir.resolve("run") + " as the run folder: it contains " + data + ", which the run"
                + " reads; choose a folder of its own, such as runs/NAME", input.getMessage());
        assertEquals("text", Files.readString(data));
    }

    @Test
    void aLockedFolderIsRefusedNamingWhoHoldsIt() throws IOException {
        Path run = dir.resolve("run");
        try (RunFolder first = RunFolder.create(run, config, false, List.of())) {
            IOException resume = assertThrows(IOException.class, () -> RunFolder.resume(run, config, List.of()));
            IOException overwrite = assertThrows(IOException.class, () -> RunFolder.create(run, config, true, List.of()));

            String holder = "pid " + ProcessHandle.current().pid() + " on ";
            assertTrue(resume.getMessage().startsWith(run + " is in use by another tempest run (" + holder),
                    resume.getMessage());
            assertTrue(resume.getMessage().endsWith("); wait for it to end, or choose another --output"));
            assertTrue(overwrite.getMessage().startsWith(run + " is in use by another tempest run (" + holder));
            assertTrue(Files.exists(run.resolve("config.yaml")), "the live run's files are untouched");
        }
        RunFolder.resume(run, config, List.of()).close();  // free again once the holder is gone
    }

    @Test
    void resumeKeepsFinishedStagesAndTheNextStageOverwritesWhatAnInterruptedAttemptWrote() throws IOException {
        Path run = dir.resolve("run");
        try (RunFolder folder = RunFolder.create(run, config, false, List.of())) {
            folder.stageMetrics("a").log(Map.of("done", true));
            StageMetrics b = folder.stageMetrics("b");
            b.log(Map.of("step", 1));
        }
        Files.writeString(run.resolve("metrics.jsonl"), "{\"stage\":\"b\",\"st", StandardOpenOption.APPEND);

        try (RunFolder folder = RunFolder.resume(run, config, List.of())) {
            assertEquals(Set.of("a"), folder.finishedStages());
            Map<String, Object> again = new LinkedHashMap<>();
            again.put("step", 1);
            again.put("again", true);
            folder.stageMetrics("b").log(again);
        }

        assertEquals(List.of("{\"stage\":\"a\",\"done\":true}", "{\"stage\":\"b\",\"step\":1,\"again\":true}"),
                Files.readAllLines(run.resolve("metrics.jsonl")));
    }

    @Test
    void resumeNamesWhatIsMissing() throws IOException {
        Path absent = dir.resolve("absent");
        Path notARun = Files.createDirectories(dir.resolve("other"));

        assertEquals(absent + " does not exist: there is no run to resume; start it without --resume",
                assertThrows(IOException.class, () -> RunFolder.resume(absent, config, List.of())).getMessage());
        assertEquals(notARun + " holds no Tempest run to resume (no tempest-run.json)",
                assertThrows(IOException.class, () -> RunFolder.resume(notARun, config, List.of())).getMessage());
    }

    @Test
    void aFileIsNotARunFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");

        assertEquals(file + " is a file, not a folder; choose a folder for the run",
                assertThrows(IOException.class, () -> RunFolder.create(file, config, true, List.of())).getMessage());
        assertEquals("mine", Files.readString(file));
    }

    private String refusal(Path run) {
        return assertThrows(IOException.class, () -> RunFolder.create(run, config, false, List.of())).getMessage();
    }

    private static List<Path> list(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.toList();
        }
    }
}
