package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/** GELU (tanh form), SiLU and SwiGLU, elementwise, forward and backward (+=). */
public final class ActivationKernels {

    private ActivationKernels() {
    }

    /** out = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). args: n, out, x. */
    public static void geluForward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            float v = heap.get(args.get(2) + i);
            float tanh = TornadoMath.tanh(0.7978845608f * (v + 0.044715f * v * v * v));
            heap.set(args.get(1) + i, 0.5f * v * (1f + tanh));
        }
    }

    /** dx += dout * gelu'(x). args: n, dx, x, dout. */
    public static void geluBackward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            float v = heap.get(args.get(2) + i);
            float tanh = TornadoMath.tanh(0.7978845608f * (v + 0.044715f * v * v * v));
            float sech2 = 1f - tanh * tanh;
            float local = 0.5f * (1f + tanh) + 0.5f * v * sech2 * 0.7978845608f * (1f + 3f * 0.044715f * v * v);
            int dx = args.get(1) + i;
            heap.set(dx, heap.get(dx) + local * heap.get(args.get(3) + i));
        }
    }

    /** out = x * sigmoid(x). args: n, out, x. */
    public static void siluForward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            float v = heap.get(args.get(2) + i);
            heap.set(args.get(1) + i, v / (1f + TornadoMath.exp(-v)));
        }
    }

    /** dx += dout * silu'(x), silu' = sigmoid (1 + x (1 - sigmoid)). args: n, dx, x, dout. */
    public static void siluBackward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            float v = heap.get(args.get(2) + i);
            float sigmoid = 1f / (1f + TornadoMath.exp(-v));
            int dx = args.get(1) + i;
            heap.set(dx, heap.get(dx) + heap.get(args.get(3) + i) * (sigmoid * (1f + v * (1f - sigmoid))));
        }
    }

    /** out = silu(gate) * up. args: n, out, gate, up. */
    public static void swigluForward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            float g = heap.get(args.get(2) + i);
            heap.set(args.get(1) + i, g / (1f + TornadoMath.exp(-g)) * heap.get(args.get(3) + i));
        }
    }

    /** dgate += dout * up * silu'(gate); dup += dout * silu(gate). args: n, dgate, dup, gate, up, dout. */
    public static void swigluBackward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            float g = heap.get(args.get(3) + i);
            float up = heap.get(args.get(4) + i);
            float d = heap.get(args.get(5) + i);
            float sigmoid = 1f / (1f + TornadoMath.exp(-g));
            int dgate = args.get(1) + i;
            int dup = args.get(2) + i;
            heap.set(dgate, heap.get(dgate) + d * up * (sigmoid * (1f + g * (1f - sigmoid))));
            heap.set(dup, heap.get(dup) + d * (g / (1f + TornadoMath.exp(-g))));
        }
    }
}
