package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/** Table lookup by token (or position) ids, which come from the host in {@code ids}. */
public final class EmbeddingKernels {

    private EmbeddingKernels() {
    }

    /** out[i] (C) = table[ids[i]], or += when accumulating; one work-item per float. args: n*C, out, table, C, accumulate. */
    public static void embeddingForward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats, IntArray ids) {
        int e = context.globalIdx;
        if (e < args.get(0)) {
            int C = args.get(3);
            int out = args.get(1) + e;
            float value = heap.get(args.get(2) + ids.get(e / C) * C + e % C);
            heap.set(out, args.get(4) == 1 ? heap.get(out) + value : value);
        }
    }

    /**
     * dtable[ids[i]] += dout[i], one work-item per column: it walks every id in order, so
     * repeated ids add up without races, in the oracle's order. args: C, dtable, dout, n.
     */
    public static void embeddingBackward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats, IntArray ids) {
        int c = context.globalIdx;
        int C = args.get(0);
        if (c < C) {
            int dtable = args.get(1);
            int dout = args.get(2);
            int n = args.get(3);
            for (int i = 0; i < n; i++) {
                int dst = dtable + ids.get(i) * C + c;
                heap.set(dst, heap.get(dst) + heap.get(dout + i * C + c));
            }
        }
    }
}
