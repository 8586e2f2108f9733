package dev.tempest.rollout;

import dev.tempest.api.Task;
import dev.tempest.api.Verifier;
import dev.tempest.generate.Generation;
import dev.tempest.generate.Generator;
import dev.tempest.generate.Sampling;
import dev.tempest.generate.StopConditions;
import dev.tempest.model.LanguageModel;
import dev.tempest.verify.BatchReport;
import dev.tempest.verify.Check;
import dev.tempest.verify.VerifierRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Completions of tasks and their verdicts: prompts generated in batches with the KV cache, each
 * batch verified on the verifiers' pool (under the framework's deadline) while the next one is
 * generated. What evaluation and the RL stages' rollouts share.
 */
public final class RolloutSource implements RolloutExecutor {

    /** Sequences generated at once: enough to fill the device, few enough that one batch's KV cache stays small. */
    private static final int BATCH = 64;

    private final LanguageModel model;
    private final TaskPrompts prompts;
    private final Map<String, Verifier> verifiers;
    private final VerifierRunner runner;

    /** @param verifiers every verifier the tasks name, by id */
    public RolloutSource(LanguageModel model, TaskPrompts prompts, Map<String, Verifier> verifiers, VerifierRunner runner) {
        this.model = model;
        this.prompts = prompts;
        this.verifiers = Map.copyOf(verifiers);
        this.runner = runner;
    }

    @Override
    public RolloutBatch roll(List<Task> tasks, int samples, Sampling sampling, StopConditions stop, long firstIndex,
                             Consumer<Integer> progress) {
        List<int[]> inputs = new ArrayList<>();
        List<Task> asked = new ArrayList<>();
        for (Task task : tasks) {
            int[] prompt = prompts.prompt(task);
            for (int s = 0; s < samples; s++) {
                inputs.add(prompt);
                asked.add(task);
            }
        }
        Generator generator = new Generator(model, prompts.tokenizer());
        List<CompletableFuture<List<Rollout>>> verified = new ArrayList<>();
        long start = System.nanoTime();
        for (int from = 0; from < inputs.size(); from += BATCH) {
            int to = Math.min(inputs.size(), from + BATCH);
            List<Generation> generations = generator.generate(inputs.subList(from, to), Math.toIntExact(firstIndex + from),
                    sampling, stop);
            List<Task> batchTasks = asked.subList(from, to);
            List<int[]> batchPrompts = inputs.subList(from, to);
            verified.add(CompletableFuture.supplyAsync(() -> verify(batchTasks, batchPrompts, generations)));
            progress.accept(to);
        }
        long generated = System.nanoTime();
        List<Rollout> rollouts = new ArrayList<>();
        verified.forEach(batch -> rollouts.addAll(batch.join()));
        return new RolloutBatch(rollouts, (generated - start) / 1e9, (System.nanoTime() - generated) / 1e9);
    }

    private List<Rollout> verify(List<Task> tasks, List<int[]> inputs, List<Generation> generations) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            checks.add(new Check(verifiers.get(task.verifier()), task,
                    prompts.tokenizer().decode(generations.get(i).withoutEndToken())));
        }
        BatchReport report = runner.verifyAll(checks);
        List<Rollout> rollouts = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            rollouts.add(new Rollout(tasks.get(i), inputs.get(i), generations.get(i), checks.get(i).completion(),
                    report.results().get(i).verdict()));
        }
        return rollouts;
    }
}
