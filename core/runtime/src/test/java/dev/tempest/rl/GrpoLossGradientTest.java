package dev.tempest.rl;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The GRPO loss as a stage composes it, from rewards to per-token weights: group advantages
 * spread over each completion's tokens, a truncated completion masked out, the clipped term
 * with clip-higher, the k3 penalty, then each aggregation. Its gradient must be the derivative
 * of the loss it returns with respect to each token's log-prob.
 */
class GrpoLossGradientTest {

    private static final int G = 4;
    private static final int T = 5;
    private static final int MAX_COMPLETION_LENGTH = 8;

    @Test
    void everyAggregationsGradientMatchesFiniteDifferences() {
        Random random = new Random(19);
        double[] rewards = {1, 0, 0, 1, 0.5, 0.5, 1, 0};
        boolean[] truncated = {false, false, true, false, false, false, false, true};
        CompletionMask lengths = CompletionMask.ofLengths(new int[] {5, 2, 5, 3, 4, 1, 5, 5}, T);
        TruncatedResponses truncation = TruncatedResponses.maskedOut();
        CompletionMask mask = truncation.lossMask(lengths, truncated);
        double[] advantages = mask.spread(GroupAdvantages.of(truncation.rewards(rewards, truncated), G, false)
                .advantages());
        float[] old = new float[rewards.length * T];
        float[] ref = new float[old.length];
        float[] logp = new float[old.length];
        for (int i = 0; i < old.length; i++) {
            old[i] = (float) (-4 * random.nextDouble());
            ref[i] = (float) (old[i] + 0.5 * random.nextGaussian());
            // Ratios kept 1e-2 away from 1 - 0.2 and 1 + 0.28, where the derivative jumps.
            double logRatio;
            do {
                logRatio = 0.8 * random.nextDouble() - 0.4;
            } while (Math.abs(Math.exp(logRatio) - 0.8) < 1e-2 || Math.abs(Math.exp(logRatio) - 1.28) < 1e-2);
            logp[i] = (float) (old[i] + logRatio);
        }
        ClippedPolicyLoss clip = new ClippedPolicyLoss(0.2, 0.28);
        KlPenalty kl = KlPenalty.k3(0.04);

        for (LossAggregation aggregation : LossAggregation.values()) {
            ToDoubleFunction<float[]> loss = x -> aggregation.aggregate(
                    clip.terms(x, old, advantages, mask).terms().plus(kl.terms(x, ref, mask)), mask,
                    MAX_COMPLETION_LENGTH).loss();

            float[] gradient = aggregation.aggregate(clip.terms(logp, old, advantages, mask).terms()
                    .plus(kl.terms(logp, ref, mask)), mask, MAX_COMPLETION_LENGTH).gradient();

            FiniteDifferences.assertMatches(FiniteDifferences.of(logp, loss), gradient);
        }
    }
}
