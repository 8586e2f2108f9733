package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * LayerNorm and RMSNorm over rows of C. Forward and the input gradient run one work-item per
 * row; the weight (and bias) gradients one per column, summing over every row, so no two
 * work-items write the same float.
 */
public final class NormKernels {

    private NormKernels() {
    }

    /** out = (x - mean) * rstd * w + b per row; keeps mean and rstd (rows). args: rows, out, mean, rstd, x, w, b, C; floats: eps. */
    public static void layerNormForward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int r = context.globalIdx;
        if (r < args.get(0)) {
            int C = args.get(7);
            int x = args.get(4) + r * C;
            int out = args.get(1) + r * C;
            int w = args.get(5);
            int b = args.get(6);
            float sum = 0f;
            for (int c = 0; c < C; c++) {
                sum += heap.get(x + c);
            }
            float mean = sum / C;
            float squares = 0f;
            for (int c = 0; c < C; c++) {
                float d = heap.get(x + c) - mean;
                squares += d * d;
            }
            float rstd = 1f / TornadoMath.sqrt(squares / C + floats.get(0));
            for (int c = 0; c < C; c++) {
                heap.set(out + c, (heap.get(x + c) - mean) * rstd * heap.get(w + c) + heap.get(b + c));
            }
            heap.set(args.get(2) + r, mean);
            heap.set(args.get(3) + r, rstd);
        }
    }

    /** dx += (dnorm - mean(dnorm) - norm * mean(dnorm * norm)) * rstd per row. args: rows, dx, dout, x, w, mean, rstd, C. */
    public static void layerNormBackwardInput(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int r = context.globalIdx;
        if (r < args.get(0)) {
            int C = args.get(7);
            int dx = args.get(1) + r * C;
            int dout = args.get(2) + r * C;
            int x = args.get(3) + r * C;
            int w = args.get(4);
            float mean = heap.get(args.get(5) + r);
            float rstd = heap.get(args.get(6) + r);
            float dnormSum = 0f;
            float dnormNormSum = 0f;
            for (int c = 0; c < C; c++) {
                float norm = (heap.get(x + c) - mean) * rstd;
                float dnorm = heap.get(w + c) * heap.get(dout + c);
                dnormSum += dnorm;
                dnormNormSum += dnorm * norm;
            }
            float dnormMean = dnormSum / C;
            float dnormNormMean = dnormNormSum / C;
            for (int c = 0; c < C; c++) {
                float norm = (heap.get(x + c) - mean) * rstd;
                float dnorm = heap.get(w + c) * heap.get(dout + c);
                heap.set(dx + c, heap.get(dx + c) + (dnorm - dnormMean - norm * dnormNormMean) * rstd);
            }
        }
    }

    /** dw[c] += sum over rows of norm * dout, db[c] += sum of dout, per column. args: C, dw, db, dout, x, mean, rstd, rows. */
    public static void layerNormBackwardParams(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int c = context.globalIdx;
        int C = args.get(0);
        if (c < C) {
            int dout = args.get(3);
            int x = args.get(4);
            int mean = args.get(5);
            int rstd = args.get(6);
            int rows = args.get(7);
            float dwSum = 0f;
            float dbSum = 0f;
            for (int r = 0; r < rows; r++) {
                float d = heap.get(dout + r * C + c);
                dwSum += (heap.get(x + r * C + c) - heap.get(mean + r)) * heap.get(rstd + r) * d;
                dbSum += d;
            }
            int dw = args.get(1) + c;
            int db = args.get(2) + c;
            heap.set(dw, heap.get(dw) + dwSum);
            heap.set(db, heap.get(db) + dbSum);
        }
    }

    /** out = x * rstd * w per row, rstd = rsqrt(mean(x^2) + eps); keeps rstd (rows). args: rows, out, rstd, x, w, C; floats: eps. */
    public static void rmsNormForward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int r = context.globalIdx;
        if (r < args.get(0)) {
            int C = args.get(5);
            int out = args.get(1) + r * C;
            int x = args.get(3) + r * C;
            int w = args.get(4);
            float squares = 0f;
            for (int c = 0; c < C; c++) {
                float v = heap.get(x + c);
                squares += v * v;
            }
            float rstd = 1f / TornadoMath.sqrt(squares / C + floats.get(0));
            for (int c = 0; c < C; c++) {
                heap.set(out + c, heap.get(x + c) * rstd * heap.get(w + c));
            }
            heap.set(args.get(2) + r, rstd);
        }
    }

    /** dx += (w * dout - norm * mean(w * dout * norm)) * rstd per row. args: rows, dx, dout, x, w, rstd, C. */
    public static void rmsNormBackwardInput(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int r = context.globalIdx;
        if (r < args.get(0)) {
            int C = args.get(6);
            int dx = args.get(1) + r * C;
            int dout = args.get(2) + r * C;
            int x = args.get(3) + r * C;
            int w = args.get(4);
            float rstd = heap.get(args.get(5) + r);
            float sum = 0f;
            for (int c = 0; c < C; c++) {
                sum += heap.get(w + c) * heap.get(dout + c) * heap.get(x + c) * rstd;
            }
            float mean = sum / C;
            for (int c = 0; c < C; c++) {
                float norm = heap.get(x + c) * rstd;
                heap.set(dx + c, heap.get(dx + c) + (heap.get(w + c) * heap.get(dout + c) - norm * mean) * rstd);
            }
        }
    }

    /** dw[c] += sum over rows of x * rstd * dout, per column. args: C, dw, dout, x, rstd, rows. */
    public static void rmsNormBackwardWeight(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int c = context.globalIdx;
        int C = args.get(0);
        if (c < C) {
            int dout = args.get(2);
            int x = args.get(3);
            int rstd = args.get(4);
            int rows = args.get(5);
            float sum = 0f;
            for (int r = 0; r < rows; r++) {
                sum += heap.get(x + r * C + c) * heap.get(rstd + r) * heap.get(dout + r * C + c);
            }
            int dw = args.get(1) + c;
            heap.set(dw, heap.get(dw) + sum);
        }
    }
}
