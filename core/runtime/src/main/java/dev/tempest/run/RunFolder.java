package dev.tempest.run;

import dev.tempest.config.ConfigLoader;
import dev.tempest.config.PipelineConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The folder a run writes: {@code config.yaml} (the configuration as resolved, defaults filled
 * in) and {@code metrics.jsonl}. A run never writes into a folder that holds another run; it
 * continues one only when asked, and only with the same configuration.
 */
public final class RunFolder {

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates {@code dir} for a new run of {@code config}. An existing, non-empty folder is an
     * error, unless {@code overwrite}, which deletes it first.
     */
    public static RunFolder create(Path dir, PipelineConfig config, boolean overwrite) throws IOException {
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            if (!overwrite) {
                throw new IOException(dir + " already holds a run; choose another --output, continue it with --resume,"
                        + " or pass --overwrite to delete it");
            }
            FileTree.delete(dir);
        }
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve("config.yaml"), ConfigLoader.toYaml(config).getBytes(StandardCharsets.UTF_8));
        return new RunFolder(dir);
    }

    /**
     * Reopens {@code dir} to continue the run it holds, whose stages resume from their latest
     * checkpoints. The folder's {@code config.yaml} must be {@code config}, resolved: a changed
     * configuration would not continue the same run.
     */
    public static RunFolder resume(Path dir, PipelineConfig config) throws IOException {
        Path saved = dir.resolve("config.yaml");
        if (!Files.isRegularFile(saved)) {
            throw new IOException(dir + " holds no run to resume (no config.yaml)");
        }
        if (!Files.readString(saved, StandardCharsets.UTF_8).equals(ConfigLoader.toYaml(config))) {
            throw new IOException(dir + " was started with another configuration (see its config.yaml); "
                    + "resume it with that one, or start a new run");
        }
        return new RunFolder(dir);
    }

    public Path dir() {
        return dir;
    }

    public MetricsLog openMetrics() throws IOException {
        return new MetricsLog(dir.resolve("metrics.jsonl"));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
