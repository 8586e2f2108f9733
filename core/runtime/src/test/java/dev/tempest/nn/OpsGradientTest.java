package dev.tempest.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.scalar.ScalarBackend;
import dev.tempest.autograd.Tape;
import dev.tempest.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The backward of the ops that compose kernels (linear and conv1d are three GEMMs and a bias
 * sum; add fans a gradient out; gathered rows scatter theirs back; token log-probs take per-token
 * weights as their gradient, as objectives hand them) against central finite differences through
 * the tape; a gradient the host computes starts the tape exactly. The loss
 * is sum r_i y_i in double, h = 1e-3; the tolerance (2e-3 + 1e-2 relative) sits above float32
 * round-off divided by 2h and far below a wrong transpose.
 */
class OpsGradientTest {

    private final Random random = new Random(11);

    @Test
    void linearBackwardMatchesFiniteDifferences() {
        check(ops -> ops.linear(input(ops, 0), input(ops, 1), input(ops, 2)), new int[][] {{5, 7}, {3, 7}, {3}});
    }

    @Test
    void conv1dBackwardMatchesFiniteDifferences() {
        check(ops -> ops.conv1d(input(ops, 0), input(ops, 1), input(ops, 2)), new int[][] {{5, 7}, {7, 3}, {3}});
    }

    @Test
    void aTensorUsedTwiceGetsBothGradients() {
        check(ops -> ops.add(ops.linear(input(ops, 0), input(ops, 1), null), input(ops, 0)),
                new int[][] {{4, 4}, {4, 4}});
    }

    @Test
    void tokenLogProbsTakeTheirGradientAsPerTokenWeights() {
        int[] targets = {4, -100, 0, 5}; // the masked row's weight must reach nothing
        check(ops -> ops.tokenLogProbs(ops.linear(input(ops, 0), input(ops, 1), null), targets),
                new int[][] {{4, 5}, {6, 5}});
    }

    @Test
    void scaledLogitsTakeTheirGradientScaled() {
        int[] targets = {2, 0, -100};
        check(ops -> ops.tokenLogProbs(ops.scale(ops.linear(input(ops, 0), input(ops, 1), null), 1 / 0.7f), targets),
                new int[][] {{3, 4}, {5, 4}});
    }

    @Test
    void entropyIsThatOfTheSoftmaxAndAGradientSeededOnTheHostReachesTheInputs() {
        try (Backend backend = new ScalarBackend()) {
            Tape tape = new Tape();
            Ops ops = new Ops(backend, tape);
            float[] row = {1f, 2f, 0.5f};
            Tensor logits = new Tensor(backend.allocate(3), backend.allocate(3), new int[] {1, 3});
            backend.write(logits.data(), row, 0);
            double z = Math.exp(1) + Math.exp(2) + Math.exp(0.5);
            double expected = 0;
            for (float x : row) {
                double p = Math.exp(x) / z;
                expected -= p * Math.log(p);
            }

            float[] entropy = ops.entropy(logits);
            Tensor logp = ops.tokenLogProbs(logits, new int[] {1});
            ops.backwardFrom(logp, new float[] {-2f});  // d loss / d logp of a loss -2 logp
            tape.backward();
            float[] grad = new float[3];
            backend.read(logits.grad(), grad, 0);

            assertEquals(expected, entropy[0], 1e-6);
            assertEquals(-2 * (1 - Math.exp(2) / z), grad[1], 1e-6, "d(-2 logp)/d logit of the target: -2 (1 - p)");
            assertEquals(2 * Math.exp(1) / z, grad[0], 1e-6, "and of another: 2 p");
        }
    }

    @Test
    void gatheredRowsSendTheirGradientBackToTheRowsTheyCameFrom() {
        int[] rows = {4, 0, 4, 2}; // row 4 twice: both gradients reach it; rows 1 and 3 get none
        check(ops -> ops.gatherRows(ops.linear(input(ops, 0), input(ops, 1), null), rows), new int[][] {{5, 3}, {4, 3}});
    }

    @Test
    void backwardFromStartsTheTapeWithTheHostsGradient() {
        try (Backend backend = new ScalarBackend()) {
            Tape tape = new Tape();
            Ops ops = new Ops(backend, tape);
            Tensor x = new Tensor(backend.allocate(2), backend.allocate(2), 1, 2);
            Tensor w = new Tensor(backend.allocate(2), backend.allocate(2), 1, 2);
            backend.write(x.data(), new float[] {2, -1}, 0);
            backend.write(w.data(), new float[] {0.5f, 4}, 0);
            Tensor y = ops.linear(x, w, null);                   // (1, 1) = x . w
            ops.backwardFrom(y, new float[] {3});
            tape.backward();

            float[] dx = new float[2];
            float[] dw = new float[2];
            backend.read(x.grad(), dx, 0);
            backend.read(w.grad(), dw, 0);
            assertArrayEquals(new float[] {1.5f, 12}, dx, 0, "3 w, exactly");
            assertArrayEquals(new float[] {6, -3}, dw, 0, "3 x, exactly");
        }
    }

    private float[][] values;
    private List<Tensor> inputs;

    /** The i-th input of the op under test, as a tensor on the current ops' backend. */
    private Tensor input(Ops ops, int i) {
        return inputs.get(i);
    }

    private void check(Function<Ops, Tensor> op, int[][] shapes) {
        values = new float[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            values[i] = new float[Tensor.size(shapes[i])];
            for (int j = 0; j < values[i].length; j++) {
                values[i][j] = (float) random.nextGaussian();
            }
        }
        try (Backend backend = new ScalarBackend()) {
            Tape tape = new Tape();
            Ops ops = new Ops(backend, tape);
            upload(ops, shapes, values);
            Tensor y = op.apply(ops);
            float[] r = new float[y.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) random.nextGaussian();
            }
            backend.write(y.grad(), r, 0);
            tape.backward();
            float[][] analytic = new float[shapes.length][];
            for (int which = 0; which < shapes.length; which++) {
                analytic[which] = new float[values[which].length];
                backend.read(inputs.get(which).grad(), analytic[which], 0);
            }
            for (int which = 0; which < shapes.length; which++) {
                for (int at = 0; at < analytic[which].length; at++) {
                    double numeric = (loss(backend, op, shapes, which, at, 1e-3f, r)
                            - loss(backend, op, shapes, which, at, -1e-3f, r)) / 2e-3;
                    assertEquals(numeric, analytic[which][at], 2e-3 + 1e-2 * Math.abs(numeric),
                            "input " + which + "[" + at + "]");
                }
            }
        }
    }

    private double loss(Backend backend, Function<Ops, Tensor> op, int[][] shapes, int which, int at, float h, float[] r) {
        float[][] shifted = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            shifted[i] = values[i].clone();
        }
        shifted[which][at] += h;
        Ops ops = new Ops(backend, null);
        upload(ops, shapes, shifted);
        Tensor y = op.apply(ops);
        float[] out = new float[y.size()];
        backend.read(y.data(), out, 0);
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += (double) r[i] * out[i];
        }
        return sum;
    }

    private void upload(Ops ops, int[][] shapes, float[][] data) {
        inputs = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            Tensor t = new Tensor(ops.backend().allocate(data[i].length), ops.backend().allocate(data[i].length), shapes[i]);
            ops.backend().write(t.data(), data[i], 0);
            inputs.add(t);
        }
    }
}
