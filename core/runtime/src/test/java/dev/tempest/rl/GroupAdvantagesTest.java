package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GroupAdvantagesTest {

    /** Three prompts, four completions each: half right; all right; partial credit. */
    private final double[] rewards = {1, 0, 0, 1, 1, 1, 1, 1, 0.25, 0.5, 1, 0.25};

    @Test
    void byDefaultRewardLessItsGroupsMeanAsComputedByHand() {
        GroupAdvantages result = GroupAdvantages.of(rewards, 4);

        // Means 0.5, 1 and 2/4 = 0.5.
        assertArrayEquals(new double[] {0.5, -0.5, -0.5, 0.5, 0, 0, 0, 0, -0.25, 0, 0.5, -0.25}, result.advantages(),
                1e-16);
        assertEquals(3, result.groups());
        assertEquals(1, result.zeroVarianceGroups());
        assertEquals(1.0 / 3, result.zeroVarianceShare(), 1e-16);
    }

    @Test
    void scaledByTheGroupsSampleStdPlusTrlsEpsilon() {
        GroupAdvantages result = GroupAdvantages.of(rewards, 4, true);

        // Group 1: squared deviations 4 * 0.25 = 1, over G - 1 = 3: std sqrt(1/3).
        double std1 = Math.sqrt(1.0 / 3) + 1e-4;
        // Group 3: 0.0625 + 0 + 0.25 + 0.0625 = 0.375, over 3: std sqrt(0.125).
        double std3 = Math.sqrt(0.125) + 1e-4;
        assertArrayEquals(new double[] {0.5 / std1, -0.5 / std1, -0.5 / std1, 0.5 / std1, 0, 0, 0, 0,
                -0.25 / std3, 0, 0.5 / std3, -0.25 / std3}, result.advantages(), 1e-15);
    }

    @Test
    void equalRewardsThatDoNotSumExactlyStillGiveZeroAdvantages() {
        // 0.1 * 3 is not 0.3 in binary: a computed mean leaves a residue the std would magnify.
        GroupAdvantages result = GroupAdvantages.of(new double[] {0.1, 0.1, 0.1}, 3, true);

        assertArrayEquals(new double[3], result.advantages(), 0);
        assertEquals(1, result.zeroVarianceGroups());
    }

    @Test
    void refusesSingleCompletionsAndPartialGroups() {
        assertThrows(IllegalArgumentException.class, () -> GroupAdvantages.of(new double[] {1, 0}, 1, false));
        assertThrows(IllegalArgumentException.class, () -> GroupAdvantages.of(new double[] {1, 0, 1}, 2, false));
    }
}
