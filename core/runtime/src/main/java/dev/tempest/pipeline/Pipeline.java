package dev.tempest.pipeline;

import dev.tempest.api.DatasetLoader;
import dev.tempest.config.ConfigException;
import dev.tempest.config.ConfigLoader;
import dev.tempest.config.DpoStageConfig;
import dev.tempest.config.EvalStageConfig;
import dev.tempest.config.GrpoStageConfig;
import dev.tempest.config.InvalidFieldException;
import dev.tempest.config.PipelineConfig;
import dev.tempest.config.PpoStageConfig;
import dev.tempest.config.PretrainStageConfig;
import dev.tempest.config.RewardModelStageConfig;
import dev.tempest.config.ScanStageConfig;
import dev.tempest.config.SftStageConfig;
import dev.tempest.config.StageConfig;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pipeline file loaded, its stages built with the extensions they name and checked against
 * them: what {@code tempest run} runs and {@code tempest config validate} stops at, so that both
 * refuse the same files with the same messages, before anything runs.
 */
public final class Pipeline {

    private final Path file;
    private final PipelineConfig config;
    private final List<Stage> stages;

    private Pipeline(Path file, PipelineConfig config, List<Stage> stages) {
        this.file = file;
        this.config = config;
        this.stages = stages;
    }

    /**
     * Loads {@code file} strictly and prepares its stages; {@code device}, when not null, is
     * where every training stage runs, whatever the file says.
     *
     * @throws ConfigException for a file that cannot be used, naming the place
     * @throws PluginException for an extension that no plugin provides
     */
    public static Pipeline load(Path file, PluginHost plugins, String device) throws ConfigException, PluginException {
        PipelineConfig config = ConfigLoader.load(file);
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < config.stages().size(); i++) {
            String at = "stages[" + i + "].";
            Extensions extensions = new Extensions(plugins, (field, e) ->
                    new PluginException(ConfigLoader.errorAt(file, at + field, e.getMessage()).getMessage()));
            stages.add(create(config.stages().get(i), extensions, device, config.stages().subList(0, i)));
        }
        for (int i = 0; i < stages.size(); i++) {
            try {
                stages.get(i).check();
            } catch (InvalidFieldException e) {
                throw ConfigLoader.errorAt(file, "stages[" + i + "]." + e.field(), e.getMessage());
            }
        }
        return new Pipeline(file, config, stages);
    }

    public Path file() {
        return file;
    }

    public PipelineConfig config() {
        return config;
    }

    List<Stage> stages() {
        return stages;
    }

    /** Every file the run reads, the pipeline file among them: no run folder may contain one. */
    public List<Path> inputs() {
        List<Path> inputs = new ArrayList<>(List.of(file));
        config.stages().forEach(stage -> inputs.addAll(stage.inputs()));
        return inputs;
    }

    private static Stage create(StageConfig stage, Extensions extensions, String device, List<StageConfig> earlier)
            throws PluginException {
        if (stage instanceof ScanStageConfig scan) {
            return new ScanStage(scan, extensions.find(DatasetLoader.class, scan.dataset().loader(), "dataset.loader"));
        }
        if (stage instanceof PretrainStageConfig pretrain) {
            String spec = device != null ? device : pretrain.device();
            return new PretrainStage(pretrain,
                    extensions.find(DatasetLoader.class, pretrain.dataset().loader(), "dataset.loader"),
                    extensions.family(pretrain.model().architecture(), "model.architecture"),
                    extensions.device(spec, device != null ? null : "device"));
        }
        if (stage instanceof SftStageConfig sft) {
            String spec = device != null ? device : sft.device();
            return new SftStage(sft, extensions.find(DatasetLoader.class, sft.dataset().loader(), "dataset.loader"),
                    extensions.startingModels(), extensions.device(spec, device != null ? null : "device"), earlier,
                    sft.evaluation() == null ? Map.of() : extensions.verifiers(sft.evaluation().tasks(), "evaluation.tasks"));
        }
        if (stage instanceof RewardModelStageConfig rewardModel) {
            String spec = device != null ? device : rewardModel.device();
            return new RewardModelStage(rewardModel,
                    extensions.find(DatasetLoader.class, rewardModel.dataset().loader(), "dataset.loader"),
                    extensions.startingModels(), extensions.device(spec, device != null ? null : "device"), earlier);
        }
        if (stage instanceof DpoStageConfig dpo) {
            String spec = device != null ? device : dpo.device();
            return new DpoStage(dpo, extensions.find(DatasetLoader.class, dpo.dataset().loader(), "dataset.loader"),
                    extensions.startingModels(), extensions.device(spec, device != null ? null : "device"), earlier,
                    dpo.evaluation() == null ? Map.of() : extensions.verifiers(dpo.evaluation().tasks(), "evaluation.tasks"));
        }
        if (stage instanceof EvalStageConfig eval) {
            String spec = device != null ? device : eval.device();
            return new EvalStage(eval, extensions.startingModels(), extensions.device(spec, device != null ? null : "device"),
                    extensions.verifiers(eval.tasks(), "tasks"));
        }
        if (stage instanceof GrpoStageConfig grpo) {
            String spec = device != null ? device : grpo.device();
            return new GrpoStage(grpo, extensions.rollouts(grpo, extensions.device(spec, device != null ? null : "device")));
        }
        if (stage instanceof PpoStageConfig ppo) {
            String spec = device != null ? device : ppo.device();
            return new PpoStage(ppo, extensions.rollouts(ppo, extensions.device(spec, device != null ? null : "device")));
        }
        throw new IllegalArgumentException("no stage implements " + stage.getClass().getSimpleName());
    }
}
