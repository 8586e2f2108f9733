package dev.tempest.rollout;

import dev.tempest.api.Task;
import dev.tempest.config.GrpoStageConfig;
import dev.tempest.config.OverlongResponses;
import dev.tempest.generate.Sampling;
import dev.tempest.generate.StopConditions;
import dev.tempest.model.LanguageModel;
import dev.tempest.rl.GroupAdvantages;
import dev.tempest.train.Batch;
import dev.tempest.train.PolicyTokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GRPO's batches: a rollout (prompts_per_step prompts, samples_per_prompt completions each,
 * each completion rewarded by the stage's reward terms, by default its task's verifier), its group-relative advantages, then
 * {@code epochs} passes over it, each cut into {@code mini_batches} batches, one an optimiser
 * step. A batch carries, per token, the log-probability the sampler gave it, the reference's
 * (with a KL penalty) and the completion's advantage. The state is how many prompts were drawn:
 * rollout n's prompts and random streams follow from it, so a run resumed between rollouts makes
 * the same ones.
 */
public final class GrpoBatches extends RolloutBatches {

    /** Rounds of extra prompts dynamic sampling draws before it trains on a rollout short of groups. */
    private static final int MAX_REFILLS = 4;

    private final GrpoStageConfig config;
    private final RolloutExecutor source;
    private final TaskPrompts prompts;
    private final LanguageModel reference;  // null: no KL penalty
    private final RolloutRewards rewards;
    private final Sampling sampling;
    private final StopConditions stop;

    public GrpoBatches(GrpoStageConfig config, RolloutExecutor source, TaskPrompts prompts, LanguageModel reference,
                       RolloutRewards rewards, StopConditions stop) {
        this.config = config;
        this.source = source;
        this.prompts = prompts;
        this.reference = reference;
        this.rewards = rewards;
        this.sampling = new Sampling(config.maxTokens(), config.temperature().floatValue(), 0,
                config.topP().floatValue(), config.seed());
        this.stop = stop;
    }

    /** Draws prompts, answers and rewards them, and queues the rollout's batches. */
    @Override
    protected void rollout() {
        int G = config.samplesPerPrompt();
        List<Rollout> kept = new ArrayList<>();
        List<Double> keptRewards = new ArrayList<>();
        RolloutStats stats = new RolloutStats();
        int groups = 0;
        int zeroVariance = 0;
        Map<String, Double> termSums = new LinkedHashMap<>();  // per reward term, its scores summed over every completion
        for (int round = 0; kept.size() < config.promptsPerStep() * G && round <= MAX_REFILLS; round++) {
            int wanted = config.promptsPerStep() - kept.size() / G;
            List<Task> tasks = prompts.draw(promptsDrawn, wanted);
            RolloutBatch batch = source.roll(tasks, G, sampling, stop, promptsDrawn * G, done -> { });
            promptsDrawn += wanted;
            RolloutRewards.Scored scored = this.rewards.score(batch.rollouts());
            double[] rewards = penalised(batch.rollouts(), scored.rewards());
            GroupAdvantages groupAdvantages = GroupAdvantages.of(rewards, G, config.scaleRewards());
            stats.add(batch, rewards);
            scored.means().forEach((term, mean) -> termSums.merge(term, mean * rewards.length, Double::sum));
            groups += groupAdvantages.groups();
            zeroVariance += groupAdvantages.zeroVarianceGroups();
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
        Map<String, Double> metrics = stats.metrics();
        int drawn = groups * G;
        termSums.forEach((term, sum) -> metrics.put(term, sum / drawn));
        metrics.put("zero_variance_groups", (double) zeroVariance / groups);
        metrics.put("groups_trained", (double) (kept.size() / G));
        queue(kept, advantages, metrics);
    }

    /** Each completion's reward (its terms' weighted sum), or the overlong penalty for a cut-off answer when so configured. */
    private double[] penalised(List<Rollout> rollouts, double[] scored) {
        double[] rewards = scored.clone();
        for (int i = 0; i < rewards.length; i++) {
            if (rollouts.get(i).truncated() && config.overlong() == OverlongResponses.PENALTY) {
                rewards[i] = config.overlongPenalty();
            }
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
        List<Rollout> trained = new ArrayList<>();
        List<float[]> sampled = new ArrayList<>();     // per example, its completion's log-probs under the sampler
        List<float[]> advantage = new ArrayList<>();   // per example, its advantage on each completion token
        for (int i = 0; i < rollouts.size(); i++) {
            Rollout rollout = rollouts.get(i);
            int length = rollout.generation().tokens().length;
            if (length == 0 || (rollout.truncated() && config.overlong() == OverlongResponses.MASK)) {
                continue;  // nothing to learn from
            }
            trained.add(rollout);
            sampled.add(rollout.generation().logProbs());
            float[] same = new float[length];
            Arrays.fill(same, (float) advantages[i]);
            advantage.add(same);
        }
        if (trained.isEmpty()) {
            rollout();  // every completion masked: nothing to train on, draw the next prompts
            return;
        }
        RolloutExamples examples = new RolloutExamples(trained);
        long rolloutSeed = config.seed() * 1_000_003L + promptsDrawn;
        for (List<Integer> part : examples.passes(config.epochs(), config.miniBatches(), rolloutSeed)) {
            Batch padded = examples.padded(part);
            float[] referenceLogProbs = reference == null ? null
                    : RolloutExamples.logProbs(reference, padded, config.temperature());
            PolicyTokens policy = new PolicyTokens(examples.aligned(padded, sampled), referenceLogProbs,
                    examples.aligned(padded, advantage));
            pending.add(RolloutExamples.withPolicy(padded, policy, pending.isEmpty() ? metrics : Map.of()));
        }
    }
}
