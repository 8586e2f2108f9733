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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir Path dir;

    private final PipelineConfig config = new PipelineConfig("demo", null, List.of(
            new ScanStageConfig("scan", new DatasetConfig("jsonl", Path.of("/data/a.jsonl"), BadRowPolicy.STOP))));

    @Test
    void writesTheResolvedConfigAndAppendsMetricsLineByLine() throws IOException {
        RunFolder folder = RunFolder.create(dir.resolve("run"), config, false);
        try (MetricsLog metrics = folder.openMetrics()) {
            metrics.log(Map.of("step", 1));
            metrics.log(Map.of("step", 2));
        }

        assertEquals(ConfigLoader.toYaml(config), Files.readString(dir.resolve("run/config.yaml")));
        assertEquals(List.of("{\"step\":1}", "{\"step\":2}"), Files.readAllLines(dir.resolve("run/metrics.jsonl")));
    }

    @Test
    void resumesOnlyARunWithTheSameConfiguration() throws IOException {
        Path run = dir.resolve("run");
        RunFolder.create(run, config, false);
        PipelineConfig changed = new PipelineConfig("demo", null, List.of(
                new ScanStageConfig("scan", new DatasetConfig("jsonl", Path.of("/data/b.jsonl"), BadRowPolicy.STOP))));

        assertEquals(run, RunFolder.resume(run, config).dir());
        IOException refused = assertThrows(IOException.class, () -> RunFolder.resume(run, changed));
        assertTrue(refused.getMessage().contains("was started with another configuration"), refused.getMessage());
        assertThrows(IOException.class, () -> RunFolder.resume(dir.resolve("absent"), config));
    }

    @Test
    void refusesAFolderThatHoldsAnotherRunUnlessToldToOverwrite() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("metrics.jsonl"), "{\"old\":true}\n");

        IOException refused = assertThrows(IOException.class, () -> RunFolder.create(run, config, false));
        assertTrue(refused.getMessage().contains("--overwrite"), refused.getMessage());
        assertTrue(Files.exists(run.resolve("metrics.jsonl")));

        RunFolder.create(run, config, true);
        assertFalse(Files.exists(run.resolve("metrics.jsonl")));
        assertTrue(Files.exists(run.resolve("config.yaml")));
    }
}
