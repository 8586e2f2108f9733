package dev.tempest.cli;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.Task;
import dev.tempest.api.Verifier;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.EvalSettings;
import dev.tempest.config.InvalidFieldException;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFamilies;
import dev.tempest.model.ModelFolder;
import dev.tempest.pipeline.ModelEvaluation;
import dev.tempest.pipeline.RunException;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import dev.tempest.verify.TaskFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tempest eval MODEL_DIR --tasks FILE}: the evaluation the eval stage runs, from the command line. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Has a model answer every task of a task file and scores the answers with the verifiers the tasks"
                + " name: accuracy, pass@1, pass@K, the share answered in a form the verifier reads, verdict counts.")
final class EvalCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "MODEL_DIR", description = "A model folder in Hugging Face layout, such as a run's model/.")
    Path model;

    @Option(names = "--tasks", required = true, paramLabel = "FILE",
            description = "Task rows: {\"id\", \"prompt\", \"verifier\", ...what the verifier needs}.")
    Path tasks;

    @Option(names = "--samples", defaultValue = "1", paramLabel = "K", description = "Answers per task. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T", description = "0 is greedy. Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1", paramLabel = "P", description = "Nucleus sampling's p. Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(names = "--max-tokens", defaultValue = "128", paramLabel = "N", description = "New tokens per answer. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "A verifier call past it is a TIMEOUT. Default: ${DEFAULT-VALUE}.")
    double timeout;

    @Option(names = "--chat-template", paramLabel = "NAME", description = "chatml, plain, or none (prompts as they are)."
            + " Default: the one the model folder's tokenizer_config.json names, else none.")
    String chatTemplate;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seeds the sampling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin DeviceOptions device;

    @Override
    public Integer call() throws PluginException, RunException {
        EvalSettings settings = new EvalSettings(tasks, samples, temperature, topP, maxTokens, timeout);
        try {
            settings.check("");
        } catch (InvalidFieldException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.field().replace('_', '-') + ": " + e.getMessage());
        }
        ModelFolder folder = new ModelFolder(model);
        if (folder.problem().isPresent()) {
            throw new RunException(folder.problem().get());
        }
        try (PluginHost plugins = Tempest.openPlugins(spec)) {
            List<Task> read = TaskFile.read(tasks);
            Map<String, Verifier> verifiers = ModelEvaluation.verifiers(read, plugins);
            ChatTemplate template = ModelEvaluation.template(chatTemplate, folder);
            try (Backend backend = device.open(plugins)) {
                LanguageModel languageModel = folder.load(ModelFamilies.installed(plugins).forConfig(folder.config()), backend);
                ModelEvaluation.run(languageModel, folder.tokenizer(), template, read, verifiers, settings, seed,
                        spec.commandLine().getOut());
            }
        } catch (IOException | IllegalArgumentException | DeviceException e) {
            throw new RunException(e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
