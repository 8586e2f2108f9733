package dev.tempest.accelerator.kernels;

/** LayerNorm over the last dimension, biased variance, as torch.nn.LayerNorm. */
public final class LayerNorm {

    private LayerNorm() {
    }

    /** out = (x - mean) * rstd * w + b per row (C); caches mean and rstd (rows) for backward. */
    public static void forward(float[] out, int outOff, float[] mean, int meanOff, float[] rstd, int rstdOff,
                               float[] x, int xOff, float[] w, int wOff, float[] b, int bOff,
                               int C, float eps, int from, int to) {
        for (int r = from; r < to; r++) {
            int row = xOff + r * C;
            double sum = 0;
            for (int c = 0; c < C; c++) {
                sum += x[row + c];
            }
            float m = (float) (sum / C);
            double squares = 0;
            for (int c = 0; c < C; c++) {
                float d = x[row + c] - m;
                squares += d * d;
            }
            float s = (float) (1.0 / Math.sqrt(squares / C + eps));
            int o = outOff + r * C;
            for (int c = 0; c < C; c++) {
                out[o + c] = (x[row + c] - m) * s * w[wOff + c] + b[bOff + c];
            }
            mean[meanOff + r] = m;
            rstd[rstdOff + r] = s;
        }
    }

    /** Accumulates (+=) into dx (rows, C), dw (C) and db (C), as every backward does. */
    public static void backward(float[] dx, int dxOff, float[] dw, int dwOff, float[] db, int dbOff,
                                float[] dout, int doutOff, float[] x, int xOff, float[] w, int wOff,
                                float[] mean, int meanOff, float[] rstd, int rstdOff, int C, int from, int to) {
        for (int r = from; r < to; r++) {
            int row = xOff + r * C;
            int drow = doutOff + r * C;
            float m = mean[meanOff + r];
            float s = rstd[rstdOff + r];
            double dnormMean = 0;
            double dnormNormMean = 0;
            for (int c = 0; c < C; c++) {
                float norm = (x[row + c] - m) * s;
                float dnorm = w[wOff + c] * dout[drow + c];
                dnormMean += dnorm;
                dnormNormMean += dnorm * norm;
            }
            float a = (float) (dnormMean / C);
            float bb = (float) (dnormNormMean / C);
            for (int c = 0; c < C; c++) {
                float norm = (x[row + c] - m) * s;
                float dnorm = w[wOff + c] * dout[drow + c];
                dx[dxOff + r * C + c] += (dnorm - a - norm * bb) * s;
                dw[dwOff + c] += norm * dout[drow + c];
                db[dbOff + c] += dout[drow + c];
            }
        }
    }
}
