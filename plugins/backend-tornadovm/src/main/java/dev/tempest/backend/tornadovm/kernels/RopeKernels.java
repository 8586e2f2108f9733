package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Rotary position embedding, rotate_half: in each head vector of D, dims i and i + D/2 turn by
 * t * theta^(-2i/D), t = positions[r] for row r (host ids). One work-item per pair (rows, heads, D/2).
 */
public final class RopeKernels {

    private RopeKernels() {
    }

    /**
     * out = rope(x), or out += rope^-1(x) when {@code backward} (rotations are orthogonal, so
     * backward turns back). args: rows*heads*D/2, out, x, heads, D, backward; floats: theta.
     */
    public static void rope(KernelContext context, FloatArray heap, IntArray args, FloatArray floats,
                            IntArray positions) {
        int pair = context.globalIdx;
        if (pair < args.get(0)) {
            int heads = args.get(3);
            int D = args.get(4);
            int half = D / 2;
            int i = pair % half;
            int head = pair / half;          // r * heads + h
            int r = head / heads;
            int base = head * D;
            float exponent = (float) (2 * i) / D;
            float invFreq = 1f / TornadoMath.pow(floats.get(0), exponent);
            float angle = positions.get(r) * invFreq;
            float cos = TornadoMath.cos(angle);
            float sin = TornadoMath.sin(angle);
            int out = args.get(1) + base + i;
            int x = args.get(2) + base + i;
            float x1 = heap.get(x);
            float x2 = heap.get(x + half);
            if (args.get(5) == 1) {
                heap.set(out, heap.get(out) + x1 * cos + x2 * sin);
                heap.set(out + half, heap.get(out + half) + x2 * cos - x1 * sin);
            } else {
                heap.set(out, x1 * cos - x2 * sin);
                heap.set(out + half, x2 * cos + x1 * sin);
            }
        }
    }
}
