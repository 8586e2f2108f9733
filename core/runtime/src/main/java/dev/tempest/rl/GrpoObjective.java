package dev.tempest.rl;

import dev.tempest.config.GrpoStageConfig;
import dev.tempest.model.LanguageModel;
import dev.tempest.nn.Ops;
import dev.tempest.tensor.Tensor;
import dev.tempest.train.Batch;
import dev.tempest.train.Loss;
import dev.tempest.train.Objective;
import dev.tempest.train.PolicyTokens;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GRPO's loss on a batch of a rollout: the clipped ratio objective on each completion token with
 * its group-relative advantage, plus beta times the k3 KL to the reference, aggregated as
 * configured. The terms are computed on the host from the per-token log-likelihoods
 * ({@link Ops#tokenLogProbs}); their gradient starts the backward pass there. Logged with the
 * step: the clip fractions, the approximate KL to the sampling policy, the KL to the reference,
 * and the policy's entropy on the completions.
 */
public final class GrpoObjective implements Objective {

    private final ClippedPolicyLoss clip;
    private final KlPenalty penalty;
    private final LossAggregation aggregation;
    private final float temperature;
    private final int maxTokens;

    public GrpoObjective(GrpoStageConfig config) {
        this.clip = new ClippedPolicyLoss(config.clipLow(), config.clipHigh());
        this.penalty = KlPenalty.k3(config.beta());
        this.aggregation = config.lossAggregation();
        this.temperature = config.temperature().floatValue();
        this.maxTokens = config.maxTokens();
    }

    @Override
    public Loss loss(Ops ops, LanguageModel model, Batch batch, float lossScale) {
        Tensor logits = model.forward(ops, batch.inputs(), batch.at(), null);                    // (B*T, V)
        if (temperature != 1 && temperature != 0) {
            logits = ops.scale(logits, 1 / temperature);  // the distribution the tokens were sampled from
        }
        float[] entropy = ops.entropy(logits);                                                    // (B*T)
        Tensor logp = ops.tokenLogProbs(logits, batch.targets());                                 // (B*T)
        CompletionLayout layout = CompletionLayout.of(batch.targets(), batch.B(), batch.T(), maxTokens);
        PolicyTokens policy = batch.policy();
        float[] sampledLogp = layout.gather(ops.read(logp));                                     // (S*maxTokens)
        PolicyTerms policyTerms = clip.terms(sampledLogp, layout.gather(policy.oldLogProbs()),
                layout.gatherDouble(policy.advantages()), layout.mask());
        TokenTerms kl = penalty.terms(sampledLogp,
                penalty.needsReference() ? layout.gather(policy.referenceLogProbs()) : null, layout.mask());
        TokenLoss loss = aggregation.aggregate(policyTerms.terms().plus(kl), layout.mask(), maxTokens);
        float[] gradient = layout.scatter(loss.gradient());
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] *= lossScale;
        }
        ops.backwardFrom(logp, gradient);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("clip_fraction", policyTerms.clipFraction());
        metrics.put("clip_fraction_low", policyTerms.lowClipped());
        metrics.put("clip_fraction_high", policyTerms.highClipped());
        metrics.put("approx_kl", policyTerms.approxKl());
        if (penalty.needsReference()) {
            metrics.put("kl", KlEstimator.K3.mean(sampledLogp, layout.gather(policy.referenceLogProbs()), layout.mask()));
        }
        metrics.put("entropy", layout.mean(entropy));
        return new Loss((float) loss.loss(), metrics);
    }
}
