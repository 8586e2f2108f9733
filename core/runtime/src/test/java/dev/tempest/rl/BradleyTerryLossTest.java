package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Tolerances of 1e-14: double rounding of a few operations, computed two ways. */
class BradleyTerryLossTest {

    @Test
    void lossGradientsAndMetricsOfTwoPairsWithMarginsAndCentringAsComputedByHand() {
        double[] chosen = {2, 0};
        double[] rejected = {1, 1};
        double[] margins = {0, 0.5};

        PairLoss result = new BradleyTerryLoss(0.01).compute(chosen, rejected, margins);

        // z = r_c - r_r - m: 1 and -1.5; -log sigmoid(z) = log(1 + exp(-z)).
        double bradleyTerry = (Math.log(1 + Math.exp(-1)) + Math.log(1 + Math.exp(1.5))) / 2;
        // 0.01 * mean((r_c + r_r)^2) = 0.01 * (3^2 + 1^2) / 2.
        double centring = 0.01 * (9 + 1) / 2.0;
        assertEquals(bradleyTerry + centring, result.loss(), 1e-14);
        // d/dr_c of -log sigmoid(z) / P is -sigmoid(-z) / P = -1 / (1 + exp(z)) / 2; of the centring 2 c (r_c + r_r) / P.
        assertEquals(-1 / (1 + Math.exp(1)) / 2 + 2 * 0.01 * 3 / 2, result.dChosen()[0], 1e-14);
        assertEquals(1 / (1 + Math.exp(1)) / 2 + 2 * 0.01 * 3 / 2, result.dRejected()[0], 1e-14);
        assertEquals(-1 / (1 + Math.exp(-1.5)) / 2 + 2 * 0.01 * 1 / 2, result.dChosen()[1], 1e-14);
        assertEquals(0.5, result.metrics().get("accuracy"), 0, "pair 2's chosen reward is the lower");
        assertEquals(0.0, result.metrics().get("margin"), 0, "(1 + -1) / 2: the margins given do not enter it");
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        double[] chosen = {0.3, -1.2, 2.5, 0.0};
        double[] rejected = {-0.7, 0.4, 2.0, 1.1};
        double[] margins = {0.2, 0.0, 1.0, -0.3};
        BradleyTerryLoss loss = new BradleyTerryLoss(0.05);

        PairLoss result = loss.compute(chosen, rejected, margins);

        FiniteDifferences.assertMatches(FiniteDifferences.of(chosen, c -> loss.compute(c, rejected, margins).loss()),
                result.dChosen());
        FiniteDifferences.assertMatches(FiniteDifferences.of(rejected, r -> loss.compute(chosen, r, margins).loss()),
                result.dRejected());
    }

    @Test
    void farApartRewardsGiveFiniteLossAndGradients() {
        PairLoss result = new BradleyTerryLoss(0).compute(new double[] {-500, 500}, new double[] {500, -500}, null);

        // Pair 1: -log sigmoid(-1000) = 1000 + log(1 + e^-1000) = 1000; pair 2: log(1 + e^-1000) = 0.
        assertEquals(500, result.loss(), 1e-12);
        assertEquals(-0.5, result.dChosen()[0], 1e-14, "-sigmoid(1000) / 2");
        assertEquals(0, result.dChosen()[1], 1e-14);
    }

    @Test
    void refusesMismatchedPairs() {
        assertThrows(IllegalArgumentException.class,
                () -> new BradleyTerryLoss(0).compute(new double[] {1, 2}, new double[] {1}, null));
    }
}
