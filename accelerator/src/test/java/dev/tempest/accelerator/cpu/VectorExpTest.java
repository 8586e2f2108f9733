package dev.tempest.accelerator.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cpu kernels' exp: its accuracy, its edges, and the same bits in the vector body and the tail. */
class VectorExpTest {

    private final float[] lanes = new float[VectorExp.L];

    @Test
    void withinOneUlpOfMathExpOverFloatsNormalRange() {
        int n = 100_003;
        float[] x = new float[n];
        Random random = new Random(1);
        for (int i = 0; i < n; i++) {
            x[i] = -87.3f + random.nextFloat() * (88f + 87.3f);
        }
        float[] e = new float[n];
        VectorExp.exp(x, 0, e, 0, n, 1f, 0f, lanes);
        for (int i = 0; i < n; i++) {
            float expected = (float) Math.exp(x[i]);
            if (expected >= Float.MIN_NORMAL) {
                assertTrue(Math.abs(Float.floatToIntBits(expected) - Float.floatToIntBits(e[i])) <= 1,
                        "exp(" + x[i] + ") = " + e[i] + ", Math.exp gives " + expected);
            }
        }
    }

    @Test
    void anElementHasTheSameBitsInTheVectorBodyAndInTheTail() {
        int n = 5 * VectorExp.L + 3;
        float[] x = new float[n];
        Random random = new Random(2);
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian() * 10;
        }
        float[] aligned = new float[n];
        float[] shifted = new float[n];
        VectorExp.exp(x, 0, aligned, 0, n, 0.5f, -1f, lanes);
        for (int start = 1; start < n; start++) {  // every element lands in a vector and in a tail
            VectorExp.exp(x, start, shifted, start, n - start, 0.5f, -1f, lanes);
            for (int i = start; i < n; i++) {
                assertEquals(Float.floatToIntBits(aligned[i]), Float.floatToIntBits(shifted[i]), "element " + i);
            }
        }
    }

    @Test
    void underflowsToZeroSaturatesBelowInfinityAndKeepsNaN() {
        float[] x = {-1000f, -88f, Float.NEGATIVE_INFINITY, 100f, Float.POSITIVE_INFINITY, Float.NaN, 0f};
        float[] e = new float[x.length];
        double sum = VectorExp.exp(x, 0, e, 0, x.length, 1f, 0f, lanes);
        assertEquals(0f, e[0]);
        assertEquals(0f, e[1]);
        assertEquals(0f, e[2]);
        assertEquals((float) Math.exp(88), e[3], Math.ulp((float) Math.exp(88)));
        assertEquals(e[3], e[4]);
        assertTrue(Float.isNaN(e[5]));
        assertEquals(1f, e[6]);
        assertTrue(Double.isNaN(sum), "a NaN reaches the sum, so a diverged softmax is seen");
    }
}
