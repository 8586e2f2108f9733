package dev.tempest.accelerator.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

/**
 * Checks a backward kernel against central finite differences of its forward kernel.
 *
 * <p>The loss is L = sum_i r_i * out_i for fixed random r, summed in double, so the backward
 * runs with dout = r. For a sample of input elements, (L(x + h) - L(x - h)) / 2h must match the
 * analytic gradient. The forward runs in float32, so L carries round-off of about
 * 6e-8 * sum|r_i out_i|; divided by 2h with h = 1e-3 that is ~1e-4 * |L|-scale, and the
 * truncation error h^2 f''' is ~1e-6. The tolerance, 2e-3 absolute plus 1e-2 relative, sits
 * above both and far below the O(1) error of a wrong formula or index.
 */
final class GradientCheck {

    /** A kernel pair under test, on host arrays. */
    interface Op {
        /** Runs the forward on {@code inputs}, returns the output. */
        float[] forward(float[][] inputs);

        /** Runs forward then backward with {@code dout}, accumulating into {@code grads} (shaped as inputs). */
        void backward(float[][] inputs, float[] dout, float[][] grads);
    }

    private static final float H = 1e-3f;
    private static final int SAMPLES = 24;

    private GradientCheck() {
    }

    /** Checks the gradient of every input in {@code differentiable} (indices into inputs). */
    static void check(String name, Op op, float[][] inputs, int... differentiable) {
        Random random = new Random(name.hashCode());
        float[] out = op.forward(copy(inputs));
        float[] dout = new float[out.length];
        for (int i = 0; i < dout.length; i++) {
            dout[i] = (float) random.nextGaussian();
        }
        float[][] grads = new float[inputs.length][];
        float[][] initial = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            initial[i] = new float[inputs[i].length];
            for (int j = 0; j < initial[i].length; j++) {
                initial[i][j] = (float) random.nextGaussian(); // backward must add to, not overwrite, these
            }
            grads[i] = initial[i].clone();
        }
        op.backward(copy(inputs), dout, grads);
        for (int which : differentiable) {
            for (int s = 0; s < Math.min(SAMPLES, inputs[which].length); s++) {
                int at = random.nextInt(inputs[which].length);
                double numeric = numericGradient(op, inputs, dout, which, at);
                double analytic = grads[which][at] - initial[which][at];
                assertEquals(numeric, analytic, 2e-3 + 1e-2 * Math.abs(numeric),
                        name + ": d loss / d input" + which + "[" + at + "]");
            }
        }
    }

    private static double numericGradient(GradientCheck.Op op, float[][] inputs, float[] dout, int which, int at) {
        float[][] plus = copy(inputs);
        float[][] minus = copy(inputs);
        plus[which][at] += H;
        minus[which][at] -= H;
        double actualStep = (double) plus[which][at] - minus[which][at];
        return (loss(op.forward(plus), dout) - loss(op.forward(minus), dout)) / actualStep;
    }

    private static double loss(float[] out, float[] weights) {
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += (double) weights[i] * out[i];
        }
        return sum;
    }

    static float[][] copy(float[][] arrays) {
        float[][] copy = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            copy[i] = arrays[i].clone();
        }
        return copy;
    }

    static float[] gaussian(Random random, int n, double mean, double std) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (mean + std * random.nextGaussian());
        }
        return x;
    }
}
