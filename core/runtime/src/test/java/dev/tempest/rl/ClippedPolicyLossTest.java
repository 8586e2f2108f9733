package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClippedPolicyLossTest {

    /** eps_low 0.2, eps_high 0.28 (DAPO's): the ratio's range is [0.8, 1.28]. */
    private final ClippedPolicyLoss loss = new ClippedPolicyLoss(0.2, 0.28);

    @Test
    void eachBranchOfTheClipAsComputedByHand() {
        // One completion of 6 tokens and a padding token; logp - old = 0, 0.5, 0.5, -0.5, -0.5, 0.21875.
        CompletionMask mask = CompletionMask.ofLengths(new int[] {6}, 7);
        float[] old = {-1, -1, -1, -1, -1, -1, -1};
        float[] logp = {-1, -0.5f, -0.5f, -1.5f, -1.5f, -0.78125f, 3};
        double[] advantages = {2, 1, -1, -1, 1, 1, 5};
        double up = Math.exp(0.5);    // 1.6487, above 1.28
        double down = Math.exp(-0.5); // 0.6065, below 0.8
        double inside = Math.exp(0.21875); // 1.2445, above a symmetric 1.2 but inside clip-higher's 1.28

        PolicyTerms terms = loss.terms(logp, old, advantages, mask);

        // -min(ratio A, clip(ratio) A), and its derivative -ratio A, or 0 where the clipped branch is the minimum:
        // ratio 1; above the range with A > 0 (clipped to 1.28); above with A < 0 (not clipped: the pessimistic
        // branch is the raw ratio); below with A < 0 (clipped to 0.8); below with A > 0 (not clipped); inside.
        assertArrayEquals(new double[] {-2, -1.28, up, 0.8, -down, -inside, 0}, terms.terms().loss(), 1e-15);
        assertArrayEquals(new double[] {-2, 0, up, 0, -down, -inside, 0}, terms.terms().derivative(), 1e-15);
        assertEquals(1.0 / 6, terms.lowClipped(), 1e-15);
        assertEquals(1.0 / 6, terms.highClipped(), 1e-15);
        assertEquals(2.0 / 6, terms.clipFraction(), 1e-15);
        // mean (logp - old)^2 / 2 and mean k3 = e^(old - logp) - (old - logp) - 1 over the 6 counted tokens.
        assertEquals((0 + 4 * 0.25 + 0.21875 * 0.21875) / 2 / 6, terms.approxKl(), 1e-15);
        double k3 = 0 + 2 * (Math.exp(-0.5) + 0.5 - 1) + 2 * (Math.exp(0.5) - 0.5 - 1) + (Math.exp(-0.21875) + 0.21875 - 1);
        assertEquals(k3 / 6, terms.approxKlK3(), 1e-15);
    }

    @Test
    void onThePolicyThatSampledTheLossIsMinusTheAdvantageAndNothingClips() {
        CompletionMask mask = CompletionMask.ofLengths(new int[] {2, 2}, 2);
        float[] logp = {-0.1f, -3, -1.2f, -0.4f};
        double[] advantages = {1.5, -0.5, 0.25, -2};

        PolicyTerms terms = loss.terms(logp, logp, advantages, mask);

        // ratio = 1 everywhere: the PPO / GRPO gradient of the first pass is -A per token.
        assertArrayEquals(new double[] {-1.5, 0.5, -0.25, 2}, terms.terms().derivative(), 0);
        assertEquals(0, terms.clipFraction(), 0);
        assertEquals(0, terms.approxKl(), 0);
    }

    @Test
    void aggregatedGradientMatchesFiniteDifferences() {
        Random random = new Random(7);
        CompletionMask mask = CompletionMask.ofLengths(new int[] {5, 3, 4}, 5);
        float[] old = new float[15];
        float[] logp = new float[15];
        double[] advantages = new double[15];
        for (int i = 0; i < 15; i++) {
            old[i] = (float) (-3 * random.nextDouble());
            // Ratios in e^[-0.6, 0.6], kept 1e-2 away from the clip boundaries, where the derivative jumps.
            double logRatio;
            do {
                logRatio = 1.2 * random.nextDouble() - 0.6;
            } while (Math.abs(Math.exp(logRatio) - 0.8) < 1e-2 || Math.abs(Math.exp(logRatio) - 1.28) < 1e-2);
            logp[i] = (float) (old[i] + logRatio);
            advantages[i] = random.nextGaussian();
        }

        TokenLoss aggregated = LossAggregation.TOKEN_MEAN.aggregate(loss.terms(logp, old, advantages, mask).terms(),
                mask, 5);

        FiniteDifferences.assertMatches(FiniteDifferences.of(logp, x -> LossAggregation.TOKEN_MEAN.aggregate(
                loss.terms(x, old, advantages, mask).terms(), mask, 5).loss()), aggregated.gradient());
    }
}
