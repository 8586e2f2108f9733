package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClippedValueLossTest {

    @Test
    void eachBranchAsComputedByHand() {
        // eps 0.2 around V_old = 1: clip(V) lies in [0.8, 1.2]. The fifth token is padding.
        CompletionMask mask = CompletionMask.ofLengths(new int[] {4}, 5);
        float[] values = {1, 1.5f, 1.5f, 0.5f, 7};
        float[] oldValues = {1, 1, 1, 1, 1};
        double[] returns = {2, 2, 1, 0, 7};

        ValueTerms terms = new ClippedValueLoss(0.2).terms(values, oldValues, returns, mask);

        // 0.5 max((V - R)^2, (clip(V) - R)^2):
        // (1 - 2)^2 = 1 both;  (1.5 - 2)^2 = 0.25 vs (1.2 - 2)^2 = 0.64, clipped larger;
        // (1.5 - 1)^2 = 0.25 vs (1.2 - 1)^2 = 0.04, unclipped;  (0.5 - 0)^2 = 0.25 vs (0.8 - 0)^2 = 0.64, clipped.
        assertArrayEquals(new double[] {0.5, 0.32, 0.125, 0.32, 0}, terms.terms().loss(), 1e-15);
        // V - R where the unclipped error is the larger, else 0.
        assertArrayEquals(new double[] {-1, 0, 0.5, 0, 0}, terms.terms().derivative(), 1e-15);
        assertEquals(0.5, terms.clipFraction(), 0, "2 of the 4 counted tokens");
    }

    @Test
    void aggregatedGradientMatchesFiniteDifferences() {
        CompletionMask mask = CompletionMask.ofLengths(new int[] {3, 2}, 3);
        // Each V at least 1e-2 from V_old +- 0.2 and from where the two errors are equal.
        float[] values = {0.3f, 1.9f, -0.4f, 0.75f, 2.6f, 0};
        float[] oldValues = {0.2f, 1.2f, 0.1f, 0.9f, 2.5f, 0};
        double[] returns = {1.0, 1.0, -1.0, 0.0, 3.0, 0};
        ClippedValueLoss loss = new ClippedValueLoss(0.2);

        TokenLoss aggregated = LossAggregation.TOKEN_MEAN.aggregate(loss.terms(values, oldValues, returns, mask).terms(),
                mask, 3);

        FiniteDifferences.assertMatches(FiniteDifferences.of(values, v -> LossAggregation.TOKEN_MEAN.aggregate(
                loss.terms(v, oldValues, returns, mask).terms(), mask, 3).loss()), aggregated.gradient());
    }
}
