package dev.tempest.accelerator.kernels;

/** RMSNorm over the last dimension, as Llama: x * rsqrt(mean(x^2) + eps) * w, no mean, no bias. */
public final class RmsNorm {

    private RmsNorm() {
    }

    /** out = x * rstd * w per row (C); caches rstd (rows) for backward. */
    public static void forward(float[] out, int outOff, float[] rstd, int rstdOff, float[] x, int xOff,
                               float[] w, int wOff, int C, float eps, int from, int to) {
        for (int r = from; r < to; r++) {
            int row = xOff + r * C;
            double squares = 0;
            for (int c = 0; c < C; c++) {
                squares += x[row + c] * x[row + c];
            }
            float s = (float) (1.0 / Math.sqrt(squares / C + eps));
            for (int c = 0; c < C; c++) {
                out[outOff + r * C + c] = x[row + c] * s * w[wOff + c];
            }
            rstd[rstdOff + r] = s;
        }
    }

    /** Accumulates (+=) into dx (rows, C) and dw (C). */
    public static void backward(float[] dx, int dxOff, float[] dw, int dwOff, float[] dout, int doutOff,
                                float[] x, int xOff, float[] w, int wOff, float[] rstd, int rstdOff,
                                int C, int from, int to) {
        for (int r = from; r < to; r++) {
            int row = xOff + r * C;
            int drow = doutOff + r * C;
            float s = rstd[rstdOff + r];
            double dnormNormMean = 0;
            for (int c = 0; c < C; c++) {
                dnormNormMean += w[wOff + c] * dout[drow + c] * x[row + c] * s;
            }
            float mean = (float) (dnormNormMean / C);
            for (int c = 0; c < C; c++) {
                float norm = x[row + c] * s;
                dx[dxOff + r * C + c] += (w[wOff + c] * dout[drow + c] - norm * mean) * s;
                dw[dwOff + c] += norm * dout[drow + c];
            }
        }
    }
}
