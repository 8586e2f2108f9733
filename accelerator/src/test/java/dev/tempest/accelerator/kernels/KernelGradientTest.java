package dev.tempest.accelerator.kernels;

import static dev.tempest.accelerator.kernels.GradientCheck.gaussian;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every backward kernel against central finite differences of its forward kernel, on odd sizes. */
class KernelGradientTest {

    private final Random random = new Random(7);

    @Test
    void embeddingBackwardMatchesFiniteDifferences() {
        int V = 11;
        int C = 5;
        int[] ids = {3, 0, 3, 10, 7, 3, 1}; // repeats: their gradients must add up
        GradientCheck.check("embedding", new GradientCheck.Op() {
            public float[] forward(float[][] in) {
                float[] out = new float[ids.length * C];
                Embedding.forward(out, 0, ids, in[0], 0, C, false, 0, ids.length);
                return out;
            }

            public void backward(float[][] in, float[] dout, float[][] grads) {
                Embedding.backward(grads[0], 0, ids, dout, 0, C, 0, V);
            }
        }, new float[][] {gaussian(random, V * C, 0, 1)}, 0);
    }

    @Test
    void layerNormBackwardMatchesFiniteDifferences() {
        int rows = 3;
        int C = 13;
        GradientCheck.check("layernorm", new GradientCheck.Op() {
            public float[] forward(float[][] in) {
                float[] out = new float[rows * C];
                LayerNorm.forward(out, 0, new float[rows], 0, new float[rows], 0, in[0], 0, in[1], 0, in[2], 0,
                        C, 1e-5f, 0, rows);
                return out;
            }

            public void backward(float[][] in, float[] dout, float[][] grads) {
                float[] mean = new float[rows];
                float[] rstd = new float[rows];
                LayerNorm.forward(new float[rows * C], 0, mean, 0, rstd, 0, in[0], 0, in[1], 0, in[2], 0,
                        C, 1e-5f, 0, rows);
                LayerNorm.backward(grads[0], 0, grads[1], 0, grads[2], 0, dout, 0, in[0], 0, in[1], 0,
                        mean, 0, rstd, 0, C, 0, rows);
            }
        }, new float[][] {gaussian(random, rows * C, 0.5, 2), gaussian(random, C, 1, 0.3), gaussian(random, C, 0, 0.3)},
                0, 1, 2);
    }

    @Test
    void rmsNormBackwardMatchesFiniteDifferences() {
        int rows = 4;
        int C = 9;
        GradientCheck.check("rmsnorm", new GradientCheck.Op() {
            public float[] forward(float[][] in) {
                float[] out = new float[rows * C];
                RmsNorm.forward(out, 0, new float[rows], 0, in[0], 0, in[1], 0, C, 1e-5f, 0, rows);
                return out;
            }

            public void backward(float[][] in, float[] dout, float[][] grads) {
                float[] rstd = new float[rows];
                RmsNorm.forward(new float[rows * C], 0, rstd, 0, in[0], 0, in[1], 0, C, 1e-5f, 0, rows);
                RmsNorm.backward(grads[0], 0, grads[1], 0, dout, 0, in[0], 0, in[1], 0, rstd, 0, C, 0, rows);
            }
        }, new float[][] {gaussian(random, rows * C, 0.3, 1.5), gaussian(random, C, 1, 0.3)}, 0, 1);
    }

    @Test
    void activationBackwardsMatchFiniteDifferences() {
        int n = 37;
        GradientCheck.check("gelu", new GradientCheck.Op() {
            public float[] forward(float[][] in) {
                float[] out = new float[n];
                Activations.geluForward(out, 0, in[0], 0, 0, n);
                return out;
            }

            public void backward(float[][] in, float[] dout, float[][] grads) {
                Activations.geluBackward(grads[0], 0, in[0], 0, dout, 0, 0, n);
            }
        }, new float[][] {gaussian(random, n, 0, 2)}, 0);
        GradientCheck.check("silu", new GradientCheck.Op() {
            public float[] forward(float[][] in) {
                float[] out = new float[n];
                Activations.siluForward(out, 0, in[0], 0, 0, n);
                return out;
            }

            public void backward(float[][] in, float[] dout, float[][] grads) {
                Activations.siluBackward(grads[0], 0, in[0], 0, dout, 0, 0, n);
            }
        }, new float[][] {gaussian(random, n, 0, 2)}, 0);
        GradientCheck.check("swiglu", new GradientCheck.Op() {
            public float[] forward(float[][] in) {
                float[] out = new float[n];
                Activations.swigluForward(out, 0, in[0], 0, in[1], 0, 0, n);
                return out;
            }

            public void backward(float[][] in, float[] dout, float[][] grads) {
                Activations.swigluBackward(grads[0], 0, grads[1], 0, in[0], 0, in[1], 0, dout, 0, 0, n);
            }
        }, new float[][] {gaussian(random, n, 0, 2), gaussian(random, n, 0, 1)}, 0, 1);
    }

    @Test
    void ropeBackwardMatchesFiniteDifferences() {
        int[] positions = {2, 3, 4, 5, 6, 0, 1, 2, 0, 1}; // a continued row, then two packed examples
        int rows = positions.length;
        int heads = 3;
        int D = 6;
        GradientCheck.check("rope", new GradientCheck.Op() {
            public float[] forward(float[][] in) {
                float[] out = new float[rows * heads * D];
                Rope.forward(out, 0, in[0], 0, positions, heads, D, 10000f, 0, rows);
                return out;
            }

            public void backward(float[][] in, float[] dout, float[][] grads) {
                Rope.backward(grads[0], 0, dout, 0, positions, heads, D, 10000f, 0, rows);
            }
        }, new float[][] {gaussian(random, rows * heads * D, 0, 1)}, 0);
    }

    @Test
    void groupedQueryAttentionOnPackedQkvMatchesFiniteDifferences() {
        attentionMatchesFiniteDifferences("attention", null);
    }

    @Test
    void attentionWithinPackedExamplesAndPaddingMatchesFiniteDifferences() {
        // Row 0 packs examples [0, 2) and [2, 5); row 1 is left-padded by 2, its padding rows seeing themselves alone.
        attentionMatchesFiniteDifferences("packed attention", new int[] {0, 0, 2, 2, 2, 2, 2, 2, 2, 2});
    }

    private void attentionMatchesFiniteDifferences(String name, int[] firstKeys) {
        int B = 2;
        int T = 5;
        int H = 4;
        int Hkv = 2;
        int D = 3;
        int stride = (H + 2 * Hkv) * D; // rows of a packed [q | k | v] matrix
        int kOff = H * D;
        int vOff = (H + Hkv) * D;
        GradientCheck.check(name, new GradientCheck.Op() {
            public float[] forward(float[][] in) {
                float[] out = new float[B * T * H * D];
                Attention.forward(out, 0, new float[B * H * T], 0, in[0], 0, stride, in[0], kOff, in[0], vOff, stride,
                        firstKeys, B, T, H, Hkv, D, 0, B * Hkv);
                return out;
            }

            public void backward(float[][] in, float[] dout, float[][] grads) {
                float[] out = new float[B * T * H * D];
                float[] lse = new float[B * H * T];
                Attention.forward(out, 0, lse, 0, in[0], 0, stride, in[0], kOff, in[0], vOff, stride,
                        firstKeys, B, T, H, Hkv, D, 0, B * Hkv);
                Attention.backward(grads[0], 0, grads[0], kOff, grads[0], vOff, dout, 0, in[0], 0, stride,
                        in[0], kOff, in[0], vOff, stride, out, 0, lse, 0, firstKeys, B, T, H, Hkv, D, 0, B * Hkv);
            }
        }, new float[][] {gaussian(random, B * T * stride, 0, 1)}, 0);
    }

    @Test
    void tokenLogProbsBackwardMatchesFiniteDifferencesAndIgnoresMaskedRows() {
        int rows = 4;
        int V = 7;
        int[] targets = {2, -100, 6, 0};
        // The check's loss sum_r w_r logp_r hands backward the per-token weights w as dlogp.
        GradientCheck.check("token log-probs", new GradientCheck.Op() {
            public float[] forward(float[][] in) {
                float[] logp = new float[rows];
                TokenLogProbs.forward(logp, 0, new float[rows], 0, in[0], 0, targets, V, 0, rows);
                return logp;
            }

            public void backward(float[][] in, float[] dlogp, float[][] grads) {
                float[] lse = new float[rows];
                TokenLogProbs.forward(new float[rows], 0, lse, 0, in[0], 0, targets, V, 0, rows);
                TokenLogProbs.backward(grads[0], 0, dlogp, 0, in[0], 0, lse, 0, targets, V, 0, rows);
            }
        }, new float[][] {gaussian(random, rows * V, 0, 2)}, 0);
    }

    @Test
    void biasBackwardMatchesFiniteDifferences() {
        int rows = 5;
        int N = 7;
        GradientCheck.check("bias", new GradientCheck.Op() {
            public float[] forward(float[][] in) {
                float[] out = new float[rows * N];
                Elementwise.addBias(out, 0, in[0], 0, N, 0, rows);
                return out;
            }

            public void backward(float[][] in, float[] dout, float[][] grads) {
                Elementwise.biasBackward(grads[0], 0, dout, 0, rows, N, 0, N);
            }
        }, new float[][] {gaussian(random, N, 0, 1)}, 0);
    }
}
