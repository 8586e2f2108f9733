package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/** Softmax and cross-entropy fused over rows of V logits; a negative target masks its row. */
public final class CrossEntropyKernels {

    private CrossEntropyKernels() {
    }

    /**
     * lse[r] = logsumexp(row r), losses[r] = lse[r] - logits[target] (0 when masked); one
     * work-item per row, the exp sum compensated (Kahan). args: rows, losses, lse, logits, V.
     */
    public static void crossEntropyForward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats, IntArray targets) {
        int r = context.globalIdx;
        if (r < args.get(0)) {
            int V = args.get(4);
            int row = args.get(3) + r * V;
            float max = heap.get(row);
            for (int i = 1; i < V; i++) {
                max = TornadoMath.max(max, heap.get(row + i));
            }
            float sum = 0f;
            float lost = 0f;
            for (int i = 0; i < V; i++) {
                float y = TornadoMath.exp(heap.get(row + i) - max) - lost;
                float t = sum + y;
                lost = (t - sum) - y;
                sum = t;
            }
            float lse = max + TornadoMath.log(sum);
            int target = targets.get(r);
            heap.set(args.get(2) + r, lse);
            heap.set(args.get(1) + r, target < 0 ? 0f : lse - heap.get(row + target));
        }
    }

    /** dlogits += scale * (softmax - onehot(target)) on unmasked rows; one work-item per logit. args: rows*V, dlogits, logits, lse, V; floats: scale. */
    public static void crossEntropyBackward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats, IntArray targets) {
        int e = context.globalIdx;
        if (e < args.get(0)) {
            int V = args.get(4);
            int r = e / V;
            int target = targets.get(r);
            if (target >= 0) {
                float p = TornadoMath.exp(heap.get(args.get(2) + e) - heap.get(args.get(3) + r));
                int d = args.get(1) + e;
                heap.set(d, heap.get(d) + floats.get(0) * (e % V == target ? p - 1f : p));
            }
        }
    }
}
