package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CompletionMaskTest {

    private final CompletionMask mask = CompletionMask.ofLengths(new int[] {2, 0, 3}, 3);

    @Test
    void rightPaddedLengthsCountTheirFirstTokens() {
        assertArrayEquals(new boolean[] {true, true, false, false, false, false, true, true, true}, mask.counted());
        assertEquals(5, mask.tokens());
        assertEquals(0, mask.tokens(1));
        assertEquals(3, mask.tokens(2));
    }

    @Test
    void spreadPutsEachCompletionsValueOnItsCountedTokens() {
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0, 0, 0, -2, -2, -2}, mask.spread(new double[] {0.5, 9, -2}), 0);
    }

    @Test
    void meanAndVarianceCountOnlyCountedTokens() {
        double[] values = {1, 3, 99, 99, 99, 99, 2, 2, 7};

        // Mean (1 + 3 + 2 + 2 + 7) / 5 = 3; squared deviations 4, 0, 1, 1, 16: population variance 22 / 5.
        assertEquals(3, mask.mean(values), 1e-15);
        assertEquals(22.0 / 5, mask.variance(values), 1e-15);
    }

    @Test
    void withoutDropsWholeCompletions() {
        CompletionMask dropped = mask.without(new boolean[] {false, false, true});

        assertEquals(2, dropped.tokens());
        assertEquals(0, dropped.tokens(2));
    }

    @Test
    void refusesLengthsBeyondThePadding() {
        assertThrows(IllegalArgumentException.class, () -> CompletionMask.ofLengths(new int[] {4}, 3));
    }
}
