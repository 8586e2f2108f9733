package dev.tempest.accelerator.kernels;

/** Elementwise activations: GELU (tanh form, GPT-2's gelu_new), SiLU, and SwiGLU (Llama's MLP gate). */
public final class Activations {

    private static final float GELU_SCALE = (float) Math.sqrt(2.0 / Math.PI);

    private Activations() {
    }

    /** out = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), elements [from, to). */
    public static void geluForward(float[] out, int outOff, float[] x, int xOff, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[xOff + i];
            float tanh = (float) Math.tanh(GELU_SCALE * (v + 0.044715f * v * v * v));
            out[outOff + i] = 0.5f * v * (1 + tanh);
        }
    }

    /** dx += dout * gelu'(x). */
    public static void geluBackward(float[] dx, int dxOff, float[] x, int xOff, float[] dout, int doutOff,
                                    int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[xOff + i];
            float arg = GELU_SCALE * (v + 0.044715f * v * v * v);
            float tanh = (float) Math.tanh(arg);
            float sech2 = 1 - tanh * tanh;
            float local = 0.5f * (1 + tanh) + 0.5f * v * sech2 * GELU_SCALE * (1 + 3 * 0.044715f * v * v);
            dx[dxOff + i] += local * dout[doutOff + i];
        }
    }

    /** out = x * sigmoid(x). */
    public static void siluForward(float[] out, int outOff, float[] x, int xOff, int from, int to) {
        for (int i = from; i < to; i++) {
            out[outOff + i] = silu(x[xOff + i]);
        }
    }

    /** dx += dout * silu'(x). */
    public static void siluBackward(float[] dx, int dxOff, float[] x, int xOff, float[] dout, int doutOff,
                                    int from, int to) {
        for (int i = from; i < to; i++) {
            dx[dxOff + i] += dout[doutOff + i] * siluDerivative(x[xOff + i]);
        }
    }

    /** out = silu(gate) * up. */
    public static void swigluForward(float[] out, int outOff, float[] gate, int gateOff, float[] up, int upOff,
                                     int from, int to) {
        for (int i = from; i < to; i++) {
            out[outOff + i] = silu(gate[gateOff + i]) * up[upOff + i];
        }
    }

    /** dgate += dout * up * silu'(gate); dup += dout * silu(gate). */
    public static void swigluBackward(float[] dgate, int dgateOff, float[] dup, int dupOff,
                                      float[] gate, int gateOff, float[] up, int upOff,
                                      float[] dout, int doutOff, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = gate[gateOff + i];
            float d = dout[doutOff + i];
            dgate[dgateOff + i] += d * up[upOff + i] * siluDerivative(g);
            dup[dupOff + i] += d * silu(g);
        }
    }

    private static float silu(float x) {
        return x / (1 + (float) Math.exp(-x));
    }

    private static float siluDerivative(float x) {
        float sigmoid = 1 / (1 + (float) Math.exp(-x));
        return sigmoid * (1 + x * (1 - sigmoid));
    }
}
