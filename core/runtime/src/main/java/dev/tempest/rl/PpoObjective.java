package dev.tempest.rl;

import dev.tempest.config.PpoStageConfig;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ValueHeadModel;
import dev.tempest.nn.Ops;
import dev.tempest.tensor.Tensor;
import dev.tempest.train.Batch;
import dev.tempest.train.Loss;
import dev.tempest.train.Objective;
import dev.tempest.train.PolicyTokens;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PPO's loss on a batch of a rollout, as TRL's PPOTrainer: one forward pass through the shared
 * backbone, the policy's clipped ratio objective on each completion token with its whitened GAE
 * advantage, plus vf_coef times the clipped value loss of the value head against GAE's returns,
 * each averaged over the batch's completion tokens. The KL penalty is already in the rewards.
 * Logged with the step: clip fraction, approximate KL to the sampling policy, the value loss and
 * its clip fraction, and the policy's entropy on the completions.
 */
public final class PpoObjective implements Objective {

    private final ClippedPolicyLoss clip;
    private final ClippedValueLoss valueClip;
    private final double vfCoef;
    private final float temperature;
    private final int maxTokens;

    /**
     * @param temperature the sampling temperature, which divides the logits as it did when sampling
     * @param maxTokens   the longest a completion may be
     */
    public PpoObjective(double clipRange, double clipRangeValue, double vfCoef, float temperature, int maxTokens) {
        this.clip = new ClippedPolicyLoss(clipRange, clipRange);
        this.valueClip = new ClippedValueLoss(clipRangeValue);
        this.vfCoef = vfCoef;
        this.temperature = temperature;
        this.maxTokens = maxTokens;
    }

    public static PpoObjective of(PpoStageConfig config) {
        return new PpoObjective(config.clipRange(), config.clipRangeValue(), config.vfCoef(),
                config.temperature().floatValue(), config.maxTokens());
    }

    /** @param model a {@link ValueHeadModel}: the policy, with the critic on its backbone */
    @Override
    public Loss loss(Ops ops, LanguageModel model, Batch batch, float lossScale) {
        if (!(model instanceof ValueHeadModel critic)) {
            throw new IllegalArgumentException("PPO trains a policy with a value head, not a " + model.getClass().getSimpleName());
        }
        Tensor hidden = critic.hiddenStates(ops, batch.inputs(), batch.at(), null);                // (B*T, C)
        Tensor logits = critic.head(ops, hidden);                                                  // (B*T, V)
        if (temperature != 1 && temperature != 0) {
            logits = ops.scale(logits, 1 / temperature);  // the distribution the tokens were sampled from
        }
        float[] entropy = ops.entropy(logits);                                                     // (B*T)
        Tensor logp = ops.tokenLogProbs(logits, batch.targets());                                  // (B*T)
        Tensor values = critic.values(ops, hidden);                                                // (B*T, 1)
        float[] logpGradient = new float[logp.size()];
        float[] valueGradient = new float[values.size()];
        Loss loss = loss(ops.read(logp), ops.read(values), batch, lossScale, logpGradient, valueGradient);
        ops.backwardFrom(logp, logpGradient);
        ops.backwardFrom(values, valueGradient);
        Map<String, Double> metrics = new LinkedHashMap<>(loss.metrics());
        metrics.put("entropy", CompletionLayout.of(batch.targets(), batch.B(), batch.T(), maxTokens).mean(entropy));
        return new Loss(loss.value(), metrics);
    }

    /**
     * The loss from the policy's log-probabilities (B*T) of the batch's targets and the value
     * head's values (B*T); writes d loss / d logp and d loss / d value, times {@code scale}, into
     * the two gradients (B*T).
     */
    Loss loss(float[] logp, float[] values, Batch batch, float scale, float[] logpGradient, float[] valueGradient) {
        CompletionLayout layout = CompletionLayout.of(batch.targets(), batch.B(), batch.T(), maxTokens);
        CompletionMask mask = layout.mask();
        PolicyTokens rollout = batch.policy();
        PolicyTerms policyTerms = clip.terms(layout.gather(logp), layout.gather(rollout.oldLogProbs()),
                layout.gatherDouble(rollout.advantages()), mask);
        ValueTerms valueTerms = valueClip.terms(layout.gather(values), layout.gather(rollout.oldValues()),
                layout.gatherDouble(rollout.returns()), mask);
        TokenLoss policyLoss = LossAggregation.TOKEN_MEAN.aggregate(policyTerms.terms(), mask, maxTokens);
        TokenLoss valueLoss = LossAggregation.TOKEN_MEAN.aggregate(valueTerms.terms(), mask, maxTokens);
        scaleInto(layout.scatter(policyLoss.gradient()), scale, logpGradient);
        scaleInto(layout.scatter(valueLoss.gradient()), (float) (vfCoef * scale), valueGradient);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("policy_loss", policyLoss.loss());
        metrics.put("value_loss", valueLoss.loss());
        metrics.put("clip_fraction", policyTerms.clipFraction());
        metrics.put("value_clip_fraction", valueTerms.clipFraction());
        metrics.put("approx_kl", policyTerms.approxKl());
        return new Loss((float) (policyLoss.loss() + vfCoef * valueLoss.loss()), metrics);
    }

    private static void scaleInto(float[] gradient, float factor, float[] into) {
        for (int i = 0; i < gradient.length; i++) {
            into[i] = gradient[i] * factor;
        }
    }
}
