package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.plugin.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {

    @TempDir Path plugins;

    @Test
    void printsTheMachineAndEveryExtensionsChecksWithTheFixOfEachFailure() throws IOException {
        verifierPlugin("gadgets", "return List.of(SystemCheck.passed(\"widget\", \"/usr/bin/widget 1.2\"),"
                + " SystemCheck.failed(\"gadget\", \"/usr/bin/gadget not found\", \"apt-get install gadget\"));");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "doctor");

        assertEquals(ExitCodes.CHECK_FAILED, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("(ok|FAIL) +jvm +.+"), lines.get(0));
        assertTrue(lines.get(1).matches("(ok|FAIL) +machine +\\d+ cores, .+ memory, JVM heap up to .+"), lines.get(1));
        int widget = lines.indexOf(lines.stream().filter(line -> line.contains("widget")).findFirst().orElseThrow());
        assertTrue(lines.get(widget).matches("ok +widget +/usr/bin/widget 1\\.2"), lines.get(widget));
        assertTrue(lines.get(widget + 1).matches("FAIL +gadget +/usr/bin/gadget not found"), lines.get(widget + 1));
        assertTrue(lines.get(widget + 2).matches(" +fix: apt-get install gadget"), lines.get(widget + 2));
        int detailColumn = lines.get(widget).indexOf("/usr");
        assertEquals(detailColumn, lines.get(widget + 1).indexOf("/usr"), "aligned");
        assertEquals(detailColumn, lines.get(widget + 2).indexOf("fix:"), "aligned");
        assertTrue(lines.get(lines.size() - 1).matches("\\d+ of \\d+ checks failed"), lines.get(lines.size() - 1));
    }

    @Test
    void anExtensionWhoseChecksThrowCostsOneFailedLineNamingIt() throws IOException {
        verifierPlugin("broken", "throw new IllegalStateException(\"probe crashed\");");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "doctor");

        assertEquals(ExitCodes.CHECK_FAILED, run.exitCode(), run.err());
        List<String> failed = run.out().lines().filter(line -> line.contains("probe crashed")).toList();
        assertEquals(1, failed.size(), run.out());
        assertTrue(failed.get(0).matches("FAIL +broken +throwaway\\.broken\\.Checked\\.systemChecks\\(\\) failed: "
                + "java\\.lang\\.IllegalStateException: probe crashed"), failed.get(0));
        assertTrue(run.out().contains("fix: a fault in throwaway.broken.Checked: report it to the plugin's author"), run.out());
        assertFalse(run.out().contains("\tat ") || run.err().contains("\tat "), "a stack trace was printed");
    }

    /** A plugin {@code id} with a Verifier, id {@code id} too, whose systemChecks() body is {@code checks}. */
    private void verifierPlugin(String id, String checks) throws IOException {
        new PluginJarBuilder(id).source("throwaway." + id + ".Checked", """
                package throwaway.%s;

                import dev.tempest.api.*;
                import java.util.List;
                import org.pf4j.Extension;

                @Extension
                public class Checked implements Verifier {
                    public String id() { return "%s"; }
                    public List<SystemCheck> systemChecks() { %s }
                    public Verdict verify(Task task, String completion) { return Verdict.correct("yes"); }
                }
                """.formatted(id, id, checks)).writeTo(Files.createDirectories(plugins).resolve(id + ".jar"));
    }
}
