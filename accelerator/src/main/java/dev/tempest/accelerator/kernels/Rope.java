package dev.tempest.accelerator.kernels;

/**
 * Rotary position embedding, Hugging Face's rotate_half convention: in each head vector of
 * length D, dims i and i + D/2 form a pair rotated by angle t * theta^(-2i/D). The frequencies,
 * angles, sines and cosines are computed in float32 as Hugging Face does.
 */
public final class Rope {

    private Rope() {
    }

    /**
     * out = rope(x) for rows r in [from, to) of x (rows, heads * D); row r is at position
     * {@code positions[r]}, so packed examples can restart at 0 and a KV cache can continue.
     */
    public static void forward(float[] out, int outOff, float[] x, int xOff, int[] positions, int heads, int D,
                               float theta, int from, int to) {
        rotate(out, outOff, x, xOff, positions, heads, D, theta, from, to, 1, false);
    }

    /** dx += the inverse rotation of dout: rotations are orthogonal, so backward rotates back. */
    public static void backward(float[] dx, int dxOff, float[] dout, int doutOff, int[] positions, int heads, int D,
                                float theta, int from, int to) {
        rotate(dx, dxOff, dout, doutOff, positions, heads, D, theta, from, to, -1, true);
    }

    private static void rotate(float[] out, int outOff, float[] x, int xOff, int[] positions, int heads, int D,
                               float theta, int from, int to, int direction, boolean accumulate) {
        int half = D / 2;
        float[] cos = new float[half];
        float[] sin = new float[half];
        int width = heads * D;
        for (int r = from; r < to; r++) {
            angles(positions[r], half, D, theta, cos, sin);
            for (int h = 0; h < heads; h++) {
                int base = r * width + h * D;
                for (int i = 0; i < half; i++) {
                    float x1 = x[xOff + base + i];
                    float x2 = x[xOff + base + i + half];
                    float s = direction * sin[i];
                    float o1 = x1 * cos[i] - x2 * s;
                    float o2 = x2 * cos[i] + x1 * s;
                    if (accumulate) {
                        out[outOff + base + i] += o1;
                        out[outOff + base + i + half] += o2;
                    } else {
                        out[outOff + base + i] = o1;
                        out[outOff + base + i + half] = o2;
                    }
                }
            }
        }
    }

    /** cos and sin of t * inv_freq[i], inv_freq[i] = 1 / theta^(2i/D), each step rounded to float32. */
    static void angles(int t, int half, int D, float theta, float[] cos, float[] sin) {
        for (int i = 0; i < half; i++) {
            float exponent = (float) (2 * i) / D;
            float invFreq = 1.0f / (float) Math.pow(theta, exponent);
            float angle = t * invFreq;
            cos[i] = (float) Math.cos(angle);
            sin[i] = (float) Math.sin(angle);
        }
    }
}
