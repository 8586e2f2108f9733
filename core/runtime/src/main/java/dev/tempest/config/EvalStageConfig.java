package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation on held-out tasks, as a stage: a model (an earlier stage's, or a folder) answers
 * every task, and the verifier each task names scores the answers; {@code tempest eval} does the
 * same from the command line. The settings are those of {@link EvalSettings}, written flat.
 *
 * @param chatTemplate how prompts become tokens: the template the model was fine-tuned with
 *                     (default: as its folder says), {@code chatml}, or {@code none} for the prompt's text as it is
 */
@JsonPropertyOrder({"name", "model", "tasks", "samples", "temperature", "top_p", "max_tokens", "timeout",
        "chat_template", "device", "threads", "seed"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalStageConfig(String name, StartingModel model, Path tasks, Integer samples, Double temperature,
                              Double topP, Integer maxTokens, Double timeout, String chatTemplate, String device,
                              Integer threads, Long seed) implements StartsFromModel {

    public EvalStageConfig {
        EvalSettings defaults = new EvalSettings(tasks, samples, temperature, topP, maxTokens, timeout);
        samples = defaults.samples();
        temperature = defaults.temperature();
        topP = defaults.topP();
        maxTokens = defaults.maxTokens();
        timeout = defaults.timeout();
        device = device != null ? device : "cpu";
        seed = seed != null ? seed : 0L;
    }

    /** The evaluation settings, defaults filled in. */
    public EvalSettings settings() {
        return new EvalSettings(tasks, samples, temperature, topP, maxTokens, timeout);
    }

    @Override
    public void check(String at) {
        Checks.name(Checks.field(at, "name"), name);
        Checks.required(Checks.field(at, "model"), model);
        model.check(Checks.field(at, "model"));
        settings().check(at);
        Checks.device(Checks.field(at, "device"), device);
        if (threads != null) {
            Checks.positive(Checks.field(at, "threads"), threads);
        }
    }

    @Override
    public List<Path> inputs() {
        List<Path> inputs = new ArrayList<>(List.of(tasks));
        if (model.path() != null) {
            inputs.add(model.path());
        }
        return inputs;
    }
}
