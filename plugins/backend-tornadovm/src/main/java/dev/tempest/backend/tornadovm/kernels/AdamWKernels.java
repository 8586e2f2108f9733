package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/** One AdamW step as torch.optim.AdamW; the host computes the step's bias corrections once. */
public final class AdamWKernels {

    private AdamWKernels() {
    }

    /**
     * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p = p * decay - stepSize * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
     * args: n, params, grads, m, v; floats: beta1, beta2, eps, stepSize, correction2Sqrt, decay.
     */
    public static void adamw(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            float beta1 = floats.get(0);
            float beta2 = floats.get(1);
            int p = args.get(1) + i;
            int m = args.get(3) + i;
            int v = args.get(4) + i;
            float g = heap.get(args.get(2) + i);
            float mi = beta1 * heap.get(m) + (1f - beta1) * g;
            float vi = beta2 * heap.get(v) + (1f - beta2) * g * g;
            heap.set(m, mi);
            heap.set(v, vi);
            float denom = TornadoMath.sqrt(vi) / floats.get(4) + floats.get(2);
            heap.set(p, heap.get(p) * floats.get(5) - floats.get(3) * mi / denom);
        }
    }
}
