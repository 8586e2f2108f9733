package dev.tempest.rollout;

import dev.tempest.api.Task;
import dev.tempest.config.PpoStageConfig;
import dev.tempest.generate.Sampling;
import dev.tempest.generate.StopConditions;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ValueHeadModel;
import dev.tempest.nn.Ops;
import dev.tempest.rl.AdaptiveKlController;
import dev.tempest.rl.AdvantageEstimate;
import dev.tempest.rl.CompletionLayout;
import dev.tempest.rl.CompletionMask;
import dev.tempest.rl.ExplainedVariance;
import dev.tempest.rl.FixedKlController;
import dev.tempest.rl.Gae;
import dev.tempest.rl.KlController;
import dev.tempest.rl.KlShapedRewards;
import dev.tempest.rl.Whitening;
import dev.tempest.tensor.Tensor;
import dev.tempest.train.Batch;
import dev.tempest.train.PolicyTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * PPO's batches, as TRL's PPOTrainer makes them: a rollout of prompts_per_step prompts, one
 * completion each from the current policy; each completion's score from the reward terms, less
 * the missing-EOS penalty for one cut off; the KL to the frozen reference paid on every token and
 * the score on the last ({@link KlShapedRewards}); the value head's predictions when the rollout
 * was made; GAE's advantages, whitened over the rollout, and returns; then {@code epochs} passes
 * cut into {@code mini_batches} batches, each an optimiser step. The KL coefficient, fixed or
 * adapted towards kl_target after each rollout, is carried in checkpoints with the position (how
 * many prompts were drawn), so a run resumed between rollouts makes the same ones.
 */
public final class PpoBatches extends RolloutBatches {

    private static final String KL_COEF = "kl_coef";

    private final PpoStageConfig config;
    private final RolloutExecutor source;
    private final TaskPrompts prompts;
    private final ValueHeadModel model;
    private final LanguageModel reference;  // null: no KL penalty
    private final RolloutRewards rewards;
    private final Sampling sampling;
    private final StopConditions stop;
    private KlController kl;

    public PpoBatches(PpoStageConfig config, RolloutExecutor source, TaskPrompts prompts, ValueHeadModel model,
                      LanguageModel reference, RolloutRewards rewards, StopConditions stop) {
        this.config = config;
        this.source = source;
        this.prompts = prompts;
        this.model = model;
        this.reference = reference;
        this.rewards = rewards;
        this.sampling = new Sampling(config.maxTokens(), config.temperature().floatValue(), 0,
                config.topP().floatValue(), config.seed());
        this.stop = stop;
        this.kl = controller(config.klCoef());
    }

    private KlController controller(double coefficient) {
        return config.klTarget() == null ? new FixedKlController(coefficient)
                : new AdaptiveKlController(coefficient, config.klTarget(), config.klHorizon());
    }

    @Override
    public Map<String, Double> carried() {
        return Map.of(KL_COEF, kl.coefficient());
    }

    @Override
    public void carry(Map<String, Double> carried) {
        kl = controller(carried.getOrDefault(KL_COEF, config.klCoef()));
    }

    /** Draws prompts, answers, rewards and values them, and queues the rollout's batches. */
    @Override
    protected void rollout() {
        int P = config.promptsPerStep();
        List<Task> tasks = prompts.draw(promptsDrawn, P);
        RolloutBatch batch = source.roll(tasks, 1, sampling, stop, promptsDrawn, done -> { });
        promptsDrawn += P;
        List<Rollout> rollouts = batch.rollouts().stream().filter(r -> r.generation().tokens().length > 0).toList();
        RolloutRewards.Scored scored = rewards.score(rollouts);
        double[] scores = scored.rewards();  // (S)
        for (int s = 0; s < scores.length; s++) {
            scores[s] -= rollouts.get(s).truncated() ? config.missingEosPenalty() : 0;
        }
        RolloutStats stats = new RolloutStats();
        stats.add(new RolloutBatch(rollouts, batch.generationSeconds(), batch.verificationSeconds()), scores);
        Map<String, Double> metrics = stats.metrics();
        metrics.putAll(scored.means());

        RolloutExamples examples = new RolloutExamples(rollouts);
        Batch all = examples.all();  // row s: rollout s
        List<float[]> sampled = rollouts.stream().map(r -> r.generation().logProbs()).toList();
        float[] oldLogProbs = examples.aligned(all, sampled);                                   // (S*W)
        float[] referenceLogProbs = reference == null ? oldLogProbs
                : RolloutExamples.logProbs(reference, all, config.temperature());             // (S*W)
        CompletionLayout layout = CompletionLayout.of(all.targets(), all.B(), all.T(), config.maxTokens());
        CompletionMask mask = layout.mask();
        if (mask.tokens() < 2) {
            throw new IllegalStateException("a rollout of " + P + " prompts gave " + mask.tokens()
                    + " completion tokens; advantages are whitened over at least 2 (are the prompts as long as the context?)");
        }
        float[] values = layout.gather(values(all));                                            // (S*maxTokens)
        KlShapedRewards shaped = KlShapedRewards.of(scores, layout.gather(oldLogProbs), layout.gather(referenceLogProbs),
                mask, kl.coefficient(), config.klEstimator());
        AdvantageEstimate gae = Gae.estimate(shaped.rewards(), values, mask, config.gamma(), config.lam());
        double[] advantages = Whitening.whiten(gae.advantages(), mask, true);

        metrics.put("kl", shaped.meanKl());
        metrics.put(KL_COEF, kl.coefficient());
        metrics.put("rlhf_reward", metrics.get("reward") - kl.coefficient() * shaped.meanKl());
        double explained = ExplainedVariance.of(values, gae.returns(), mask);
        if (Double.isFinite(explained)) {
            metrics.put("explained_variance", explained);
        }
        kl = kl.updated(shaped.meanKl(), rollouts.size());

        List<float[]> advantage = perCompletion(i -> advantages[i], rollouts);
        List<float[]> oldValues = perCompletion(i -> values[i], rollouts);
        List<float[]> returns = perCompletion(i -> gae.returns()[i], rollouts);
        long rolloutSeed = config.seed() * 1_000_003L + promptsDrawn;
        for (List<Integer> part : examples.passes(config.epochs(), config.miniBatches(), rolloutSeed)) {
            Batch padded = examples.padded(part);
            PolicyTokens policy = new PolicyTokens(examples.aligned(padded, sampled), null,
                    examples.aligned(padded, advantage), examples.aligned(padded, oldValues),
                    examples.aligned(padded, returns));
            pending.add(RolloutExamples.withPolicy(padded, policy, pending.isEmpty() ? metrics : Map.of()));
        }
    }

    /** The value head's prediction (B*T) at each position of {@code batch}: the return expected from there. */
    private float[] values(Batch batch) {
        Ops ops = new Ops(model.parameters().backend(), null);
        Tensor hidden = model.hiddenStates(ops, batch.inputs(), batch.at(), null);  // (B*T, C)
        return ops.read(model.values(ops, hidden));                                   // (B*T, 1)
    }

    /** Completion-layout values (S*maxTokens), read by index, as one array per rollout, its completion's length. */
    private List<float[]> perCompletion(IntToDoubleFunction values, List<Rollout> rollouts) {
        List<float[]> split = new ArrayList<>(rollouts.size());
        for (int s = 0; s < rollouts.size(); s++) {
            float[] tokens = new float[rollouts.get(s).generation().tokens().length];
            for (int t = 0; t < tokens.length; t++) {
                tokens[t] = (float) values.applyAsDouble(s * config.maxTokens() + t);
            }
            split.add(tokens);
        }
        return split;
    }
}
