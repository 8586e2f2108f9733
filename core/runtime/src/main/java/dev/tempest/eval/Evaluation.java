package dev.tempest.eval;

import dev.tempest.api.ChatMessage;
import dev.tempest.api.Messages;
import dev.tempest.api.Task;
import dev.tempest.api.Verifier;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.EvalSettings;
import dev.tempest.generate.Generation;
import dev.tempest.generate.Generator;
import dev.tempest.generate.Sampling;
import dev.tempest.generate.StopConditions;
import dev.tempest.generate.StopReason;
import dev.tempest.model.LanguageModel;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.verify.BatchReport;
import dev.tempest.verify.Check;
import dev.tempest.verify.VerifierRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A model answering held-out tasks, each answer scored by the verifier its task names, every call
 * under the framework's deadline: the one evaluation by which every stage's gain is measured
 * ({@code tempest eval}, {@code kind: eval}, and a training stage's own). Prompts go through the
 * chat template the model was fine-tuned with (a user turn, then the assistant's header), or as
 * they are for a model that has none. Answers are generated in batches; each batch is verified
 * on the verifiers' pool while the next is generated.
 */
public final class Evaluation {

    /** Sequences generated at once: enough to fill the device, few enough that one batch's KV cache stays small. */
    private static final int BATCH = 64;

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
        StopConditions stop = template != null ? new StopConditions(template.stopIds(tokenizer), List.of())
                : StopConditions.endOfText(tokenizer);
        List<int[]> prompts = new ArrayList<>();
        List<Task> asked = new ArrayList<>();           // the task of each prompt: task i, samples times
        for (Task task : tasks) {
            int[] prompt = prompt(task);
            for (int s = 0; s < samples; s++) {
                prompts.add(prompt);
                asked.add(task);
            }
        }
        Generator generator = new Generator(model, tokenizer);
        List<EvalSample> answers = new ArrayList<>();
        try (VerifierRunner runner = new VerifierRunner(Runtime.getRuntime().availableProcessors(),
                Duration.ofMillis(Math.round(settings.timeout() * 1000)))) {
            List<CompletableFuture<List<EvalSample>>> verified = new ArrayList<>();
            for (int from = 0; from < prompts.size(); from += BATCH) {
                int to = Math.min(prompts.size(), from + BATCH);
                List<Generation> generations = generator.generate(prompts.subList(from, to), from, sampling, stop);
                List<Task> batchTasks = asked.subList(from, to);
                verified.add(CompletableFuture.supplyAsync(() -> score(runner, batchTasks, generations)));
                progress.accept(to);
            }
            verified.forEach(batch -> answers.addAll(batch.join()));
        }
        List<List<EvalSample>> byTask = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            byTask.add(answers.subList(t * samples, (t + 1) * samples));
        }
        return byTask;
    }

    /** The tokens a task's prompt is given to the model as: a user turn and the assistant's header, or the text as it is. */
    private int[] prompt(Task task) {
        return template != null ? template.renderPrompt(tokenizer, new Messages(List.of(ChatMessage.user(task.prompt()))))
                : tokenizer.encode(task.prompt());
    }

    private List<EvalSample> score(VerifierRunner runner, List<Task> tasks, List<Generation> generations) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            checks.add(new Check(verifiers.get(task.verifier()), task, tokenizer.decode(generations.get(i).withoutEndToken())));
        }
        BatchReport report = runner.verifyAll(checks);
        List<EvalSample> samples = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Generation generation = generations.get(i);
            boolean cut = generation.stop() == StopReason.MAX_TOKENS || generation.stop() == StopReason.CONTEXT_FULL;
            samples.add(new EvalSample(tasks.get(i).id(), checks.get(i).completion(), report.results().get(i).verdict(),
                    generation.tokens().length, cut));
        }
        return samples;
    }
}
