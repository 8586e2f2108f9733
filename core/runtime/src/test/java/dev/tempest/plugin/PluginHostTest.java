package dev.tempest.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.BackendProvider;
import dev.tempest.api.Task;
import dev.tempest.api.VerdictStatus;
import dev.tempest.api.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginHostTest {

    @TempDir Path plugins;

    @Test
    void loadsAThrowawayPluginAndCallsItsExtension() throws Exception {
        TestPlugins.exactMatchVerifier("echo-plugin", "exact").writeTo(plugins.resolve("echo-plugin-1.0.0.jar"));

        try (PluginHost host = PluginHost.open(plugins)) {
            assertEquals(List.of(), host.problems());
            PluginSummary plugin = host.plugins().get(0);
            assertEquals("echo-plugin", plugin.id());
            assertEquals("STARTED", plugin.state());
            assertEquals(List.of(new ExtensionSummary("Verifier", "exact", "throwaway.echo_plugin.ExactMatch", "")),
                    plugin.extensions());

            Verifier verifier = host.extension(Verifier.class, "exact");
            Task task = new Task("t1", "2+2?", "exact", Map.of("answer", "4"));
            assertEquals(VerdictStatus.CORRECT, verifier.verify(task, " 4\n").status());
            assertEquals(VerdictStatus.INCORRECT, verifier.verify(task, "5").status());
        }
    }

    @Test
    void anExtensionThatAsksForTheHostFindsAnotherPluginsExtensionsThere() throws Exception {
        TestPlugins.exactMatchVerifier("exact-plugin", "exact").writeTo(plugins.resolve("exact-plugin.jar"));
        new PluginJarBuilder("relay-plugin").source("throwaway.Relay", """
                package throwaway;

                import dev.tempest.api.Task;
                import dev.tempest.api.Verdict;
                import dev.tempest.api.Verifier;
                import dev.tempest.plugin.PluginHost;
                import org.pf4j.Extension;

                @Extension
                public class Relay implements Verifier {
                    private final PluginHost host;
                    public Relay(PluginHost host) { this.host = host; }
                    public String id() { return "relay"; }
                    public Verdict verify(Task task, String completion) throws Exception {
                        return host.extension(Verifier.class, "exact").verify(task, completion);
                    }
                }
                """).writeTo(plugins.resolve("relay-plugin.jar"));

        try (PluginHost host = PluginHost.open(plugins)) {
            Task task = new Task("t1", "2+2?", "relay", Map.of("answer", "4"));
            assertEquals(List.of(), host.problems());
            assertEquals(VerdictStatus.CORRECT, host.extension(Verifier.class, "relay").verify(task, "4").status());
            assertEquals(VerdictStatus.INCORRECT, host.extension(Verifier.class, "relay").verify(task, "5").status());
        }
    }

    @Test
    void corruptIncompatibleAndDuplicateJarsEachCostOneLineAndTheRestLoad() throws IOException {
        TestPlugins.exactMatchVerifier("good", "exact").writeTo(plugins.resolve("a-good.jar"));
        TestPlugins.corruptJar(plugins.resolve("b-corrupt.jar"));
        TestPlugins.exactMatchVerifier("future", "future").manifest("Plugin-Requires", ">=9.0.0")
                .writeTo(plugins.resolve("c-future.jar"));
        TestPlugins.exactMatchVerifier("good", "again").writeTo(plugins.resolve("d-duplicate.jar"));
        new PluginJarBuilder("unnamed").manifest("Plugin-Id", null).writeTo(plugins.resolve("e-no-id.jar"));

        try (PluginHost host = PluginHost.open(plugins)) {
            List<String> problems = host.problems().stream().map(PluginProblem::toString).sorted().toList();
            assertEquals(4, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith(plugins.resolve("b-corrupt.jar") + ": not a readable jar"),
                    problems.get(0));
            assertEquals(plugins.resolve("c-future.jar")
                    + ": requires Tempest >=9.0.0, this is 0.1.0; plugin not loaded", problems.get(1));
            assertEquals(plugins.resolve("d-duplicate.jar")
                    + ": plugin id 'good' is already loaded from a-good.jar; plugin not loaded", problems.get(2));
            assertTrue(problems.get(3).startsWith(plugins.resolve("e-no-id.jar") + ": invalid plugin manifest"),
                    problems.get(3));
            problems.forEach(line -> assertEquals(1, line.lines().count(), line));

            assertEquals(List.of("good"), host.plugins().stream().map(PluginSummary::id).toList());
            assertEquals(List.of("exact"), pluginVerifiers(host));
        }
    }

    @Test
    void disabledTxtKeepsAPluginFromStarting() throws Exception {
        TestPlugins.exactMatchVerifier("kept", "kept").writeTo(plugins.resolve("kept.jar"));
        TestPlugins.exactMatchVerifier("off", "off").writeTo(plugins.resolve("off.jar"));
        Files.writeString(plugins.resolve("disabled.txt"), "# switched off for this test\noff\n");

        try (PluginHost host = PluginHost.open(plugins)) {
            assertEquals(List.of("kept:STARTED", "off:DISABLED"),
                    host.plugins().stream().map(p -> p.id() + ":" + p.state()).toList());
            PluginException missing = assertThrows(PluginException.class, () -> host.extension(Verifier.class, "off"));
            assertEquals("no Verifier 'off' (installed: exact-match, kept); add the plugin that provides it to " + plugins,
                    missing.getMessage());
        }
    }

    @Test
    void enabledTxtLoadsOnlyThePluginsItNames() {
        TestPlugins.exactMatchVerifier("one", "one").writeTo(plugins.resolve("one.jar"));
        TestPlugins.exactMatchVerifier("two", "two").writeTo(plugins.resolve("two.jar"));
        try {
            Files.writeString(plugins.resolve("enabled.txt"), "two\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        try (PluginHost host = PluginHost.open(plugins)) {
            assertEquals(List.of("two"), pluginVerifiers(host));
        }
    }

    @Test
    void extensionsBuiltIntoTempestNeedNoPlugin() throws Exception {
        try (PluginHost host = PluginHost.open(plugins)) {
            assertTrue(host.extensions(BackendProvider.class).stream().anyMatch(b -> b.id().equals("cpu")));
            assertTrue(host.builtIn().contains(new ExtensionSummary("BackendProvider", "cpu",
                    "dev.tempest.accelerator.CpuBackendProvider", "")), host.builtIn().toString());
            assertTrue(host.builtIn().contains(new ExtensionSummary("BackendProvider", "opencl",
                    "dev.tempest.accelerator.opencl.OpenClBackendProvider", "")), host.builtIn().toString());
            Verifier exact = host.extension(Verifier.class, "exact-match");
            Task task = new Task("t", "Capital of France?", "exact-match", Map.of("answer", "Paris"));
            assertEquals(VerdictStatus.CORRECT, exact.verify(task, " Paris\n").status());
            assertEquals(VerdictStatus.INCORRECT, exact.verify(task, "paris").status());
            assertEquals(VerdictStatus.NO_ANSWER, exact.verify(task, "  ").status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"static", "constructor", "id"})
    void anExtensionThatThrowsCostsOneLineAndOnlyItsPluginIsDisabled(String fault) throws Exception {
        TestPlugins.exactMatchVerifier("good", "exact").writeTo(plugins.resolve("good.jar"));
        TestPlugins.faultyVerifier("faulty", fault).writeTo(plugins.resolve("faulty.jar"));

        try (PluginHost host = PluginHost.open(plugins)) {
            assertEquals(1, host.problems().size(), host.problems().toString());
            assertEquals(plugins.resolve("faulty.jar") + ": extension throwaway.faulty.Faulty fails: "
                    + "java.lang.IllegalStateException: broken " + fault + "; plugin not loaded",
                    host.problems().get(0).toString());
            assertEquals(List.of("exact"), pluginVerifiers(host));
            assertEquals(List.of("good"), host.plugins().stream().map(PluginSummary::id).toList());
        }
    }

    @Test
    void anExtensionIdTakenByAnotherPluginIsRefusedNamingBothJarsAndTheBundledOneWins() throws Exception {
        TestPlugins.exactMatchVerifier("third-party", "exact").writeTo(plugins.resolve("a-third-party.jar"));
        TestPlugins.exactMatchVerifier("bundled", "exact").manifest("Plugin-Provider", "Tempest")
                .writeTo(plugins.resolve("z-bundled.jar"));

        try (PluginHost host = PluginHost.open(plugins)) {
            assertEquals(List.of(plugins.resolve("a-third-party.jar") + ": its Verifier 'exact' has the id of one in"
                    + " z-bundled.jar, which comes with Tempest and is kept (to use this one instead, add 'bundled' to"
                    + " disabled.txt); plugin not loaded"), host.problems().stream().map(PluginProblem::toString).toList());
            assertEquals("throwaway.bundled.ExactMatch", host.extension(Verifier.class, "exact").getClass().getName());
        }
    }

    @Test
    void aJarWithABundledPluginsIdNeverDisplacesIt() throws Exception {
        TestPlugins.exactMatchVerifier("verifier-math", "impostor").writeTo(plugins.resolve("a-impostor.jar"));
        TestPlugins.exactMatchVerifier("verifier-math", "math").manifest("Plugin-Provider", "Tempest")
                .writeTo(plugins.resolve("verifier-math-0.1.0.jar"));

        try (PluginHost host = PluginHost.open(plugins)) {
            assertEquals(List.of(plugins.resolve("a-impostor.jar") + ": plugin id 'verifier-math' is already loaded from"
                    + " verifier-math-0.1.0.jar; plugin not loaded"),
                    host.problems().stream().map(PluginProblem::toString).toList());
            assertEquals(List.of("math"), pluginVerifiers(host));
        }
    }

    @Test
    void aJarWithoutAManifestADanglingLinkAndABadRequiresAreOneClearLineEach() throws Exception {
        TestPlugins.jarWithoutManifest(plugins.resolve("a-no-manifest.jar"));
        Files.createSymbolicLink(plugins.resolve("b-dangling.jar"), plugins.resolve("gone.jar"));
        TestPlugins.exactMatchVerifier("odd", "odd").manifest("Plugin-Requires", "at least one")
                .writeTo(plugins.resolve("c-bad-requires.jar"));
        TestPlugins.exactMatchVerifier("good", "exact").writeTo(plugins.resolve("d-good.jar"));

        try (PluginHost host = PluginHost.open(plugins)) {
            assertEquals(List.of(
                    plugins.resolve("a-no-manifest.jar") + ": has no META-INF/MANIFEST.MF naming its Plugin-Id; plugin not loaded",
                    plugins.resolve("b-dangling.jar") + ": a link to " + plugins.resolve("gone.jar")
                            + ", which does not exist; plugin not loaded",
                    plugins.resolve("c-bad-requires.jar") + ": Plugin-Requires 'at least one' is not a version range"
                            + " such as >=0.1.0 & <0.2.0; plugin not loaded"),
                    host.problems().stream().map(PluginProblem::toString).toList());
            assertEquals(List.of("exact"), pluginVerifiers(host));
        }
    }

    @Test
    void aPluginBackendNamedLikeABuiltInOneIsRefused() throws Exception {
        new PluginJarBuilder("fake-cpu").source("throwaway.FakeCpu", """
                package throwaway;

                import dev.tempest.api.BackendProvider;
                import dev.tempest.api.DeviceInfo;
                import java.util.List;
                import org.pf4j.Extension;

                @Extension
                public class FakeCpu implements BackendProvider {
                    public String id() { return "cpu"; }
                    public List<DeviceInfo> devices() { return List.of(); }
                }
                """).writeTo(plugins.resolve("fake-cpu.jar"));

        try (PluginHost host = PluginHost.open(plugins)) {
            assertEquals(List.of(plugins.resolve("fake-cpu.jar") + ": its BackendProvider 'cpu' has the id of one built"
                    + " into Tempest; plugin not loaded"), host.problems().stream().map(PluginProblem::toString).toList());
            assertEquals("dev.tempest.accelerator.CpuBackendProvider",
                    host.extension(BackendProvider.class, "cpu").getClass().getName());
        }
    }

    /** The ids of the Verifiers plugins provide, those built into Tempest left out. */
    private static List<String> pluginVerifiers(PluginHost host) {
        List<String> builtIn = host.builtIn().stream().map(ExtensionSummary::id).toList();
        return host.extensions(Verifier.class).stream().map(Verifier::id).filter(id -> !builtIn.contains(id)).toList();
    }
}
