package dev.tempest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.api.DatasetLoader;
import dev.tempest.api.RowSink;
import dev.tempest.api.SourceLocation;
import dev.tempest.api.TextRecord;
import dev.tempest.config.BadRowPolicy;
import dev.tempest.config.DatasetConfig;
import dev.tempest.config.PipelineConfig;
import dev.tempest.config.ScanStageConfig;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRunnerTest {

    @TempDir Path dir;

    private final PluginHost plugins = mock(PluginHost.class);
    private final StringWriter console = new StringWriter();
    private Path data;

    /** Every line is a row; a line reading "bad" is rejected. */
    private static final class LinesLoader implements DatasetLoader {
        public String id() {
            return "lines";
        }

        public boolean accepts(Path source) {
            return source.toString().endsWith(".lines");
        }

        public void read(Path source, RowSink rows) throws IOException {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                SourceLocation at = new SourceLocation(source, i + 1);
                if (lines.get(i).equals("bad")) {
                    rows.reject(at, "a bad row");
                } else {
                    rows.accept(at, new TextRecord(lines.get(i)));
                }
            }
        }
    }

    @BeforeEach
    void installLoader() throws Exception {
        when(plugins.extension(DatasetLoader.class, "lines")).thenReturn(new LinesLoader());
        data = Files.writeString(dir.resolve("corpus.lines"), "one\nbad\ntwo\nthree\n");
    }

    @Test
    void scanStageCountsRowsAndLogsOneMetricsLine() throws Exception {
        Path out = dir.resolve("run");

        runner().run(pipeline(BadRowPolicy.SKIP, "lines"), out, PipelineRunner.Existing.REFUSE);

        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(1, metrics.size());
        JsonNode line = new ObjectMapper().readTree(metrics.get(0));
        assertEquals("scan", line.get("stage").asText());
        assertEquals(3, line.get("rows").asLong());
        assertEquals(1, line.get("bad_rows").asLong());
        assertTrue(console.toString().contains("rejected " + data + ":2: a bad row"), console.toString());
    }

    @Test
    void stopPolicyFailsTheRunNamingTheRow() {
        RunException failed = assertThrows(RunException.class,
                () -> runner().run(pipeline(BadRowPolicy.STOP, "lines"), dir.resolve("run"), PipelineRunner.Existing.REFUSE));

        assertEquals(data + ":2: a bad row (on_bad_row: stop)", failed.getMessage());
    }

    @Test
    void aMissingLoaderIsAPluginError() throws Exception {
        when(plugins.extension(DatasetLoader.class, "csv")).thenThrow(new PluginException("no DatasetLoader 'csv'"));

        assertThrows(PluginException.class, () -> runner().run(pipeline(BadRowPolicy.SKIP, "csv"), dir.resolve("run"), PipelineRunner.Existing.REFUSE));
    }

    @Test
    void aMissingDataFileIsARunErrorNamingIt() throws IOException {
        Files.delete(data);

        RunException failed = assertThrows(RunException.class,
                () -> runner().run(pipeline(BadRowPolicy.SKIP, "lines"), dir.resolve("run"), PipelineRunner.Existing.REFUSE));

        assertEquals(data + ": no such data file", failed.getMessage());
    }

    private PipelineRunner runner() {
        return new PipelineRunner(plugins, new PrintWriter(console, true));
    }

    private PipelineConfig pipeline(BadRowPolicy policy, String loader) {
        return new PipelineConfig("test", null,
                List.of(new ScanStageConfig("scan", new DatasetConfig(loader, data, policy))));
    }
}
