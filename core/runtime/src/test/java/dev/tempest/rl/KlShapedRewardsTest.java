package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KlShapedRewardsTest {

    @Test
    void klPenaltyOnEveryTokenAndTheScoreOnTheLastAsComputedByHand() {
        // Completions of 3 and 2 tokens, padded to 3.
        CompletionMask mask = CompletionMask.ofLengths(new int[] {3, 2}, 3);
        float[] logp = {-1, -2, -0.5f, -1, -1, 7};
        float[] ref = {-1.5f, -2, -1, -0.5f, -1, -7};

        KlShapedRewards shaped = KlShapedRewards.of(new double[] {1.0, -0.5}, logp, ref, mask, 0.1, KlEstimator.K1);

        // k1 = logp - ref: 0.5, 0, 0.5 | -0.5, 0; rewards -0.1 k1, plus the score on each last token.
        assertArrayEquals(new double[] {-0.05, 0, -0.05 + 1.0, 0.05, 0 - 0.5, 0}, shaped.rewards(), 1e-16);
        // Per completion KL sums 1.0 and -0.5; their mean.
        assertEquals(0.25, shaped.meanKl(), 1e-16);
    }
}
