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
 * in) and {@code metrics.jsonl}. A run never writes into a folder that holds another run.
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
                throw new IOException(dir + " already holds a run; choose another --output or pass --overwrite");
            }
            FileTree.delete(dir);
        }
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve("config.yaml"), ConfigLoader.toYaml(config).getBytes(StandardCharsets.UTF_8));
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
