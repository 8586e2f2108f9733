package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;

/**
 * How a model is evaluated on held-out tasks: it answers each task {@code samples} times, and
 * the verifier the task names scores each answer (accuracy, pass@1, pass@samples). Every
 * stage's gain is measured this one way.
 *
 * @param tasks       the task file (JSONL rows of id, prompt, verifier and what the verifier needs)
 * @param samples     answers per task: 1 for greedy accuracy, more for pass@k
 * @param temperature 0 answers greedily; above 0 samples
 * @param topP        nucleus sampling's p when sampling
 * @param maxTokens   new tokens per answer at most
 * @param timeout     seconds each verifier call may take before it counts as TIMEOUT
 */
@JsonPropertyOrder({"tasks", "samples", "temperature", "top_p", "max_tokens", "timeout"})
public record EvalSettings(Path tasks, Integer samples, Double temperature, Double topP, Integer maxTokens,
                           Double timeout) {

    public EvalSettings {
        samples = samples != null ? samples : 1;
        temperature = temperature != null ? temperature : 0.0;
        topP = topP != null ? topP : 1.0;
        maxTokens = maxTokens != null ? maxTokens : 128;
        timeout = timeout != null ? timeout : 10.0;
    }

    public void check(String at) {
        Checks.required(Checks.field(at, "tasks"), tasks);
        Checks.positive(Checks.field(at, "samples"), samples);
        Checks.atMost(Checks.field(at, "samples"), samples, 1024, "pass@k needs no more");
        Checks.nonNegative(Checks.field(at, "temperature"), temperature);
        if (!(topP > 0 && topP <= 1)) {
            throw new InvalidFieldException(Checks.field(at, "top_p"), "must be above 0 and at most 1, got " + topP);
        }
        Checks.positive(Checks.field(at, "max_tokens"), maxTokens);
        Checks.positive(Checks.field(at, "timeout"), timeout);
        Checks.atMost(Checks.field(at, "timeout"), Math.round(timeout), 3600, "an hour per verifier call");
    }
}
