package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CompletionLayoutTest {

    // Two rows of 5: a 2-token prompt, a 2-token completion, padding; a 1-token prompt, a 3-token completion.
    private static final int[] TARGETS = {-1, 11, 12, -1, -1, 20, 21, 22, -1, -1};

    @Test
    void completionTokensMoveToTheirOwnRowsFromColumnZeroAndBack() {
        CompletionLayout layout = CompletionLayout.of(TARGETS, 2, 5, 4);
        float[] batch = {9, 1, 2, 9, 9, 3, 4, 5, 9, 9};

        float[] completions = layout.gather(batch);

        assertArrayEquals(new float[] {1, 2, 0, 0, 3, 4, 5, 0}, completions);
        assertArrayEquals(new float[] {0, 1, 2, 0, 0, 3, 4, 5, 0, 0}, layout.scatter(completions), "prompt and padding get 0");
        assertEquals(5, layout.mask().tokens());
        assertEquals(3.0, layout.mean(batch), 1e-12, "(1 + 2 + 3 + 4 + 5) / 5");
    }
}
