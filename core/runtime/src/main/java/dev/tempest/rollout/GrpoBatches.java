package dev.tempest.rollout;

import dev.tempest.api.Task;
import dev.tempest.api.VerdictStatus;
import dev.tempest.config.GrpoStageConfig;
import dev.tempest.config.OverlongResponses;
import dev.tempest.generate.Sampling;
import dev.tempest.generate.StopConditions;
import dev.tempest.model.LanguageModel;
import dev.tempest.nn.Ops;
import dev.tempest.random.SeededRandom;
import dev.tempest.rl.GroupAdvantages;
import dev.tempest.tensor.Tensor;
import dev.tempest.train.Batch;
import dev.tempest.train.Batches;
import dev.tempest.train.Example;
import dev.tempest.train.ExampleBatches;
import dev.tempest.train.PolicyTokens;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GRPO's batches: a rollout (prompts_per_step prompts, samples_per_prompt completions each,
 * each completion rewarded by its task's verifier), its group-relative advantages, then
 * {@code epochs} passes over it, each cut into {@code mini_batches} batches, one an optimiser
 * step. A batch carries, per token, the log-probability the sampler gave it, the reference's
 * (with a KL penalty) and the completion's advantage. The state is how many prompts were drawn:
 * rollout n's prompts and random streams follow from it, so a run resumed between rollouts makes
 * the same ones.
 */
public final class GrpoBatches implements Batches {

    /** Rounds of extra prompts dynamic sampling draws before it trains on a rollout short of groups. */
    private static final int MAX_REFILLS = 4;

    private final GrpoStageConfig config;
    private final RolloutExecutor source;
    private final TaskPrompts prompts;
    private final LanguageModel reference;  // null: no KL penalty
    private final Sampling sampling;
    private final StopConditions stop;
    private final Deque<Batch> pending = new ArrayDeque<>();
    private long promptsDrawn;

    public GrpoBatches(GrpoStageConfig config, RolloutExecutor source, TaskPrompts prompts, LanguageModel reference,
                       StopConditions stop) {
        this.config = config;
        this.source = source;
        this.prompts = prompts;
        this.reference = reference;
        this.sampling = new Sampling(config.maxTokens(), config.temperature().floatValue(), 0,
                config.topP().floatValue(), config.seed());
        this.stop = stop;
    }

    @Override
    public Batch next() {
        if (pending.isEmpty()) {
            rollout();
        }
        return pending.poll();
    }

    @Override
    public long position() {
        return promptsDrawn;
    }

    @Override
    public void seek(long position) {
        promptsDrawn = position;
        pending.clear();
    }

    @Override
    public boolean atBoundary() {
        return pending.isEmpty();
    }

    /** Draws prompts, answers and rewards them, and queues the rollout's batches. */
    private void rollout() {
        int G = config.samplesPerPrompt();
        List<Rollout> kept = new ArrayList<>();
        List<Double> keptRewards = new ArrayList<>();
        RolloutStats stats = new RolloutStats();
        for (int round = 0; kept.size() < config.promptsPerStep() * G && round <= MAX_REFILLS; round++) {
            int wanted = config.promptsPerStep() - kept.size() / G;
            List<Task> tasks = prompts.draw(promptsDrawn, wanted);
            RolloutBatch batch = source.roll(tasks, G, sampling, stop, promptsDrawn * G, done -> { });
            promptsDrawn += wanted;
            double[] rewards = rewards(batch.rollouts());
            GroupAdvantages groups = GroupAdvantages.of(rewards, G, config.scaleRewards());
            stats.add(batch, rewards, groups);
            for (int g = 0; g < wanted; g++) {
                boolean teaches = !allEqual(rewards, g * G, G);
                if (teaches || !config.dynamicSampling()) {
                    for (int i = g * G; i < (g + 1) * G; i++) {
                        kept.add(batch.rollouts().get(i));
                        keptRewards.add(rewards[i]);
                    }
                }
            }
            if (!config.dynamicSampling()) {
                break;
            }
        }
        double[] rewards = keptRewards.stream().mapToDouble(Double::doubleValue).toArray();
        double[] advantages = kept.isEmpty() ? new double[0] : GroupAdvantages.of(rewards, G, config.scaleRewards()).advantages();
        queue(kept, advantages, stats.metrics(kept.size() / G));
    }

    /** Each completion's reward: its verifier's score, or the overlong penalty for a cut-off answer when so configured. */
    private double[] rewards(List<Rollout> rollouts) {
        double[] rewards = new double[rollouts.size()];
        for (int i = 0; i < rewards.length; i++) {
            Rollout rollout = rollouts.get(i);
            rewards[i] = rollout.truncated() && config.overlong() == OverlongResponses.PENALTY ? config.overlongPenalty()
                    : rollout.verdict().score();
        }
        return rewards;
    }

    private static boolean allEqual(double[] values, int from, int count) {
        for (int i = from + 1; i < from + count; i++) {
            if (values[i] != values[from]) {
                return false;
            }
        }
        return true;
    }

    /** The rollout's completions as examples, in epochs x mini_batches batches; the first carries the rollout's numbers. */
    private void queue(List<Rollout> rollouts, double[] advantages, Map<String, Double> metrics) {
        List<Example> examples = new ArrayList<>();
        List<float[]> sampled = new ArrayList<>();   // per example, its completion's log-probs under the sampler
        List<Double> exampleAdvantages = new ArrayList<>();
        int longest = 1;
        for (int i = 0; i < rollouts.size(); i++) {
            Rollout rollout = rollouts.get(i);
            if (rollout.generation().tokens().length == 0
                    || (rollout.truncated() && config.overlong() == OverlongResponses.MASK)) {
                continue;  // nothing to learn from
            }
            examples.add(example(rollout));
            sampled.add(rollout.generation().logProbs());
            exampleAdvantages.add(advantages[i]);
            longest = Math.max(longest, examples.get(examples.size() - 1).tokens().length - 1);
        }
        if (examples.isEmpty()) {
            rollout();  // every completion masked: nothing to train on, draw the next prompts
            return;
        }
        int parts = Math.min(config.miniBatches(), examples.size());
        long rolloutSeed = config.seed() * 1_000_003L + promptsDrawn;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            int[] order = new SeededRandom(rolloutSeed + epoch).permutation(examples.size());
            for (int p = 0; p < parts; p++) {
                List<Integer> part = new ArrayList<>();
                for (int k = p * order.length / parts; k < (p + 1) * order.length / parts; k++) {
                    part.add(order[k]);
                }
                Batch batch = batch(part, examples, sampled, exampleAdvantages, longest,
                        pending.isEmpty() ? metrics : Map.of());
                pending.add(batch);
            }
        }
    }

    /** Prompt and completion as one example, the loss on the completion's tokens. */
    private static Example example(Rollout rollout) {
        int[] prompt = rollout.prompt();
        int[] completion = rollout.generation().tokens();
        int[] tokens = new int[prompt.length + completion.length];
        boolean[] trained = new boolean[tokens.length];
        System.arraycopy(prompt, 0, tokens, 0, prompt.length);
        System.arraycopy(completion, 0, tokens, prompt.length, completion.length);
        for (int t = prompt.length; t < tokens.length; t++) {
            trained[t] = true;
        }
        return new Example(tokens, trained);
    }

    /** The examples of {@code part}, right-padded into one batch, with their per-token policy values aligned to its tokens. */
    private Batch batch(List<Integer> part, List<Example> examples, List<float[]> sampled, List<Double> advantages,
                        int longest, Map<String, Double> metrics) {
        List<Example> rows = part.stream().map(examples::get).toList();
        Batch padded = new ExampleBatches(rows, rows.size(), longest, ExampleBatches.Layout.PADDED, 0).next();
        int W = padded.T();
        float[] old = new float[padded.inputs().length];         // (B*W)
        float[] advantage = new float[padded.inputs().length];   // (B*W)
        for (int i = 0; i < old.length; i++) {
            int source = padded.sources()[i];
            if (source < 0 || padded.targets()[i] < 0) {
                continue;
            }
            int example = part.get(source);
            int promptLength = examples.get(example).tokens().length - sampled.get(example).length;
            old[i] = sampled.get(example)[i % W + 1 - promptLength];  // the token predicted at column c is token c + 1
            advantage[i] = advantages.get(example).floatValue();
        }
        float[] referenceLogProbs = reference == null ? null : referenceLogProbs(padded);
        return new Batch(padded.inputs(), padded.targets(), padded.at(), padded.tokens(), padded.sources(),
                new PolicyTokens(old, referenceLogProbs, advantage), metrics);
    }

    /** The frozen reference's log-probability of each target token of {@code batch}. */
    private float[] referenceLogProbs(Batch batch) {
        Ops ops = new Ops(reference.parameters().backend(), null);
        Tensor logits = reference.forward(ops, batch.inputs(), batch.at(), null);
        if (config.temperature() != 1) {
            logits = ops.scale(logits, (float) (1 / config.temperature()));
        }
        return ops.read(ops.tokenLogProbs(logits, batch.targets()));
    }

    /** What a rollout measured, over every completion drawn (dynamic sampling's dropped groups too). */
    private static final class RolloutStats {
        private final List<Double> rewards = new ArrayList<>();
        private final Map<VerdictStatus, Integer> verdicts = new EnumMap<>(VerdictStatus.class);
        private int correct;
        private int truncated;
        private long tokens;
        private int longest;
        private int groups;
        private int zeroVariance;
        private double generationSeconds;
        private double verificationSeconds;

        void add(RolloutBatch batch, double[] batchRewards, GroupAdvantages advantages) {
            for (int i = 0; i < batchRewards.length; i++) {
                Rollout rollout = batch.rollouts().get(i);
                rewards.add(batchRewards[i]);
                verdicts.merge(rollout.verdict().status(), 1, Integer::sum);
                correct += rollout.verdict().status() == VerdictStatus.CORRECT ? 1 : 0;
                truncated += rollout.truncated() ? 1 : 0;
                tokens += rollout.generation().tokens().length;
                longest = Math.max(longest, rollout.generation().tokens().length);
            }
            groups += advantages.groups();
            zeroVariance += advantages.zeroVarianceGroups();
            generationSeconds += batch.generationSeconds();
            verificationSeconds += batch.verificationSeconds();
        }

        Map<String, Double> metrics(int keptGroups) {
            double mean = rewards.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double variance = rewards.stream().mapToDouble(r -> (r - mean) * (r - mean)).average().orElse(0);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("reward", mean);
            metrics.put("reward_std", Math.sqrt(variance));
            metrics.put("accuracy", (double) correct / rewards.size());
            metrics.put("response_length", (double) tokens / rewards.size());
            metrics.put("response_length_max", (double) longest);
            metrics.put("truncated", (double) truncated / rewards.size());
            metrics.put("zero_variance_groups", (double) zeroVariance / groups);
            metrics.put("groups_trained", (double) keptGroups);
            verdicts.forEach((status, count) -> metrics.put("verdicts/" + status.name().toLowerCase(), (double) count));
            metrics.put("generation_s", generationSeconds);
            metrics.put("verification_s", verificationSeconds);
            return metrics;
        }
    }
}
