package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TruncatedResponsesTest {

    private final double[] rewards = {1, 0.5, 0};
    private final boolean[] truncated = {false, true, true};
    private final CompletionMask mask = CompletionMask.ofLengths(new int[] {1, 2, 2}, 2);

    @Test
    void penaltyLowersTheTruncatedResponsesRewardsAndKeepsTheirTokens() {
        TruncatedResponses penalised = TruncatedResponses.penalisedBy(1);

        assertArrayEquals(new double[] {1, -0.5, -1}, penalised.rewards(rewards, truncated), 0);
        assertSame(mask, penalised.lossMask(mask, truncated));
    }

    @Test
    void maskingDropsTheirTokensAndKeepsTheirRewardsForTheGroupsStatistics() {
        TruncatedResponses masked = TruncatedResponses.maskedOut();

        assertArrayEquals(rewards, masked.rewards(rewards, truncated), 0);
        assertArrayEquals(new boolean[] {true, false, false, false, false, false},
                masked.lossMask(mask, truncated).counted());
    }

    @Test
    void keptChangesNothing() {
        TruncatedResponses kept = TruncatedResponses.kept();

        assertArrayEquals(rewards, kept.rewards(rewards, truncated), 0);
        assertSame(mask, kept.lossMask(mask, truncated));
    }

    @Test
    void refusesMaskingAndPenalisingAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new TruncatedResponses(true, 1));
    }
}
