package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tolerances of 1e-12 and tighter: double rounding of a few dozen operations, computed two ways. */
class DpoLossTest {

    @Test
    void sigmoidWithLabelSmoothingOnOnePairAsComputedByHand() {
        // h = (-10 - -12) - (-15 - -14) = 2 - (-1) = 3; beta h = 0.3.
        PairLogProbs pair = new PairLogProbs(new double[] {-10}, new double[] {-15}, new double[] {-12}, new double[] {-14},
                new int[] {5}, new int[] {7});

        PairLoss result = new DpoLoss(DpoVariant.SIGMOID, 0.1, 0.1, 0).compute(pair);

        // -(0.9) log sigmoid(0.3) - 0.1 log sigmoid(-0.3), with -log sigmoid(x) = log(1 + e^-x).
        assertEquals(0.9 * Math.log(1 + Math.exp(-0.3)) + 0.1 * Math.log(1 + Math.exp(0.3)), result.loss(), 1e-15);
        // dl/dh = beta (-(0.9) sigmoid(-0.3) + 0.1 sigmoid(0.3)); dh/dpi_c = 1, dh/dpi_r = -1.
        double dh = 0.1 * (-0.9 / (1 + Math.exp(0.3)) + 0.1 / (1 + Math.exp(-0.3)));
        assertEquals(dh, result.dChosen()[0], 1e-15);
        assertEquals(-dh, result.dRejected()[0], 1e-15);
        assertEquals(0.2, result.metrics().get("rewards/chosen"), 1e-15, "0.1 * (-10 - -12)");
        assertEquals(-0.1, result.metrics().get("rewards/rejected"), 1e-15, "0.1 * (-15 - -14)");
        assertEquals(0.3, result.metrics().get("rewards/margins"), 1e-15);
        assertEquals(1.0, result.metrics().get("rewards/accuracies"));
        assertEquals(-10.0, result.metrics().get("logps/chosen"));
        assertEquals(-15.0, result.metrics().get("logps/rejected"));
    }

    @Test
    void ipoComparesPerTokenAveragesAsTrlDoes() {
        // Averages: (-8 - -10) / 4 = 0.5 and (-6 - -5) / 2 = -0.5, so h = 1; summed it would be 2 - (-1) = 3.
        PairLogProbs pair = new PairLogProbs(new double[] {-8}, new double[] {-6}, new double[] {-10}, new double[] {-5},
                new int[] {4}, new int[] {2});

        PairLoss result = new DpoLoss(DpoVariant.IPO, 0.25, 0, 0).compute(pair);

        // (h - 1/(2 beta))^2 = (1 - 2)^2; dl/dh = 2 (1 - 2) = -2; dh/dpi_c = 1/4, dh/dpi_r = -1/2.
        assertEquals(1.0, result.loss(), 1e-15);
        assertEquals(-0.5, result.dChosen()[0], 1e-15);
        assertEquals(1.0, result.dRejected()[0], 1e-15);
        assertEquals(0.25 * 2, result.metrics().get("rewards/chosen"), 1e-15, "rewards are of the sums, as TRL 0.29 on");
    }

    @Test
    void hingeIsLinearBelowItsMarginAndFlatAbove() {
        // h = 3 and h = 20: beta h = 0.3 and 2.
        PairLogProbs pairs = new PairLogProbs(new double[] {-10, -1}, new double[] {-15, -30}, new double[] {-12, -1},
                new double[] {-14, -10}, new int[] {3, 3}, new int[] {3, 3});

        PairLoss result = new DpoLoss(DpoVariant.HINGE, 0.1, 0, 0).compute(pairs);

        assertEquals((0.7 + 0) / 2, result.loss(), 1e-15, "relu(1 - 0.3) and relu(1 - 2), averaged");
        assertArrayEquals(new double[] {-0.1 / 2, 0}, result.dChosen(), 1e-15);
        assertArrayEquals(new double[] {0.1 / 2, 0}, result.dRejected(), 1e-15);
    }

    @Test
    void likelihoodAnchorAddsTheChosenTokensMeanNll() {
        // Two pairs whose DPO term is the same as without the anchor; chosen sums -10 and -20 over 4 and 6 tokens.
        PairLogProbs pairs = new PairLogProbs(new double[] {-10, -20}, new double[] {-15, -25}, new double[] {-10, -20},
                new double[] {-15, -25}, new int[] {4, 6}, new int[] {2, 2});

        PairLoss plain = new DpoLoss(DpoVariant.SIGMOID, 0.1, 0, 0).compute(pairs);
        PairLoss anchored = new DpoLoss(DpoVariant.SIGMOID, 0.1, 0, 0.5).compute(pairs);

        // NLL = (10 + 20) / (4 + 6) = 3 per token; d/dpi_c = -0.5 / 10 for every pair.
        assertEquals(plain.loss() + 0.5 * 3, anchored.loss(), 1e-14);
        assertEquals(3.0, anchored.metrics().get("nll_loss"), 1e-15);
        assertEquals(plain.dChosen()[1] - 0.05, anchored.dChosen()[1], 1e-15);
        assertArrayEquals(plain.dRejected(), anchored.dRejected(), 0);
    }

    @Test
    void everyVariantMatchesTrlsFormulasOnRandomPairs() {
        PairLogProbs pairs = randomPairs(new Random(3), 6);
        double[][] settings = {{0.1, 0, 0}, {0.3, 0.2, 0.7}};
        for (DpoVariant variant : DpoVariant.values()) {
            for (double[] setting : settings) {
                double smoothing = variant == DpoVariant.SIGMOID ? setting[1] : 0;
                PairLoss result = new DpoLoss(variant, setting[0], smoothing, setting[2]).compute(pairs);
                assertEquals(trlLoss(variant, setting[0], smoothing, setting[2], pairs), result.loss(), 1e-12,
                        variant + " " + setting[0]);
            }
        }
    }

    @Test
    void gradientsOfEveryVariantMatchFiniteDifferences() {
        PairLogProbs pairs = randomPairs(new Random(5), 5);
        for (DpoVariant variant : DpoVariant.values()) {
            DpoLoss loss = new DpoLoss(variant, 0.2, variant == DpoVariant.SIGMOID ? 0.1 : 0, 0.3);

            PairLoss result = loss.compute(pairs);

            FiniteDifferences.assertMatches(FiniteDifferences.of(pairs.policyChosen(), chosen -> loss.compute(
                    new PairLogProbs(chosen, pairs.policyRejected(), pairs.referenceChosen(), pairs.referenceRejected(),
                            pairs.chosenTokens(), pairs.rejectedTokens())).loss()), result.dChosen());
            FiniteDifferences.assertMatches(FiniteDifferences.of(pairs.policyRejected(), rejected -> loss.compute(
                    new PairLogProbs(pairs.policyChosen(), rejected, pairs.referenceChosen(), pairs.referenceRejected(),
                            pairs.chosenTokens(), pairs.rejectedTokens())).loss()), result.dRejected());
        }
    }

    @Test
    void tokenGradientPutsEachCompletionsDerivativeOnItsTokensChosenFirst() {
        PairLoss result = new PairLoss(0, new double[] {-0.5, -0.25}, new double[] {0.5, 0.125}, Map.of());
        // Chosen completions of 2 and 3 tokens, then rejected of 1 and 2, padded to 3.
        CompletionMask mask = CompletionMask.ofLengths(new int[] {2, 3, 1, 2}, 3);

        assertArrayEquals(new float[] {-0.5f, -0.5f, 0, -0.25f, -0.25f, -0.25f, 0.5f, 0, 0, 0.125f, 0.125f, 0},
                result.tokenGradient(mask));
    }

    @Test
    void refusesLabelSmoothingOutsideTheSigmoidLoss() {
        assertThrows(IllegalArgumentException.class, () -> new DpoLoss(DpoVariant.IPO, 0.1, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DpoLoss(DpoVariant.SIGMOID, 0.1, 0.5, 0));
    }

    /** TRL 0.28's dpo_loss and rpo term, arranged as TRL arranges them: log-ratios of chosen to rejected first. */
    private static double trlLoss(DpoVariant variant, double beta, double eps, double alpha, PairLogProbs pairs) {
        double sum = 0;
        double chosenLogps = 0;
        int chosenTokens = 0;
        for (int p = 0; p < pairs.pairs(); p++) {
            // concatenated_forward divides policy and reference log-probs alike by the tokens for ipo.
            double nc = variant == DpoVariant.IPO ? pairs.chosenTokens()[p] : 1;
            double nr = variant == DpoVariant.IPO ? pairs.rejectedTokens()[p] : 1;
            double logratios = pairs.policyChosen()[p] / nc - pairs.policyRejected()[p] / nr;
            double refLogratios = pairs.referenceChosen()[p] / nc - pairs.referenceRejected()[p] / nr;
            double logits = logratios - refLogratios;
            sum += switch (variant) {
                case SIGMOID -> -Math.log(1 / (1 + Math.exp(-beta * logits))) * (1 - eps)
                        - Math.log(1 / (1 + Math.exp(beta * logits))) * eps;
                case HINGE -> Math.max(0, 1 - beta * logits);
                case IPO -> Math.pow(logits - 1 / (2 * beta), 2);
            };
            chosenLogps += pairs.policyChosen()[p];
            chosenTokens += pairs.chosenTokens()[p];
        }
        // losses + rpo_alpha * nll_loss, then the mean: the NLL (a batch token mean) is added once.
        return sum / pairs.pairs() + alpha * (-chosenLogps / chosenTokens);
    }

    /** Summed log-probs of a few dozen tokens, the policy near the reference: h within a few units. */
    private static PairLogProbs randomPairs(Random random, int P) {
        double[][] sums = new double[4][P];
        int[][] tokens = new int[2][P];
        for (int p = 0; p < P; p++) {
            tokens[0][p] = 1 + random.nextInt(40);
            tokens[1][p] = 1 + random.nextInt(40);
            sums[2][p] = -tokens[0][p] * (0.5 + random.nextDouble());
            sums[3][p] = -tokens[1][p] * (0.5 + random.nextDouble());
            sums[0][p] = sums[2][p] + 3 * random.nextGaussian();
            sums[1][p] = sums[3][p] + 3 * random.nextGaussian();
        }
        return new PairLogProbs(sums[0], sums[1], sums[2], sums[3], tokens[0], tokens[1]);
    }
}
