package dev.tempest.eval;

import dev.tempest.api.Task;
import dev.tempest.api.Verifier;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.EvalSettings;
import dev.tempest.generate.Sampling;
import dev.tempest.generate.StopConditions;
import dev.tempest.model.LanguageModel;
import dev.tempest.rollout.Rollout;
import dev.tempest.rollout.RolloutSource;
import dev.tempest.rollout.TaskPrompts;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.verify.VerifierRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A model answering held-out tasks, each answer scored by the verifier its task names, every call
 * under the framework's deadline: the one evaluation by which every stage's gain is measured
 * ({@code tempest eval}, {@code kind: eval}, and a training stage's own). Prompts go through the
 * chat template the model was fine-tuned with (a user turn, then the assistant's header), or as
 * they are for a model that has none; the answers are rollouts ({@link RolloutSource}).
 */
public final class Evaluation {

    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;  // null: prompts as they are
    private final Map<String, Verifier> verifiers;

    /**
     * @param verifiers every verifier the tasks name, by id
     */
    public Evaluation(LanguageModel model, Tokenizer tokenizer, ChatTemplate template, Map<String, Verifier> verifiers) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.template = template;
        this.verifiers = Map.copyOf(verifiers);
    }

    /** The verifier ids {@code tasks} name, which the caller must find before running. */
    public static Set<String> verifierIds(List<Task> tasks) {
        Set<String> ids = new HashSet<>();
        tasks.forEach(task -> ids.add(task.verifier()));
        return ids;
    }

    /**
     * Answers every task {@code settings.samples()} times and scores the answers: per task, its
     * samples. {@code progress} hears how many answers are generated so far.
     */
    public List<List<EvalSample>> run(List<Task> tasks, EvalSettings settings, long seed, Consumer<Integer> progress) {
        int samples = settings.samples();
        Sampling sampling = new Sampling(settings.maxTokens(), settings.temperature().floatValue(), 0,
                settings.topP().floatValue(), seed);
        StopConditions stop = StopConditions.ofAnswer(tokenizer, template);
        List<Rollout> rollouts;
        try (VerifierRunner runner = new VerifierRunner(Runtime.getRuntime().availableProcessors(),
                Duration.ofMillis(Math.round(settings.timeout() * 1000)))) {
            rollouts = new RolloutSource(model, new TaskPrompts(tasks, tokenizer, template, seed), verifiers, runner)
                    .roll(tasks, samples, sampling, stop, 0, progress).rollouts();
        }
        List<List<EvalSample>> byTask = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            List<EvalSample> task = new ArrayList<>();
            for (Rollout rollout : rollouts.subList(t * samples, (t + 1) * samples)) {
                task.add(new EvalSample(rollout.task().id(), rollout.completion(), rollout.verdict(),
                        rollout.generation().tokens().length, rollout.truncated()));
            }
            byTask.add(task);
        }
        return byTask;
    }
}
