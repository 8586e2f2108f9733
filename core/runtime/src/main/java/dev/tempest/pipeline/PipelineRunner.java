package dev.tempest.pipeline;

import dev.tempest.api.DatasetLoader;
import dev.tempest.api.ModelArchitecture;
import dev.tempest.config.PipelineConfig;
import dev.tempest.config.PretrainStageConfig;
import dev.tempest.config.ScanStageConfig;
import dev.tempest.config.StageConfig;
import dev.tempest.model.ModelFamily;
import dev.tempest.plugin.Devices;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import dev.tempest.run.MetricsLog;
import dev.tempest.run.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a pipeline's stages in order, in its run folder, logging one metrics line per stage. */
public final class PipelineRunner {

    private final PluginHost plugins;
    private final PrintWriter console;
    private final String device;

    public PipelineRunner(PluginHost plugins, PrintWriter console) {
        this(plugins, console, null);
    }

    /** A runner whose training stages all run on {@code device}, whatever their configuration says; null keeps theirs. */
    public PipelineRunner(PluginHost plugins, PrintWriter console, String device) {
        this.plugins = plugins;
        this.console = console;
        this.device = device;
    }

    /**
     * Finds every extension the stages of {@code config} name, before anything runs: a missing
     * plugin is reported at once, not after hours of an earlier stage.
     */
    public void checkPlugins(PipelineConfig config) throws PluginException {
        prepare(config);
    }

    /** How a run treats a folder that holds an earlier run. */
    public enum Existing { REFUSE, OVERWRITE, RESUME }

    /** Runs {@code config} into {@code output}; returns the run folder. */
    public RunFolder run(PipelineConfig config, Path output, Existing existing)
            throws RunException, PluginException {
        List<Stage> prepared = prepare(config);
        RunFolder folder;
        try {
            folder = existing == Existing.RESUME ? RunFolder.resume(output, config)
                    : RunFolder.create(output, config, existing == Existing.OVERWRITE);
        } catch (IOException e) {
            throw new RunException(e.getMessage(), e);
        }
        List<StageConfig> stages = config.stages();
        try (MetricsLog metrics = folder.openMetrics()) {
            for (int i = 0; i < stages.size(); i++) {
                StageConfig stage = stages.get(i);
                console.printf("[%d/%d] %s%n", i + 1, stages.size(), stage.name());
                long start = System.nanoTime();
                StageContext context = new StageContext(folder.dir().resolve(stage.name()), metrics, console);
                Map<String, Object> summary = prepared.get(i).run(context);
                double seconds = (System.nanoTime() - start) / 1e9;
                metrics.log(line(stage.name(), summary, seconds));
            }
        } catch (IOException e) {
            throw new RunException("run folder " + folder.dir() + ": " + e.getMessage(), e);
        }
        console.println("run written to " + folder.dir());
        return folder;
    }

    private List<Stage> prepare(PipelineConfig config) throws PluginException {
        List<Stage> stages = new ArrayList<>();
        for (StageConfig stage : config.stages()) {
            stages.add(create(stage));
        }
        return stages;
    }

    private Stage create(StageConfig stage) throws PluginException {
        if (stage instanceof ScanStageConfig scan) {
            return new ScanStage(scan, plugins.extension(DatasetLoader.class, scan.dataset().loader()));
        }
        if (stage instanceof PretrainStageConfig pretrain) {
            String spec = device != null ? device : pretrain.device();
            return new PretrainStage(pretrain, plugins.extension(DatasetLoader.class, pretrain.dataset().loader()),
                    family(pretrain.model().architecture()), new DeviceChoice(spec, Devices.factory(plugins, spec)));
        }
        throw new IllegalArgumentException("no stage implements " + stage.getClass().getSimpleName());
    }

    private ModelFamily family(String id) throws PluginException {
        ModelArchitecture architecture = plugins.extension(ModelArchitecture.class, id);
        if (architecture instanceof ModelFamily family) {
            return family;
        }
        throw new PluginException("model architecture '" + id + "' names tensors but cannot build a model to train");
    }

    private static Map<String, Object> line(String stage, Map<String, Object> summary, double seconds) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("stage", stage);
        line.putAll(summary);
        line.put("seconds", Math.round(seconds * 1000) / 1000.0);
        return line;
    }
}
