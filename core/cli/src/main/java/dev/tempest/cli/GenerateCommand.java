package dev.tempest.cli;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.DeviceException;
import dev.tempest.generate.Generator;
import dev.tempest.generate.Sampling;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFamilies;
import dev.tempest.model.ModelFolder;
import dev.tempest.pipeline.RunException;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tempest generate MODEL_DIR --prompt TEXT}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Continues a prompt with a model folder in Hugging Face layout (config.json, "
                + "model.safetensors, tokenizer.json), such as a run's model/ or a checkpoint.")
final class GenerateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "MODEL_DIR", description = "The model folder.")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The text to continue.")
    String prompt;

    @Option(names = "--max-tokens", defaultValue = "100", paramLabel = "N", description = "New tokens at most. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0.8", paramLabel = "T",
            description = "Divides the logits; 0 is greedy. Default: ${DEFAULT-VALUE}.")
    float temperature;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K", description = "Keep the K most likely tokens; 0 keeps all. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--top-p", defaultValue = "0.95", paramLabel = "P", description = "Nucleus sampling mass. Default: ${DEFAULT-VALUE}.")
    float topP;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seeds the draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin DeviceOptions device;

    @Override
    public Integer call() throws PluginException, RunException {
        Sampling sampling;
        try {
            sampling = new Sampling(maxTokens, temperature, topK, topP, seed);
        } catch (IllegalArgumentException e) {
            throw new RunException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        ModelFolder folder = new ModelFolder(model);
        try (PluginHost plugins = Tempest.openPlugins(spec); Backend backend = device.open(plugins)) {
            if (folder.problem().isPresent()) {
                throw new RunException(folder.problem().get());
            }
            LanguageModel languageModel = folder.load(ModelFamilies.installed(plugins).forConfig(folder.config()), backend);
            out.println(prompt + new Generator(languageModel, folder.tokenizer()).complete(prompt, sampling));
        } catch (IOException | IllegalArgumentException | DeviceException e) {
            throw new RunException(e.getMessage(), e);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
