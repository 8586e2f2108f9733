package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.VectorExp.L;
import static dev.tempest.accelerator.cpu.VectorExp.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * GPT-2's tanh GELU with SIMD, in the sigmoid form that needs one exp and no tanh:
 * 0.5 x (1 + tanh(u)) = x sigmoid(2u) = x / (1 + e), e = exp(-2u), u = sqrt(2/pi) (x + 0.044715 x^3).
 * The same function as {@link dev.tempest.accelerator.kernels.Activations}' GELU to float
 * round-off (a few ulp). Works in tiles of TILE elements: -2u, then {@link VectorExp} over the
 * tile, then the result; loop tails repeat the vector body's operations on one float.
 */
final class CpuGelu {

    private static final int TILE = 512;  // 2 KB of exponentials, in L1 between the passes
    private static final float K = (float) Math.sqrt(2.0 / Math.PI);
    private static final float A = 0.044715f;
    private static final float MINUS_2K = -2 * K;         // -2u = x (MINUS_2K + MINUS_2KA x^2)
    private static final float MINUS_2KA = -2 * K * A;
    private static final float TWO_K = 2 * K;             // 2u' = TWO_K + TWO_K3A x^2
    private static final float TWO_K3A = 2 * K * 3 * A;

    private CpuGelu() {
    }

    /** out = gelu(x), elements [from, to). */
    static void forward(float[] out, int outOff, float[] x, int xOff, int from, int to) {
        float[] e = new float[TILE];
        float[] lanes = new float[L];
        for (int t0 = from; t0 < to; t0 += TILE) {
            int n = Math.min(TILE, to - t0);
            int xAt = xOff + t0;
            int oAt = outOff + t0;
            exps(x, xAt, e, n, lanes);
            int i = 0;
            for (; i <= n - L; i += L) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, xAt + i);
                v.div(FloatVector.fromArray(SPECIES, e, i).add(1f)).intoArray(out, oAt + i);
            }
            for (; i < n; i++) {
                out[oAt + i] = x[xAt + i] / (e[i] + 1f);
            }
        }
    }

    /**
     * dx += dout * gelu'(x), elements [from, to); with s = sigmoid(2u) = 1 / (1 + e),
     * gelu' = s + x s (1 - s) 2u' and 1 - s = e s. e s is formed first: e alone
     * reaches 1e38 for x below -10, and x e would overflow.
     */
    static void backward(float[] dx, int dxOff, float[] x, int xOff, float[] dout, int doutOff, int from, int to) {
        float[] e = new float[TILE];
        float[] lanes = new float[L];
        for (int t0 = from; t0 < to; t0 += TILE) {
            int n = Math.min(TILE, to - t0);
            int xAt = xOff + t0;
            int dAt = doutOff + t0;
            int dxAt = dxOff + t0;
            exps(x, xAt, e, n, lanes);
            int i = 0;
            for (; i <= n - L; i += L) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, xAt + i);
                FloatVector ei = FloatVector.fromArray(SPECIES, e, i);
                FloatVector s = FloatVector.broadcast(SPECIES, 1f).div(ei.add(1f));
                FloatVector local = v.mul(v).fma(TWO_K3A, TWO_K).mul(v).mul(ei.mul(s)).mul(s).add(s);
                local.fma(FloatVector.fromArray(SPECIES, dout, dAt + i), FloatVector.fromArray(SPECIES, dx, dxAt + i))
                        .intoArray(dx, dxAt + i);
            }
            for (; i < n; i++) {
                float v = x[xAt + i];
                float s = 1f / (e[i] + 1f);
                float local = Math.fma(v * v, TWO_K3A, TWO_K) * v * (e[i] * s) * s + s;
                dx[dxAt + i] = Math.fma(local, dout[dAt + i], dx[dxAt + i]);
            }
        }
    }

    /** e[0, n) = exp(-2u) of x[xAt, xAt + n). */
    private static void exps(float[] x, int xAt, float[] e, int n, float[] lanes) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xAt + i);
            v.mul(v).fma(MINUS_2KA, MINUS_2K).mul(v).intoArray(e, i);
        }
        for (; i < n; i++) {
            float v = x[xAt + i];
            e[i] = Math.fma(v * v, MINUS_2KA, MINUS_2K) * v;
        }
        VectorExp.exp(e, 0, e, 0, n, 1f, 0f, lanes);
    }
}
