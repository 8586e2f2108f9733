package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WhiteningTest {

    /** Four counted values and a padding one: mean 3, squared deviations 4, 1, 0, 9, sample variance 14/3. */
    private final CompletionMask mask = CompletionMask.ofLengths(new int[] {3, 1}, 3);
    private final double[] values = {1, 2, 3, 6, 99, 99};
    private final double std = Math.sqrt(14.0 / 3 + 1e-8);

    @Test
    void shiftsToMeanZeroAndScalesToUnitSampleVarianceAsTrlsMaskedWhiten() {
        double[] whitened = Whitening.whiten(values, mask, true);

        assertArrayEquals(new double[] {-2 / std, -1 / std, 0, 3 / std, 0, 0}, whitened, 1e-15);
    }

    @Test
    void withoutShiftingKeepsTheMean() {
        double[] whitened = Whitening.whiten(values, mask, false);

        assertArrayEquals(new double[] {-2 / std + 3, -1 / std + 3, 3, 3 / std + 3, 0, 0}, whitened, 1e-15);
    }

    @Test
    void refusesASingleToken() {
        CompletionMask one = CompletionMask.ofLengths(new int[] {1}, 2);

        assertThrows(IllegalArgumentException.class, () -> Whitening.whiten(new double[] {1, 2}, one, true));
    }
}
