package dev.tempest.pipeline;

import dev.tempest.api.ModelArchitecture;
import dev.tempest.api.RewardModel;
import dev.tempest.api.Task;
import dev.tempest.api.TempestExtension;
import dev.tempest.api.Verifier;
import dev.tempest.config.RewardedStage;
import dev.tempest.config.RolloutStageConfig;
import dev.tempest.model.ModelFamilies;
import dev.tempest.model.ModelFamily;
import dev.tempest.plugin.Devices;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import dev.tempest.verify.TaskFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The extensions one stage names, found for it; a missing one is reported at the field that
 * names it ({@code pipeline.yaml:9:7: stages[0].dataset.loader: no DatasetLoader 'csv' ...}).
 */
final class Extensions {

    private final PluginHost plugins;
    private final BiFunction<String, PluginException, PluginException> locate; // (field below the stage, error) -> located

    Extensions(PluginHost plugins, BiFunction<String, PluginException, PluginException> locate) {
        this.plugins = plugins;
        this.locate = locate;
    }

    <T extends TempestExtension> T find(Class<T> kind, String id, String field) throws PluginException {
        try {
            return plugins.extension(kind, id);
        } catch (PluginException e) {
            throw locate.apply(field, e);
        }
    }

    ModelFamily family(String id, String field) throws PluginException {
        ModelArchitecture architecture = find(ModelArchitecture.class, id, field);
        if (architecture instanceof ModelFamily family) {
            return family;
        }
        throw locate.apply(field, new PluginException("model architecture '" + id
                + "' names tensors but cannot build a model to train"));
    }

    /**
     * The verifiers the tasks of {@code tasks} name; none when the file cannot be read, which the
     * stage's check reports at its line.
     */
    Map<String, Verifier> verifiers(Path tasks, String field) throws PluginException {
        List<Task> read;
        try {
            read = TaskFile.read(tasks);
        } catch (IOException unreadable) {
            return Map.of();
        }
        try {
            return ModelEvaluation.verifiers(read, plugins);
        } catch (PluginException e) {
            throw locate.apply(field, e);
        }
    }

    /** What {@code stage} learns from its rollouts with, found: its verifiers and reward models, on {@code device}. */
    RolloutExtensions rollouts(RolloutStageConfig stage, DeviceChoice device) throws PluginException {
        return new RolloutExtensions(startingModels(), device, verifiers(stage.tasks(), "tasks"),
                stage.evaluation() == null ? Map.of() : verifiers(stage.evaluation().tasks(), "evaluation.tasks"),
                rewardModels(stage));
    }

    /** Per reward term of {@code stage}, the RewardModel extension it names; null for a verifier term. */
    private List<RewardModel> rewardModels(RewardedStage stage) throws PluginException {
        List<RewardModel> models = new ArrayList<>();
        for (int i = 0; i < stage.rewards().size(); i++) {
            String id = stage.rewards().get(i).rewardModel();
            models.add(id == null ? null : find(RewardModel.class, id, "rewards[" + i + "].reward_model"));
        }
        return models;
    }

    /** Where stages find the models they start from, with every installed family. */
    StartingModels startingModels() {
        return new StartingModels(ModelFamilies.installed(plugins));
    }

    /** The device {@code spec}; {@code field} is null where it came from the command line, not the file. */
    DeviceChoice device(String spec, String field) throws PluginException {
        try {
            return new DeviceChoice(spec, Devices.factory(plugins, spec));
        } catch (PluginException e) {
            throw field == null ? e : locate.apply(field, e);
        }
    }
}
