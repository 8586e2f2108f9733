package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {

    @Test
    void everyCommandAnswersHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(Tempest.commandLine(Map.of()), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 7, paths.toString()); // tempest, run, config, validate, show, plugins, devices

        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitCodes.OK, run.exitCode(), path + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: tempest"), path + ": " + run.out());
        }
    }

    @Test
    void versionNamesTempestAndJava() {
        CliRun run = CliRun.of("--version");

        assertEquals(ExitCodes.OK, run.exitCode());
        assertTrue(run.out().startsWith("tempest 0.1.0\njava "), run.out());
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, CliRun.of("train").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.of("run", "--fast", "x.yaml").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.of("run").exitCode());
    }

    @Test
    void aUsageErrorIsOneLinePointingAtTheCommandsHelp() {
        CliRun run = CliRun.of("run");

        assertEquals("tempest: Missing required parameter: 'PIPELINE' (see tempest run --help)\n", run.err());
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        if (command.getCommandName().equals("help")) {
            return;
        }
        paths.add(path);
        for (CommandLine sub : command.getSubcommands().values()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getCommandName());
            collect(sub, subPath, paths);
        }
    }
}
