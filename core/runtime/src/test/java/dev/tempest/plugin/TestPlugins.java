package dev.tempest.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Throwaway plugins that tests drop into a temporary plugins folder. */
public final class TestPlugins {

    private TestPlugins() {
    }

    /** A plugin {@code pluginId} with one Verifier, id {@code verifierId}, that is right when the completion equals the task's answer. */
    public static PluginJarBuilder exactMatchVerifier(String pluginId, String verifierId) {
        return verifier(pluginId, "ExactMatch", verifierId, """
                return task.string("answer").equals(completion.trim())
                        ? Verdict.correct("matches")
                        : Verdict.incorrect(0, "expected " + task.string("answer"));""");
    }

    /**
     * A plugin {@code pluginId} with one Verifier, id {@code verifierId}, that hangs on every call:
     * it sleeps {@code seconds} and ignores interrupts, as a verifier stuck in native code would.
     */
    public static PluginJarBuilder hangingVerifier(String pluginId, String verifierId, int seconds) {
        return verifier(pluginId, "Hanging", verifierId, """
                long end = System.nanoTime() + %dL * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    try { Thread.sleep(100); } catch (InterruptedException ignored) { }
                }
                return Verdict.correct("too late");""".formatted(seconds));
    }

    /** A plugin {@code pluginId} with one Verifier, id {@code verifierId}, that is right when the completion's length is even. */
    public static PluginJarBuilder evenLengthVerifier(String pluginId, String verifierId) {
        return verifier(pluginId, "EvenLength", verifierId, """
                return completion.length() % 2 == 0 ? Verdict.correct("even") : Verdict.incorrect(0, "odd");""");
    }

    /** A plugin {@code pluginId} with one Verifier, id {@code verifierId}, that throws on every call. */
    public static PluginJarBuilder throwingVerifier(String pluginId, String verifierId) {
        return verifier(pluginId, "Throwing", verifierId, "throw new IllegalStateException(\"verifier bug\");");
    }

    /** A plugin {@code pluginId} whose one Verifier, class {@code name}, id {@code verifierId}, runs {@code body} on every call. */
    private static PluginJarBuilder verifier(String pluginId, String name, String verifierId, String body) {
        String pkg = "throwaway." + pluginId.replace('-', '_');
        return new PluginJarBuilder(pluginId).source(pkg + "." + name, """
                package %s;

                import dev.tempest.api.Task;
                import dev.tempest.api.Verdict;
                import dev.tempest.api.Verifier;
                import org.pf4j.Extension;

                @Extension
                public class %s implements Verifier {
                    public String id() { return "%s"; }
                    public Verdict verify(Task task, String completion) {
                        %s
                    }
                }
                """.formatted(pkg, name, verifierId, body));
    }

    /** A plugin {@code pluginId} with one DatasetLoader, id {@code lines}, that makes every line of a file a text row. */
    public static PluginJarBuilder linesLoader(String pluginId) {
        return new PluginJarBuilder(pluginId).source("throwaway.LinesLoader", """
                package throwaway;

                import dev.tempest.api.*;
                import java.io.IOException;
                import java.nio.file.*;
                import java.util.List;
                import org.pf4j.Extension;

                @Extension
                public class LinesLoader implements DatasetLoader {
                    public String id() { return "lines"; }
                    public boolean accepts(Path source) { return true; }
                    public void read(Path source, RowSink rows) throws IOException {
                        List<String> lines = Files.readAllLines(source);
                        for (int i = 0; i < lines.size(); i++) {
                            rows.accept(new SourceLocation(source, i + 1), new TextRecord(lines.get(i)));
                        }
                    }
                }
                """);
    }

    /**
     * A plugin {@code pluginId} whose one Verifier fails when Tempest first touches it: {@code in} is
     * {@code static} (its class initializer throws), {@code constructor} or {@code id}.
     */
    public static PluginJarBuilder faultyVerifier(String pluginId, String in) {
        String pkg = "throwaway." + pluginId.replace('-', '_');
        String fault = "throw new IllegalStateException(\"broken " + in + "\");";
        return new PluginJarBuilder(pluginId).source(pkg + ".Faulty", """
                package %s;

                import dev.tempest.api.Task;
                import dev.tempest.api.Verdict;
                import dev.tempest.api.Verifier;
                import org.pf4j.Extension;

                @Extension
                public class Faulty implements Verifier {
                    static { if (%s) { %s } }
                    public Faulty() { if (%s) { %s } }
                    public String id() { if (%s) { %s } return "faulty"; }
                    public Verdict verify(Task task, String completion) { return Verdict.correct("never"); }
                }
                """.formatted(pkg, in.equals("static"), fault, in.equals("constructor"), fault, in.equals("id"), fault));
    }

    /** A zip with a class in it and no META-INF/MANIFEST.MF. */
    public static Path jarWithoutManifest(Path jar) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("demo/Nothing.class"));
            zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            zip.closeEntry();
        }
        return jar;
    }

    /** Writes bytes that are no jar at all to {@code jar}. */
    public static Path corruptJar(Path jar) throws IOException {
        return Files.write(jar, "PK this is not a zip file".getBytes());
    }
}
