package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.plugin.TestPlugins;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {

    @TempDir Path plugins;

    @Test
    void listsAThrowawayPluginWithItsLoadedExtensionAndOneLinePerBrokenJar() throws IOException {
        TestPlugins.exactMatchVerifier("echo-plugin", "exact").writeTo(plugins.resolve("echo-plugin-1.0.0.jar"));
        TestPlugins.corruptJar(plugins.resolve("corrupt.jar"));
        TestPlugins.exactMatchVerifier("from-the-future", "future").manifest("Plugin-Requires", ">=2.0.0")
                .writeTo(plugins.resolve("from-the-future.jar"));

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "plugins");

        assertEquals(ExitCodes.PLUGIN_FAILURE, run.exitCode());
        List<String> rows = run.out().lines().toList();
        assertTrue(rows.get(0).matches("PLUGIN\\s+VERSION\\s+STATE\\s+EXTENSIONS"), rows.get(0));
        assertTrue(rows.get(1).matches("echo-plugin\\s+1\\.0\\.0\\s+STARTED\\s+Verifier exact"), rows.get(1));
        assertTrue(rows.get(2).matches("\\(built in\\)\\s+Verifier exact-match, BackendProvider cpu, BackendProvider opencl"), rows.get(2));
        assertEquals(3, rows.size(), run.out());

        List<String> errors = run.err().lines().sorted().toList();
        assertEquals(2, errors.size(), run.err());
        assertTrue(errors.get(0).startsWith("tempest: " + plugins.resolve("corrupt.jar") + ": not a readable jar"),
                errors.get(0));
        assertEquals("tempest: " + plugins.resolve("from-the-future.jar")
                + ": requires Tempest >=2.0.0, this is 0.1.0; plugin not loaded", errors.get(1));
    }

    @Test
    void theOptionWorksAfterTheSubcommandAndTheEnvironmentVariableWithoutIt() {
        TestPlugins.exactMatchVerifier("echo-plugin", "exact").writeTo(plugins.resolve("echo.jar"));

        CliRun after = CliRun.of("plugins", "--plugins-dir", plugins.toString());
        CliRun fromEnvironment = CliRun.of(Map.of(Tempest.PLUGINS_DIR_VARIABLE, plugins.toString()), "plugins");

        assertEquals(ExitCodes.OK, after.exitCode(), after.err());
        assertTrue(after.out().contains("Verifier exact"), after.out());
        assertEquals(after.out(), fromEnvironment.out());
    }

    @Test
    void aMissingPluginsFolderIsAPluginFailureNamingIt() {
        Path absent = plugins.resolve("absent");

        CliRun run = CliRun.of("--plugins-dir", absent.toString(), "plugins");

        assertEquals(ExitCodes.PLUGIN_FAILURE, run.exitCode());
        assertEquals("tempest: plugins folder " + absent + " does not exist\n", run.err());
    }

    @Test
    void devicesListsTheCpu() {
        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "devices");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().lines().anyMatch(line -> line.matches("cpu\\s+CPU\\s+[0-9.]+ GiB\\s+\\d+\\s+.+")), run.out());
    }
}
