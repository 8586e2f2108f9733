package dev.tempest.run;

import dev.tempest.config.ConfigLoader;
import dev.tempest.config.PipelineConfig;
import dev.tempest.core.TempestVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The folder a run writes: {@code tempest-run.json} (the marker that makes it a run folder, with
 * the run's status), {@code config.yaml} (the configuration as resolved) and {@code metrics.jsonl}.
 * It is locked for the run's whole life. A run never writes into a folder that holds anything
 * but a Tempest run, never into one that holds its own inputs, never into a run folder unless
 * told to replace or continue it, and continues one only with the same configuration.
 */
public final class RunFolder implements AutoCloseable {

    private static final String CONFIG = "config.yaml";
    private static final String METRICS = "metrics.jsonl";

    private final Path dir;
    private final RunLock lock;
    private final MetricsLog metrics;
    private final Set<String> finishedStages;
    private RunMarker marker;
    private long resumeOffset;     // where the first unfinished stage's lines begin; -1 once it has begun

    private RunFolder(Path dir, RunLock lock, RunMarker marker, Set<String> finishedStages, long resumeOffset)
            throws IOException {
        this.dir = dir;
        this.lock = lock;
        this.marker = marker;
        this.metrics = new MetricsLog(dir.resolve(METRICS));
        this.finishedStages = finishedStages;
        this.resumeOffset = resumeOffset;
    }

    /**
     * Makes {@code dir} the folder of a new run of {@code config}. A folder that holds files is
     * refused, unless it holds a Tempest run and {@code overwrite}, which empties it first.
     *
     * @param inputs the files the run reads, which its folder must not contain
     */
    public static RunFolder create(Path dir, PipelineConfig config, boolean overwrite, Collection<Path> inputs)
            throws IOException {
        refuseUnsafe(dir, inputs);
        if (Files.isDirectory(dir)) {
            refuseToReplace(dir, overwrite);  // before locking: a lock file is not left in a folder that is not ours
        }
        createFolder(dir);
        RunLock lock = RunLock.acquire(dir);
        try {
            refuseToReplace(dir, overwrite);  // again, locked: another run may have finished in it meanwhile
            for (Path entry : contents(dir)) {
                FileTree.delete(entry);
            }
            RunMarker marker = RunMarker.started(config.name(), TempestVersion.current());
            marker.write(dir);
            AtomicFile.write(dir.resolve(CONFIG), ConfigLoader.toYaml(config).getBytes(StandardCharsets.UTF_8));
            return new RunFolder(dir, lock, marker, Set.of(), 0);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Reopens {@code dir} to continue the run it holds: its finished stages are kept, the others
     * resume from their latest checkpoints. The folder's {@code config.yaml} must be
     * {@code config}, resolved: a changed configuration would not continue the same run.
     */
    public static RunFolder resume(Path dir, PipelineConfig config, Collection<Path> inputs) throws IOException {
        refuseUnsafe(dir, inputs);
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " does not exist: there is no run to resume; start it without --resume");
        }
        RunMarker marker = RunMarker.read(dir).orElseThrow(() -> new IOException(
                dir + " holds no Tempest run to resume (no " + RunMarker.FILE + ")"));
        RunLock lock = RunLock.acquire(dir);
        try {
            Path saved = dir.resolve(CONFIG);
            if (!Files.isRegularFile(saved)) {
                throw new IOException(dir + " holds no " + CONFIG + " to resume with (the run stopped before writing it);"
                        + " start over with --overwrite");
            }
            if (!Files.readString(saved, StandardCharsets.UTF_8).equals(ConfigLoader.toYaml(config))) {
                throw new IOException(dir + " was started with another configuration (see its " + CONFIG
                        + "); resume it with that one, or start over with --overwrite");
            }
            Set<String> finished = new LinkedHashSet<>();
            long offset = 0;
            for (MetricsLog.Line line : MetricsLog.read(dir.resolve(METRICS))) {
                if (line.values().path("done").asBoolean(false)) {
                    finished.add(line.values().path("stage").asText());
                    offset = line.end();
                }
            }
            RunFolder folder = new RunFolder(dir, lock, marker.with(RunMarker.RUNNING, null), finished, offset);
            folder.marker.write(dir);
            return folder;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    /** The stages an earlier attempt of this run finished: a resumed run skips them. */
    public Set<String> finishedStages() {
        return finishedStages;
    }

    /**
     * The metrics of the next stage to run. The first after a resume starts where the last
     * finished stage's lines end, dropping what an interrupted attempt wrote after them.
     */
    public StageMetrics stageMetrics(String stage) throws IOException {
        long start = resumeOffset >= 0 ? resumeOffset : metrics.size();
        resumeOffset = -1;
        return metrics.forStage(stage, start);
    }

    /** Marks the run finished. */
    public void finished() throws IOException {
        marker = marker.with(RunMarker.FINISHED, null);
        marker.write(dir);
    }

    /** Marks the run failed, for {@code reason}: a later attempt says so and how to go on. */
    public void failed(String reason) throws IOException {
        marker = marker.with(RunMarker.FAILED, reason);
        marker.write(dir);
    }

    @Override
    public void close() throws IOException {
        try {
            metrics.close();
        } finally {
            lock.close();
        }
    }

    /**
     * A run folder is emptied on --overwrite and filled by the run: it must not be, or contain, the
     * working directory, nor any file the run reads.
     */
    private static void refuseUnsafe(Path dir, Collection<Path> inputs) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " is a file, not a folder; choose a folder for the run");
        }
        Path folder = real(dir);
        if (real(Path.of("")).startsWith(folder)) {
            throw new IOException("refusing " + dir + " as the run folder: it is, or contains, the working directory;"
                    + " choose a folder of its own, such as runs/NAME");
        }
        for (Path input : inputs) {
            if (real(input).startsWith(folder)) {
                throw new IOException("refusing " + dir + " as the run folder: it contains " + input
                        + ", which the run reads; choose a folder of its own, such as runs/NAME");
            }
        }
    }

    /** The path with links resolved as far as it exists: where a write would really land. */
    private static Path real(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? absolute : existing.toRealPath().resolve(existing.relativize(absolute));
    }

    /** A folder that holds files may be replaced only when it is a run folder and {@code overwrite} says so. */
    private static void refuseToReplace(Path dir, boolean overwrite) throws IOException {
        if (contents(dir).isEmpty()) {
            return;
        }
        RunMarker earlier = RunMarker.read(dir).orElseThrow(() -> new IOException(dir
                + " is not empty and holds no Tempest run (no " + RunMarker.FILE + "); choose a new or empty folder:"
                + " Tempest replaces only folders it made"));
        if (!overwrite) {
            throw new IOException(earlier.advice(dir));
        }
    }

    private static void createFolder(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the run folder " + dir + ": " + FileProblems.describe(e), e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot write into the run folder " + dir + ": permission denied");
        }
    }

    /** What a folder holds besides a run's lock file. */
    private static List<Path> contents(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(entry -> !entry.getFileName().toString().equals(RunLock.FILE)).toList();
        }
    }
}
