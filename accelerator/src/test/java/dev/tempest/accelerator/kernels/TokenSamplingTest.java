package dev.tempest.accelerator.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.accelerator.SamplingSettings;
import org.junit.jupiter.api.Test;

/**
 * The sampling rule on one row worked by hand: logits [1, 3, 3, 2, 0], so at temperature 1 the
 * weights exp(l - 3) are [e^-2, 1, 1, e^-1, e^-3], 2.5530 in all.
 */
class TokenSamplingTest {

    private static final float[] ROW = {1, 3, 3, 2, 0};
    private static final double LOG_TOTAL = 3 + Math.log(Math.exp(-2) + 2 + Math.exp(-1) + Math.exp(-3));

    @Test
    void greedyTakesTheLowestIndexOfTheLargestLogit() {
        assertDraw(1, 0.9f, new SamplingSettings(0, 0, 1));
    }

    @Test
    void topKKeepsEveryTieOfTheKthLogit() {
        assertDraw(1, 0.49f, new SamplingSettings(1, 2, 1));  // {1, 2}, each half the kept weight
        assertDraw(2, 0.51f, new SamplingSettings(1, 2, 1));
        assertDraw(2, 0.6f, new SamplingSettings(1, 1, 1));   // k = 1 still keeps both 3s
        assertDraw(3, 0.9f, new SamplingSettings(1, 3, 1));   // {1, 2, 3}: 0.9 * 2.3679 = 2.13 > 2
    }

    @Test
    void topPKeepsTheFewestLargestLogitsReachingP() {
        assertDraw(2, 0.99f, new SamplingSettings(1, 0, 0.7f)); // the 3s hold 2 / 2.553 = 0.78 >= 0.7
        assertDraw(3, 0.99f, new SamplingSettings(1, 0, 0.8f)); // 0.78 < 0.8: the 2 joins, 2.3679 / 2.553 = 0.93
        assertDraw(1, 0f, new SamplingSettings(1, 0, 0.8f));    // u = 0: the first kept token of positive weight
    }

    @Test
    void theDrawWalksTheKeptTokensInIndexOrder() {
        assertDraw(0, 0.01f, new SamplingSettings(1, 0, 1));                // e^-2 / 2.553 = 0.053 > 0.01
        assertDraw(4, Math.nextDown(1f), new SamplingSettings(1, 0, 1));    // the last token
    }

    @Test
    void logProbabilitiesAreUnderTheTemperatureScaledUntruncatedDistribution() {
        int[] id = new int[1];
        float[] logProb = new float[1];
        TokenSampling.draw(id, logProb, ROW, 0, new float[] {0.3f}, ROW.length, new SamplingSettings(1, 2, 0.5f), 0, 1);
        assertEquals(3 - LOG_TOTAL, logProb[0], 1e-6); // kept set cut to the 3s, probability from all five
        TokenSampling.draw(id, logProb, ROW, 0, new float[] {0.3f}, ROW.length, new SamplingSettings(0.5f, 0, 1), 0, 1);
        double halfTemperatureTotal = Math.exp(-4) + 2 + Math.exp(-2) + Math.exp(-6);
        assertEquals(1, id[0]);
        assertEquals(-Math.log(halfTemperatureTotal), logProb[0], 1e-6);
    }

    private static void assertDraw(int expected, float u, SamplingSettings settings) {
        int[] id = new int[1];
        float[] logProb = new float[1];
        TokenSampling.draw(id, logProb, ROW, 0, new float[] {u}, ROW.length, settings, 0, 1);
        assertEquals(expected, id[0], settings + " u=" + u);
    }
}
