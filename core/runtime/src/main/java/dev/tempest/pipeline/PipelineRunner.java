package dev.tempest.pipeline;

import dev.tempest.config.StageConfig;
import dev.tempest.run.FileProblems;
import dev.tempest.run.RunFolder;
import dev.tempest.run.StageMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a pipeline's stages in order, in its run folder, which it holds locked until the end.
 * Each stage ends with a line in {@code metrics.jsonl} marked {@code "done": true}; a resumed
 * run keeps the stages that have one and continues the others from their checkpoints.
 */
public final class PipelineRunner {

    private final PrintWriter console;

    public PipelineRunner(PrintWriter console) {
        this.console = console;
    }

    /** How a run treats a folder that holds an earlier run. */
    public enum Existing { REFUSE, OVERWRITE, RESUME }

    /** Runs {@code pipeline} into {@code output}. */
    public void run(Pipeline pipeline, Path output, Existing existing) throws RunException {
        RunFolder folder;
        try {
            folder = existing == Existing.RESUME ? RunFolder.resume(output, pipeline.config(), pipeline.inputs())
                    : RunFolder.create(output, pipeline.config(), existing == Existing.OVERWRITE, pipeline.inputs());
        } catch (IOException e) {
            throw new RunException(e.getMessage(), e);
        }
        try {
            runStages(pipeline, folder);
            folder.finished();
        } catch (RunException e) {
            throw failed(folder, e);
        } catch (IOException e) {
            throw failed(folder, new RunException("run folder " + output + ": " + FileProblems.describe(e), e));
        } catch (RuntimeException | Error e) {
            recordFailure(folder, e.toString(), e);
            throw e;
        } finally {
            release(folder);
        }
        console.println("run written to " + output);
    }

    /** Closes the folder, its lock last; the run's outcome is already on disk, and a failure here must not hide one there. */
    private void release(RunFolder folder) {
        try {
            folder.close();
        } catch (IOException e) {
            console.println("warning: run folder " + folder.dir() + " did not close cleanly: " + FileProblems.describe(e));
        }
    }

    private void runStages(Pipeline pipeline, RunFolder folder) throws RunException, IOException {
        List<StageConfig> stages = pipeline.config().stages();
        for (int i = 0; i < stages.size(); i++) {
            String name = stages.get(i).name();
            if (folder.finishedStages().contains(name)) {
                console.printf("[%d/%d] %s: finished in an earlier attempt; kept%n", i + 1, stages.size(), name);
                continue;
            }
            console.printf("[%d/%d] %s%n", i + 1, stages.size(), name);
            long start = System.nanoTime();
            StageMetrics metrics = folder.stageMetrics(name);
            Map<String, Object> summary;
            try {
                summary = pipeline.stages().get(i).run(new StageContext(folder.dir().resolve(name), metrics, console));
            } catch (IOException e) {
                throw new RunException(name + ": " + FileProblems.describe(e), e);
            }
            metrics.log(doneLine(summary, (System.nanoTime() - start) / 1e9));
        }
    }

    private static RunException failed(RunFolder folder, RunException e) {
        recordFailure(folder, e.getMessage(), e);
        return e;
    }

    /** Marks the folder failed; a second failure while doing so must not hide the first. */
    private static void recordFailure(RunFolder folder, String reason, Throwable cause) {
        try {
            folder.failed(reason);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static Map<String, Object> doneLine(Map<String, Object> summary, double seconds) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("done", true);
        line.put("time", Instant.now().toString());
        line.putAll(summary);
        line.put("seconds", Math.round(seconds * 1000) / 1000.0);
        return line;
    }
}
