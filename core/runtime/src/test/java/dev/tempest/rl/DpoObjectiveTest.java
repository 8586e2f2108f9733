package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.model.TokenPositions;
import dev.tempest.train.Batch;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DPO on a batch as the stage cuts one: two rows of whole pairs of a longer list (pairs 3 and 1,
 * each a chosen and a rejected example, two to a row, padded), with a masked prompt token and
 * padding. The loss must sum each example's tokens by its source, compare it with that example's
 * reference, and give every answer token the derivative of the loss with respect to it.
 */
class DpoObjectiveTest {

    private static final int T = 6;

    // Examples 6, 7 (pair 3) share the first row; 2, 3 (pair 1) the second; -1 is padding.
    private static final int[] SOURCES = {6, 6, 6, 7, 7, -1, 2, 2, 3, 3, 3, 3};
    // The first token of each example has nothing before it; a target of -1 is a masked prompt token.
    private static final int[] TARGETS = {-1, 5, 9, -1, 4, -1, -1, 8, -1, 2, 7, 1};

    @Test
    void itsTokenGradientIsTheDerivativeOfItsLoss() {
        Random random = new Random(23);
        double[] referenceSums = new double[8];
        int[] referenceTokens = new int[8];
        for (int i = 0; i < 8; i++) {
            referenceSums[i] = -3 - 4 * random.nextDouble();
            referenceTokens[i] = 2;
        }
        float[] logp = new float[SOURCES.length];
        for (int i = 0; i < logp.length; i++) {
            logp[i] = TARGETS[i] < 0 ? 0 : (float) (-0.5 - 2 * random.nextDouble());
        }
        Batch batch = new Batch(new int[SOURCES.length], TARGETS, TokenPositions.rows(2, T, 0), 11, SOURCES);
        float scale = 0.5f;

        for (DpoVariant variant : DpoVariant.values()) {
            DpoObjective objective = new DpoObjective(new DpoLoss(variant, 0.1, 0, 0.2),
                    new SequenceLogProbs(referenceSums, referenceTokens));
            float[] gradient = new float[logp.length];
            objective.loss(logp, batch, scale, gradient);

            double[] expected = FiniteDifferences.of(logp, x -> scale * objective.loss(x, batch, 1, new float[x.length]).loss());
            for (int i = 0; i < logp.length; i++) {
                assertEquals(expected[i], gradient[i], FiniteDifferences.TOLERANCE * Math.max(1, Math.abs(expected[i])) + 1e-7,
                        variant + " token " + i + " (the gradient is a float: 6e-8 relative)");
            }
            assertEquals(0, gradient[0], "a token that is no target has no gradient");
            assertEquals(0, gradient[5], "padding has no gradient");
        }
    }

    @Test
    void thePolicyEqualToTheReferenceGivesTheLossOfNoPreferenceAtAll() {
        // Under the starting model the policy's sums are the reference's: h = 0, loss log 2 (sigmoid), every pair a tie.
        float[] logp = {0, -1, -2, 0, -3, 0, 0, -1.5f, 0, -0.5f, -0.25f, -2};
        double[] reference = new double[8];
        int[] tokens = new int[8];
        for (int i = 0; i < logp.length; i++) {
            if (TARGETS[i] >= 0) {
                reference[SOURCES[i]] += logp[i];
                tokens[SOURCES[i]]++;
            }
        }
        Batch batch = new Batch(new int[SOURCES.length], TARGETS, TokenPositions.rows(2, T, 0), 11, SOURCES);
        DpoObjective objective = new DpoObjective(new DpoLoss(DpoVariant.SIGMOID, 0.1, 0, 0),
                new SequenceLogProbs(reference, tokens));

        PairLoss loss = objective.loss(logp, batch, 1, new float[logp.length]);

        assertEquals(Math.log(2), loss.loss(), 1e-12);
        assertEquals(0.0, loss.metrics().get("rewards/accuracies"), "a tie is no success, as in TRL");
        assertEquals(0.0, loss.metrics().get("rewards/margins"), 1e-12);
    }
}
