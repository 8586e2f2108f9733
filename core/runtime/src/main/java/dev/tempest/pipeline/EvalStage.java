package dev.tempest.pipeline;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.Task;
import dev.tempest.api.Verifier;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.EvalStageConfig;
import dev.tempest.eval.EvalReport;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFolder;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** A model answering held-out tasks, scored by their verifiers ({@link ModelEvaluation}); its summary is the report. */
final class EvalStage implements Stage {

    private final EvalStageConfig config;
    private final StartingModels models;
    private final DeviceChoice device;
    private final Map<String, Verifier> verifiers;

    EvalStage(EvalStageConfig config, StartingModels models, DeviceChoice device, Map<String, Verifier> verifiers) {
        this.config = config;
        this.models = models;
        this.device = device;
        this.verifiers = verifiers;
    }

    @Override
    public void check() {
        models.check(config.model());
        tasks();
        ModelEvaluation.checkTemplate(config.chatTemplate());
    }

    private List<Task> tasks() {
        return ModelEvaluation.tasks(config.tasks(), "tasks");
    }

    @Override
    public Map<String, Object> run(StageContext context) throws RunException, IOException {
        ModelFolder folder = models.folder(config.model(), context);
        ChatTemplate template = ModelEvaluation.template(config.chatTemplate(), folder);
        int threads = config.threads() != null ? config.threads() : Runtime.getRuntime().availableProcessors();
        try (Backend backend = device.open(threads, context.console())) {
            LanguageModel model = folder.load(models.family(folder), backend);
            EvalReport report = ModelEvaluation.run(model, folder.tokenizer(), template, tasks(), verifiers,
                    config.settings(), config.seed(), context.console());
            return report.metrics();
        } catch (DeviceException e) {
            throw new RunException(config.name() + ": " + e.getMessage(), e);
        }
    }
}
