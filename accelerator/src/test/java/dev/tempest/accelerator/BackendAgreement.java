package dev.tempest.accelerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

/**
 * Runs the same kernel on the scalar oracle and on a backend under test, from the same random
 * inputs, and compares what they wrote.
 */
public final class BackendAgreement {

    private final Backend oracle;
    private final Backend tested;
    private final Random random;

    public BackendAgreement(Backend oracle, Backend tested, long seed) {
        this.oracle = oracle;
        this.tested = tested;
        this.random = new Random(seed);
    }

    /** One array's copies on both backends. */
    public record Pair(Buffer oracle, Buffer tested, int length) {
    }

    public Pair random(int length) {
        return upload(gaussian(length));
    }

    /** Standard normal floats, from this agreement's seed. */
    public float[] gaussian(int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    public Pair positive(int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = 0.1f + random.nextFloat();
        }
        return upload(values);
    }

    public Pair zeros(int length) {
        return upload(new float[length]);
    }

    public int[] ids(int count, int bound) {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = random.nextInt(bound);
        }
        return ids;
    }

    public Pair upload(float[] values) {
        Buffer a = oracle.allocate(values.length);
        Buffer b = tested.allocate(values.length);
        oracle.write(a, values, 0);
        tested.write(b, values, 0);
        return new Pair(a, b, values.length);
    }

    /**
     * max |tested - oracle| <= relative * max(|oracle|, 1e-3) over the whole array: kernels that
     * share code agree to the bit, and those that sum in another order (GEMM, chunked
     * reductions) agree to float32 round-off, ~1e-6 of the largest value.
     */
    public void assertAgree(String name, Pair pair, double relative) {
        float[] expected = new float[pair.length()];
        float[] actual = new float[pair.length()];
        oracle.read(pair.oracle(), expected, 0);
        tested.read(pair.tested(), actual, 0);
        double scale = 1e-3;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Float.isFinite(actual[i]), name + "[" + i + "] is " + actual[i]);
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= relative * scale, name + " on " + tested.name() + ": max |diff| " + worst
                + " > " + relative + " * " + scale);
    }

    public void assertAgree(String name, double expected, double actual, double relative) {
        assertEquals(expected, actual, relative * Math.abs(expected), name + " on " + tested.name());
    }
}
