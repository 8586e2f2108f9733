package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExplainedVarianceTest {

    /** Four counted tokens, then a completion of none, whose wild values must not enter. */
    private final CompletionMask mask = CompletionMask.ofLengths(new int[] {2, 2, 0}, 2);
    private final double[] returns = {1, 2, 3, 4, 0, 0};

    @Test
    void oneMinusResidualVarianceOverReturnVarianceAsComputedByHand() {
        // Residuals R - V = 0, 1, 0, 1: variance 0.25; returns' variance (mean 2.5) 1.25; 1 - 0.25 / 1.25.
        assertEquals(0.8, ExplainedVariance.of(new float[] {1, 1, 3, 3, 50, 50}, returns, mask), 1e-15);
    }

    @Test
    void perfectCriticIsOneAndConstantCriticZero() {
        assertEquals(1.0, ExplainedVariance.of(new float[] {1, 2, 3, 4, 9, 9}, returns, mask), 0);
        assertEquals(0.0, ExplainedVariance.of(new float[] {7, 7, 7, 7, 9, 9}, returns, mask), 1e-15);
    }

    @Test
    void constantReturnsExplainNothing() {
        assertEquals(Double.NaN, ExplainedVariance.of(new float[6], new double[] {2, 2, 2, 2, 5, 5}, mask));
    }
}
