package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.plugin.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAndRunCommandTest {

    @TempDir Path dir;
    private Path plugins;

    @BeforeEach
    void installALoaderPlugin() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.linesLoader("lines-loader").writeTo(plugins.resolve("lines-loader.jar"));
    }

    @Test
    void runScansTheDataThroughThePluginAndWritesTheRunFolder() throws IOException {
        Files.writeString(dir.resolve("corpus.txt"), "a\nb\nc\n");
        Path pipeline = pipeline("loader: lines");
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "run", pipeline.toString(), "--output", out.toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("3 rows read, 0 rejected"), run.out());
        assertTrue(Files.readString(out.resolve("metrics.jsonl")).contains("\"rows\":3"));
        assertTrue(Files.exists(out.resolve("config.yaml")));
    }

    @Test
    void aMissingDataSetIsFoundBeforeAnythingRunsAndNamedAtItsLine() throws IOException {
        Path pipeline = pipeline("loader: lines");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "run", pipeline.toString(),
                "--output", dir.resolve("out").toString());
        CliRun validate = CliRun.of("--plugins-dir", plugins.toString(), "config", "validate", pipeline.toString());

        assertEquals(ExitCodes.BAD_CONFIG, run.exitCode());
        String message = "tempest: " + pipeline + ":7:7: stages[0].dataset.path: no such file: " + dir.resolve("corpus.txt") + "\n";
        assertEquals(message, run.err());
        assertEquals(message, validate.err());
        assertFalse(Files.exists(dir.resolve("out")), "no run folder for a run that never started");
    }

    @Test
    void aRunThatCannotStartExitsWithTheRunFailureCode() throws IOException {
        Files.writeString(dir.resolve("corpus.txt"), "a\n");
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "run", pipeline("loader: lines").toString(),
                "--output", mine.toString(), "--overwrite");

        assertEquals(ExitCodes.RUN_FAILURE, run.exitCode());
        assertEquals("tempest: " + mine + " is not empty and holds no Tempest run (no tempest-run.json); choose a new"
                + " or empty folder: Tempest replaces only folders it made\n", run.err());
        assertEquals("keep", Files.readString(mine.resolve("notes.txt")));
    }

    @Test
    void validateNamesFileLineAndFieldOfAnUnknownKey() throws IOException {
        Path pipeline = pipeline("lodaer: lines");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "config", "validate", pipeline.toString());

        assertEquals(ExitCodes.BAD_CONFIG, run.exitCode());
        assertEquals("tempest: " + pipeline + ":6:7: stages[0].dataset.lodaer: unknown key; did you mean 'loader'?\n",
                run.err());
    }

    @Test
    void validateNamesAWrongTypeAndAMissingField() throws IOException {
        Path missing = Files.move(pipeline("on_bad_row: stop"), dir.resolve("missing.yaml"));
        Path wrongType = pipeline("loader: lines\n      on_bad_row: 3");

        CliRun typeRun = CliRun.of("--plugins-dir", plugins.toString(), "config", "validate", wrongType.toString());
        CliRun missingRun = CliRun.of("--plugins-dir", plugins.toString(), "config", "validate", missing.toString());

        assertEquals(ExitCodes.BAD_CONFIG, typeRun.exitCode());
        assertEquals("tempest: " + wrongType + ":7:7: stages[0].dataset.on_bad_row: expected one of skip, stop, got 3\n",
                typeRun.err());
        assertEquals(ExitCodes.BAD_CONFIG, missingRun.exitCode());
        assertEquals("tempest: " + missing + ":5:5: stages[0].dataset.loader: required, but missing\n", missingRun.err());
    }

    @Test
    void validateReportsAnExtensionThatNoPluginProvides() throws IOException {
        Path pipeline = pipeline("loader: parquet");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "config", "validate", pipeline.toString());

        assertEquals(ExitCodes.PLUGIN_FAILURE, run.exitCode());
        assertEquals("tempest: " + pipeline + ":6:7: stages[0].dataset.loader: no DatasetLoader 'parquet' (installed:"
                + " lines); add the plugin that provides it to " + plugins + "\n", run.err());
    }

    @Test
    void validateAcceptsAGoodFileAndShowPrintsItWithDefaults() throws IOException {
        Files.writeString(dir.resolve("corpus.txt"), "a\n");
        Path pipeline = pipeline("loader: lines");

        CliRun validate = CliRun.of("--plugins-dir", plugins.toString(), "config", "validate", pipeline.toString());
        CliRun show = CliRun.of("config", "show", pipeline.toString());

        assertEquals(ExitCodes.OK, validate.exitCode(), validate.err());
        assertEquals(pipeline + ": ok\n", validate.out());
        assertEquals(ExitCodes.OK, show.exitCode(), show.err());
        assertEquals("""
                name: scan-test
                output: runs/scan-test
                stages:
                - kind: scan
                  name: scan
                  dataset:
                    loader: lines
                    path: %s
                    on_bad_row: skip
                """.formatted(dir.resolve("corpus.txt")), show.out());
    }

    private Path pipeline(String datasetLines) throws IOException {
        return Files.writeString(dir.resolve("pipeline.yaml"), """
                name: scan-test
                stages:
                  - name: scan
                    kind: scan
                    dataset:
                      %s
                      path: corpus.txt
                """.formatted(datasetLines));
    }
}
