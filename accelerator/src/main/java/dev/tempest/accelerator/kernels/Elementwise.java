package dev.tempest.accelerator.kernels;

/** The small kernels: residual add, accumulate, scale, bias, and the sum of squares for clipping. */
public final class Elementwise {

    private Elementwise() {
    }

    /** out = a + b, elements [from, to). */
    public static void add(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int from, int to) {
        for (int i = from; i < to; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    /** dst += src: how a gradient reaches a tensor that feeds several ops. */
    public static void accumulate(float[] dst, int dstOff, float[] src, int srcOff, int from, int to) {
        for (int i = from; i < to; i++) {
            dst[dstOff + i] += src[srcOff + i];
        }
    }

    /** x *= factor. */
    public static void scale(float[] x, int xOff, float factor, int from, int to) {
        for (int i = from; i < to; i++) {
            x[xOff + i] *= factor;
        }
    }

    /** The sum of x^2 over [from, to), in double. */
    public static double sumOfSquares(float[] x, int xOff, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[xOff + i] * x[xOff + i];
        }
        return sum;
    }

    /** out (rows, N) += bias (N) on every row, rows [from, to). */
    public static void addBias(float[] out, int outOff, float[] bias, int biasOff, int N, int from, int to) {
        for (int r = from; r < to; r++) {
            for (int j = 0; j < N; j++) {
                out[outOff + r * N + j] += bias[biasOff + j];
            }
        }
    }

    /** dbias (N) += the column sums of dout (rows, N), for columns [from, to). */
    public static void biasBackward(float[] dbias, int dbiasOff, float[] dout, int doutOff, int rows, int N,
                                    int from, int to) {
        for (int j = from; j < to; j++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += dout[doutOff + r * N + j];
            }
            dbias[dbiasOff + j] += (float) sum;
        }
    }
}
