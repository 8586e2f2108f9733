package dev.tempest.accelerator.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The entropy kernel on rows whose entropy is known: uniform, certain, and large logits. */
class TokenEntropyTest {

    @Test
    void entropyIsLogVWhenUniformZeroWhenCertainAndExactForLargeLogits() {
        float inf = Float.NEGATIVE_INFINITY;
        float[] logits = {2, 2, 2, 2, /* */ 5, inf, inf, inf, /* */ 1000, 1000 + (float) Math.log(3), 1000, 1000};
        int rows = 3;
        int V = 4;
        float[] lse = new float[rows];
        TokenLogProbs.forward(new float[rows], 0, lse, 0, logits, 0, new int[] {-1, -1, -1}, V, 0, rows);
        float[] entropy = new float[rows];
        TokenEntropy.forward(entropy, 0, logits, 0, lse, 0, V, 0, rows);
        assertEquals(Math.log(4), entropy[0], 1e-6);
        assertEquals(0, entropy[1], 0);
        // p = [1/6, 1/2, 1/6, 1/6] around 1000, where lse - sum p l would lose about 6e-5 to float round-off.
        double expected = -(3 * (1 / 6.0) * Math.log(1 / 6.0) + 0.5 * Math.log(0.5));
        assertEquals(expected, entropy[2], 1e-4);
    }
}
