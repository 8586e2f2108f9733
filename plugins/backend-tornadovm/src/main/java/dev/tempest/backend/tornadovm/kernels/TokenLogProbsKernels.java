package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The per-token log-likelihood over rows of V logits, its weighted backward, and the rows'
 * entropy; a negative target masks its row. Long row sums are compensated (Kahan).
 */
public final class TokenLogProbsKernels {

    private TokenLogProbsKernels() {
    }

    /**
     * lse[r] = logsumexp(row r), logp[r] = logits[target] - lse[r] (0 when masked); one
     * work-item per row. args: rows, logp, lse, logits, V.
     */
    public static void tokenLogProbsForward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats,
                                            IntArray targets) {
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
            heap.set(args.get(1) + r, target < 0 ? 0f : heap.get(row + target) - lse);
        }
    }

    /**
     * dlogits += dlogp[r] * (onehot(target) - softmax) on unmasked rows; one work-item per logit.
     * args: rows*V, dlogits, logits, lse, V, dlogp.
     */
    public static void tokenLogProbsBackward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats,
                                             IntArray targets) {
        int e = context.globalIdx;
        if (e < args.get(0)) {
            int V = args.get(4);
            int r = e / V;
            int target = targets.get(r);
            if (target >= 0) {
                float p = TornadoMath.exp(heap.get(args.get(2) + e) - heap.get(args.get(3) + r));
                float weight = heap.get(args.get(5) + r);
                int d = args.get(1) + e;
                heap.set(d, heap.get(d) + weight * (e % V == target ? 1f - p : -p));
            }
        }
    }

    /**
     * entropy[r] = sum p (lse - logit), p = exp(logit - lse): non-negative terms, so nothing
     * cancels; one work-item per row. args: rows, entropy, logits, lse, V.
     */
    public static void tokenEntropy(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int r = context.globalIdx;
        if (r < args.get(0)) {
            int V = args.get(4);
            int row = args.get(2) + r * V;
            float lse = heap.get(args.get(3) + r);
            float sum = 0f;
            float lost = 0f;
            for (int i = 0; i < V; i++) {
                float surprise = lse - heap.get(row + i);
                float p = TornadoMath.exp(-surprise);
                if (p > 0f) {
                    float y = p * surprise - lost;
                    float t = sum + y;
                    lost = (t - sum) - y;
                    sum = t;
                }
            }
            heap.set(args.get(1) + r, sum);
        }
    }
}
