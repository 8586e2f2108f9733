package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.VectorExp.L;
import static dev.tempest.accelerator.cpu.VectorExp.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Reductions for the SIMD kernels whose result is the same however the JIT compiled the caller:
 * {@code reduceLanes(ADD)} leaves the order of a float sum to the implementation, which could
 * differ before and after C2 compiles a loop, so a kernel stores its vector of partial sums and
 * sums the lanes here in a fixed order.
 */
final class Reductions {

    private Reductions() {
    }

    /** The lanes of a vector stored in {@code lanes}, added first to last in double. */
    static double sum(float[] lanes) {
        double sum = 0;
        for (float lane : lanes) {
            sum += lane;
        }
        return sum;
    }

    /** The largest of x[at .. at+count); a max is exact, so its order does not matter. */
    static float max(float[] x, int at, int count) {
        FloatVector maxes = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i <= count - L; i += L) {
            maxes = maxes.max(FloatVector.fromArray(SPECIES, x, at + i));
        }
        float max = maxes.reduceLanes(VectorOperators.MAX);
        for (; i < count; i++) {
            max = Math.max(max, x[at + i]);
        }
        return max;
    }
}
