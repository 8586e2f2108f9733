package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LossAggregationTest {

    /** Completions of 1, 3 and 0 tokens, padded to 4: 4 counted tokens. */
    private final CompletionMask mask = CompletionMask.ofLengths(new int[] {1, 3, 0}, 4);

    @Test
    void multipliersAsComputedByHand() {
        // 1 / (S n_s): 1/3 for the one-token completion, 1/9 for each of the three.
        assertArrayEquals(new double[] {1.0 / 3, 0, 0, 0, 1.0 / 9, 1.0 / 9, 1.0 / 9, 0, 0, 0, 0, 0},
                LossAggregation.SEQUENCE_MEAN.multipliers(mask, 4), 1e-17);
        // 1 / N, N = 4.
        assertArrayEquals(new double[] {0.25, 0, 0, 0, 0.25, 0.25, 0.25, 0, 0, 0, 0, 0},
                LossAggregation.TOKEN_MEAN.multipliers(mask, 4), 0);
        // 1 / (S * max_completion_length) = 1 / (3 * 8).
        double c = 1.0 / 24;
        assertArrayEquals(new double[] {c, 0, 0, 0, c, c, c, 0, 0, 0, 0, 0},
                LossAggregation.CONSTANT.multipliers(mask, 8), 0);
    }

    /** TRL's grpo_trainer, loss_type grpo, dapo (one process, one micro-batch) and dr_grpo, in plain loops. */
    @Test
    void aggregatedLossesMatchTrlsFormulas() {
        Random random = new Random(17);
        int S = 3;
        int T = 4;
        double[] perTokenLoss = new double[S * T];
        for (int i = 0; i < perTokenLoss.length; i++) {
            perTokenLoss[i] = random.nextGaussian();
        }
        TokenTerms terms = new TokenTerms(perTokenLoss, new double[S * T]);
        double grpo = 0;
        double maskedSum = 0;
        int maskSum = 0;
        for (int s = 0; s < S; s++) {
            double rowSum = 0;
            int rowCount = 0;
            for (int t = 0; t < T; t++) {
                double m = mask.counts(s * T + t) ? 1 : 0;
                rowSum += perTokenLoss[s * T + t] * m;
                rowCount += (int) m;
            }
            // ((per_token_loss * mask).sum(-1) / mask.sum(-1).clamp(min=1.0)).mean()
            grpo += rowSum / Math.max(rowCount, 1.0) / S;
            maskedSum += rowSum;
            maskSum += rowCount;
        }
        double dapo = maskedSum / Math.max(maskSum, 1.0);   // (per_token_loss * mask).sum() / num_items_in_batch
        double drGrpo = maskedSum / (S * 10);                // ... / (per_token_loss.size(0) * max_completion_length)

        assertEquals(grpo, LossAggregation.SEQUENCE_MEAN.aggregate(terms, mask, 10).loss(), 1e-15);
        assertEquals(dapo, LossAggregation.TOKEN_MEAN.aggregate(terms, mask, 10).loss(), 1e-15);
        assertEquals(drGrpo, LossAggregation.CONSTANT.aggregate(terms, mask, 10).loss(), 1e-15);
    }

    @Test
    void gradientIsEachTokensDerivativeTimesItsMultiplier() {
        double[] derivative = {2, 9, 9, 9, -4, 1, 0.5, 9, 9, 9, 9, 9};
        TokenTerms terms = new TokenTerms(new double[12], derivative);

        float[] gradient = LossAggregation.SEQUENCE_MEAN.aggregate(terms, mask, 4).gradient();

        // To 1e-7: float rounding of values under 1.
        assertArrayEquals(new float[] {2f / 3, 0, 0, 0, -4f / 9, 1f / 9, 0.5f / 9, 0, 0, 0, 0, 0}, gradient, 1e-7f);
    }

    @Test
    void constantRefusesAMaximumBelowTheBatchsLength() {
        assertThrows(IllegalArgumentException.class, () -> LossAggregation.CONSTANT.multipliers(mask, 3));
    }
}
