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
import dev.tempest.config.ConfigException;
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

        runner().run(pipeline("skip", "lines"), out, PipelineRunner.Existing.REFUSE);

        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(1, metrics.size());
        JsonNode line = new ObjectMapper().readTree(metrics.get(0));
        assertEquals("scan", line.get("stage").asText());
        assertTrue(line.get("done").asBoolean());
        assertEquals(3, line.get("rows").asLong());
        assertEquals(1, line.get("bad_rows").asLong());
        assertTrue(console.toString().contains("rejected " + data + ":2: a bad row"), console.toString());
    }

    @Test
    void stopPolicyFailsTheRunNamingTheRowAndTheFolderSaysHowToGoOn() throws Exception {
        Path out = dir.resolve("run");
        Pipeline pipeline = pipeline("stop", "lines");

        RunException failed = assertThrows(RunException.class, () -> runner().run(pipeline, out, PipelineRunner.Existing.REFUSE));
        RunException rerun = assertThrows(RunException.class, () -> runner().run(pipeline, out, PipelineRunner.Existing.REFUSE));

        assertEquals(data + ":2: a bad row (on_bad_row: stop)", failed.getMessage());
        assertEquals(out + " holds a run that failed (" + data + ":2: a bad row (on_bad_row: stop)); continue it with"
                + " --resume, or start over with --overwrite", rerun.getMessage());
    }

    @Test
    void aResumedRunKeepsTheStagesThatFinished() throws Exception {
        Path out = dir.resolve("run");
        Pipeline pipeline = pipeline("skip", "lines");
        runner().run(pipeline, out, PipelineRunner.Existing.REFUSE);
        console.getBuffer().setLength(0);

        runner().run(pipeline, out, PipelineRunner.Existing.RESUME);

        assertEquals(1, Files.readAllLines(out.resolve("metrics.jsonl")).size());
        assertTrue(console.toString().startsWith("[1/1] scan: finished in an earlier attempt; kept\n"), console.toString());
    }

    @Test
    void aMissingLoaderIsAPluginError() throws Exception {
        when(plugins.extension(DatasetLoader.class, "csv")).thenThrow(new PluginException("no DatasetLoader 'csv'"));

        assertThrows(PluginException.class, () -> pipeline("skip", "csv"));
    }

    @Test
    void aMissingDataFileIsAConfigErrorAtItsPathBeforeAnythingRuns() throws Exception {
        Files.delete(data);

        ConfigException error = assertThrows(ConfigException.class, () -> pipeline("skip", "lines"));

        assertEquals(dir.resolve("pipeline.yaml") + ":7:7: stages[0].dataset.path: no such file: " + data,
                error.getMessage());
    }

    private PipelineRunner runner() {
        return new PipelineRunner(new PrintWriter(console, true));
    }

    private Pipeline pipeline(String onBadRow, String loader) throws Exception {
        Path file = Files.writeString(dir.resolve("pipeline.yaml"), """
                name: test
                stages:
                  - name: scan
                    kind: scan
                    dataset:
                      loader: %s
                      path: corpus.lines
                      on_bad_row: %s
                """.formatted(loader, onBadRow));
        return Pipeline.load(file, plugins, null);
    }
}
