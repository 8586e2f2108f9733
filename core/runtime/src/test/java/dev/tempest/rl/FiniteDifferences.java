package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.ToDoubleFunction;

/**
 * Central finite differences of a loss computed in double. A step of 1e-3 leaves a truncation
 * error of about f''' h^2 / 6, under 1e-6 for these losses' third derivatives (each at most a
 * few units where the inputs lie); the functions under test are smooth within a step of every
 * point the tests pick (no clip boundary or hinge kink within 1e-2). Float inputs move by the
 * float nearest x +- h, and the difference is divided by the move actually made, so float
 * rounding of the inputs adds no error; a float gradient is within 6e-8 relative of its double.
 */
final class FiniteDifferences {

    private static final double STEP = 1e-3;

    /** Truncation error bound (above), relative to the larger of 1 and the derivative. */
    static final double TOLERANCE = 1e-6;

    private FiniteDifferences() {
    }

    static double[] of(float[] x, ToDoubleFunction<float[]> loss) {
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            float[] up = x.clone();
            float[] down = x.clone();
            up[i] = (float) (x[i] + STEP);
            down[i] = (float) (x[i] - STEP);
            gradient[i] = (loss.applyAsDouble(up) - loss.applyAsDouble(down)) / ((double) up[i] - down[i]);
        }
        return gradient;
    }

    static double[] of(double[] x, ToDoubleFunction<double[]> loss) {
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += STEP;
            down[i] -= STEP;
            gradient[i] = (loss.applyAsDouble(up) - loss.applyAsDouble(down)) / (up[i] - down[i]);
        }
        return gradient;
    }

    static void assertMatches(double[] numeric, double[] analytic) {
        assertEquals(numeric.length, analytic.length);
        for (int i = 0; i < numeric.length; i++) {
            assertEquals(numeric[i], analytic[i], TOLERANCE * Math.max(1, Math.abs(numeric[i])), "input " + i);
        }
    }

    static void assertMatches(double[] numeric, float[] analytic) {
        double[] widened = new double[analytic.length];
        for (int i = 0; i < analytic.length; i++) {
            widened[i] = analytic[i];
        }
        assertMatches(numeric, widened);
    }
}
