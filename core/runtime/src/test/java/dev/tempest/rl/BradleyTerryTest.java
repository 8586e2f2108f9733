package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The loss, its derivatives and the reported statistics on pairs worked by hand; 1e-12 is double round-off. */
class BradleyTerryTest {

    @Test
    void twoPairsWithoutMarginOrCentring() {
        BradleyTerry.Result result = BradleyTerry.of(new double[] {1, 0}, new double[] {0, 0}, null, 0);

        // (softplus(-1) + softplus(0)) / 2 = (0.3132616875182228 + log 2) / 2
        assertEquals(0.5032044340390841, result.loss(), 1e-12);
        // (sigmoid(d) - 1) / P: sigmoid(1) = 0.7310585786300049, sigmoid(0) = 0.5
        assertArrayEquals(new double[] {-0.13447071068499755, -0.25}, result.dChosen(), 1e-12);
        assertArrayEquals(new double[] {0.13447071068499755, 0.25}, result.dRejected(), 1e-12);
        assertEquals(0.75, result.accuracy(), 0, "one win and one tie, which counts half");
        assertEquals(0.5, result.meanMargin(), 0);
    }

    @Test
    void marginsShiftTheDifferenceAndCentringPullsTheSumToZero() {
        double[] chosen = {2, -1, 0.5};
        double[] rejected = {0.5, 1, 0.5};
        double[] margins = {1, 0, -0.5};

        BradleyTerry.Result result = BradleyTerry.of(chosen, rejected, margins, 0.01);

        // d = (0.5, -2, 0.5); loss = mean(softplus(-d)) + 0.01 * mean((6.25, 0, 1))
        assertEquals(1.0491939931343954, result.loss(), 1e-12);
        // (sigmoid(d) - 1) / 3 + 2 * 0.01 * (r_c + r_r) / 3, and the negated first term for rejected
        assertArrayEquals(new double[] {-0.10918022293271515, -0.2935990259926275, -0.11918022293271514},
                result.dChosen(), 1e-12);
        assertArrayEquals(new double[] {0.14251355626604847, 0.2935990259926275, 0.13251355626604847},
                result.dRejected(), 1e-12);
        assertEquals(0.5, result.accuracy(), 1e-12, "a win, a loss and a tie; the margins do not count");
        assertEquals((1.5 - 2 + 0) / 3, result.meanMargin(), 1e-12);
    }

    @Test
    void aConfidentlyWrongPairCostsItsDifferenceNotInfinity() {
        BradleyTerry.Result result = BradleyTerry.of(new double[] {-800}, new double[] {0}, null, 0);

        assertEquals(800, result.loss(), 1e-9);
        assertEquals(-1, result.dChosen()[0], 1e-12);
    }

    @Test
    void refusesPairsOfUnequalCounts() {
        assertThrows(IllegalArgumentException.class, () -> BradleyTerry.of(new double[] {1}, new double[] {1, 2}, null, 0));
        assertThrows(IllegalArgumentException.class, () -> BradleyTerry.of(new double[0], new double[0], null, 0));
    }
}
