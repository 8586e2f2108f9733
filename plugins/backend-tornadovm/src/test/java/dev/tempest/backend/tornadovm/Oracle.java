package dev.tempest.backend.tornadovm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Runs a kernel on the scalar oracle and on the backend under test from the same seeded inputs,
 * and compares what each wrote.
 */
final class Oracle {

    private final Backend scalar;
    private final Backend tested;
    private final Random random;

    Oracle(Backend scalar, Backend tested, long seed) {
        this.scalar = scalar;
        this.tested = tested;
        this.random = new Random(seed);
    }

    /** One array's copies: on the oracle and on the backend under test. */
    record Pair(Buffer oracle, Buffer tested, int length) {
    }

    Pair gaussian(int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return upload(values);
    }

    Pair positive(int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = 0.1f + random.nextFloat();
        }
        return upload(values);
    }

    Pair zeros(int length) {
        return upload(new float[length]);
    }

    int[] ids(int count, int bound) {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = random.nextInt(bound);
        }
        return ids;
    }

    Pair upload(float[] values) {
        Buffer a = scalar.allocate(values.length);
        Buffer b = tested.allocate(values.length);
        scalar.write(a, values, 0);
        tested.write(b, values, 0);
        return new Pair(a, b, values.length);
    }

    /** Runs {@code kernel} on both backends; it picks each pair's buffer through {@link On#of}. */
    void both(Consumer<On> kernel) {
        kernel.accept(new On(true));
        kernel.accept(new On(false));
    }

    /** Which backend a kernel call is for. */
    final class On {
        private final boolean oracle;

        private On(boolean oracle) {
            this.oracle = oracle;
        }

        Backend backend() {
            return oracle ? scalar : tested;
        }

        Buffer of(Pair pair) {
            return oracle ? pair.oracle() : pair.tested();
        }
    }

    /** max |tested - oracle| <= relative * max(max |oracle|, 1e-3), every value finite. */
    void assertAgree(String name, Pair pair, double relative) {
        float[] expected = new float[pair.length()];
        float[] actual = new float[pair.length()];
        scalar.read(pair.oracle(), expected, 0);
        tested.read(pair.tested(), actual, 0);
        double scale = 1e-3;
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Float.isFinite(actual[i]), name + "[" + i + "] is " + actual[i]);
            scale = Math.max(scale, Math.abs(expected[i]));
            double diff = Math.abs(expected[i] - actual[i]);
            if (diff > worst) {
                worst = diff;
                at = i;
            }
        }
        double worstDiff = worst;
        int worstAt = at;
        double largest = scale;
        assertTrue(worst <= relative * scale, () -> name + " on " + tested.name() + ": max |diff| " + worstDiff
                + " at [" + worstAt + "] (" + expected[worstAt] + " vs " + actual[worstAt] + ") > " + relative + " * "
                + largest);
    }
}
