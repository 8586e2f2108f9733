package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class KlPenaltyTest {

    @Test
    void betaTimesK3AndItsDerivativeOnCountedTokensOnly() {
        CompletionMask mask = CompletionMask.ofLengths(new int[] {1, 2}, 2);
        float[] logp = {-1, 5, -2, -0.5f};
        float[] ref = {-1.5f, 5, -1, -0.5f};

        TokenTerms terms = KlPenalty.k3(0.04).terms(logp, ref, mask);

        // ref - logp = -0.5, (padding), 1, 0: k3 = e^x - x - 1, d/dlogp = 1 - e^x; to 1e-16, the hand
        // formula's rounding at 1.1 (2.2e-16) times beta.
        assertArrayEquals(new double[] {0.04 * (Math.exp(-0.5) + 0.5 - 1), 0, 0.04 * (Math.E - 2), 0}, terms.loss(),
                1e-16);
        assertArrayEquals(new double[] {0.04 * (1 - Math.exp(-0.5)), 0, 0.04 * (1 - Math.E), 0}, terms.derivative(),
                1e-16);
    }

    @Test
    void betaZeroIsNoPenaltyAndNeedsNoReference() {
        KlPenalty none = KlPenalty.k3(0);
        CompletionMask mask = CompletionMask.ofLengths(new int[] {2}, 2);

        TokenTerms terms = none.terms(new float[] {-1, -2}, null, mask);

        assertFalse(none.needsReference());
        assertArrayEquals(new double[2], terms.loss(), 0);
        assertArrayEquals(new double[2], terms.derivative(), 0);
    }

    @Test
    void aggregatedGradientMatchesFiniteDifferences() {
        CompletionMask mask = CompletionMask.ofLengths(new int[] {3, 1}, 3);
        float[] logp = {-0.3f, -2.2f, -1.0f, -0.7f, 0, 0};
        float[] ref = {-0.9f, -1.7f, -1.0f, -2.5f, 0, 0};
        KlPenalty penalty = KlPenalty.k3(0.1);

        TokenLoss loss = LossAggregation.TOKEN_MEAN.aggregate(penalty.terms(logp, ref, mask), mask, 3);

        FiniteDifferences.assertMatches(FiniteDifferences.of(logp,
                x -> LossAggregation.TOKEN_MEAN.aggregate(penalty.terms(x, ref, mask), mask, 3).loss()), loss.gradient());
        assertEquals(0, loss.gradient()[4], 0, "padding");
    }
}
