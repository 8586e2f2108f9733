package dev.tempest.plugin;

import dev.tempest.run.FileTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real PF4J plugin jar at test time: compiles Java sources against the test class
 * path with PF4J's annotation processor (which writes META-INF/extensions.idx) and writes the
 * plugin manifest, exactly as the Maven build of a plugin does.
 */
public final class PluginJarBuilder {

    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>(); // class name -> code

    public PluginJarBuilder(String pluginId) {
        manifest.put("Plugin-Id", pluginId);
        manifest.put("Plugin-Version", "1.0.0");
        manifest.put("Plugin-Requires", ">=0.1.0");
    }

    /** Sets a manifest attribute; a null value removes it. */
    public PluginJarBuilder manifest(String name, String value) {
        if (value == null) {
            manifest.remove(name);
        } else {
            manifest.put(name, value);
        }
        return this;
    }

    /** Adds a class, {@code qualifiedName} like {@code demo.EchoVerifier}. */
    public PluginJarBuilder source(String qualifiedName, String code) {
        sources.put(qualifiedName, code);
        return this;
    }

    /** Compiles and writes the jar; returns {@code jar}. */
    public Path writeTo(Path jar) {
        Path work = null;
        try {
            work = Files.createTempDirectory("plugin-build");
            Path classes = Files.createDirectories(work.resolve("classes"));
            if (!sources.isEmpty()) {
                compile(work, classes);
            }
            writeJar(classes, jar);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(work);
        }
    }

    private void compile(Path work, Path classes) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"),
                "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor",
                "--release", "17"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                writer.write(source.getValue());
            }
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream(); // the processor's notes, or errors
        if (javac.run(null, messages, messages, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("plugin sources did not compile:\n" + messages);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            FileTree.delete(dir);
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }

    private void writeJar(Path classes, Path jar) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((name, value) -> mf.getMainAttributes().putValue(name, value));
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, mf);
             Stream<Path> entries = Files.walk(classes)) {
            for (Path entry : (Iterable<Path>) entries.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
    }
}
