package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/** Residual add, accumulate, scale, bias, and the partial sums of squares for the gradient clip. */
public final class ElementwiseKernels {

    private ElementwiseKernels() {
    }

    /** out = a + b. args: n, out, a, b. */
    public static void add(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            heap.set(args.get(1) + i, heap.get(args.get(2) + i) + heap.get(args.get(3) + i));
        }
    }

    /** dst += src. args: n, dst, src. */
    public static void accumulate(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            int dst = args.get(1) + i;
            heap.set(dst, heap.get(dst) + heap.get(args.get(2) + i));
        }
    }

    /** x *= floats[0]. args: n, x. */
    public static void scale(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            int x = args.get(1) + i;
            heap.set(x, heap.get(x) * floats.get(0));
        }
    }

    /** out (rows, N) += bias (N) on every row. args: rows*N, out, bias, N. */
    public static void addBias(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            int out = args.get(1) + i;
            heap.set(out, heap.get(out) + heap.get(args.get(2) + i % args.get(3)));
        }
    }

    /** dbias[j] += the sum of column j of dout (rows, N), one work-item per column. args: N, dbias, dout, rows. */
    public static void biasBackward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int j = context.globalIdx;
        int N = args.get(0);
        if (j < N) {
            int dout = args.get(2);
            int rows = args.get(3);
            float sum = 0f;
            for (int r = 0; r < rows; r++) {
                sum += heap.get(dout + r * N + j);
            }
            int dbias = args.get(1) + j;
            heap.set(dbias, heap.get(dbias) + sum);
        }
    }

    /**
     * out[p] = the sum of x^2 over x's chunk p, compensated (Kahan) so long chunks keep float
     * precision; the host adds the parts in double. args: parts, out, x, n, chunk.
     */
    public static void sumOfSquares(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int p = context.globalIdx;
        if (p < args.get(0)) {
            int x = args.get(2);
            int n = args.get(3);
            int chunk = args.get(4);
            int from = p * chunk;
            int to = TornadoMath.min(n, from + chunk);
            float sum = 0f;
            float lost = 0f;
            for (int i = from; i < to; i++) {
                float v = heap.get(x + i);
                float y = v * v - lost;
                float t = sum + y;
                lost = (t - sum) - y;
                sum = t;
            }
            heap.set(args.get(1) + p, sum);
        }
    }
}
