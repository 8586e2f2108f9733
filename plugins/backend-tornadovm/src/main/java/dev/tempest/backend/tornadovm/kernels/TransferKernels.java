package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Filling and moving floats of the device heap. Every kernel of this package has the same
 * parameters: the heap (every buffer is a range of it), {@code args} (element counts and heap
 * offsets, listed in each kernel's comment) and {@code floats} (scalars), and runs one
 * work-item per element, row or column.
 */
public final class TransferKernels {

    private TransferKernels() {
    }

    /** Runs once, first: it only writes the heap, so TornadoVM allocates it on the device without copying it in. */
    public static void origin(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        if (context.globalIdx == 0) {
            heap.set(0, 0f);
        }
    }

    /** heap[off + i] = floats[0]. args: n, off. */
    public static void fill(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            heap.set(args.get(1) + i, floats.get(0));
        }
    }

    /** heap[off + i] = staging[i], the host's floats. args: n, off. */
    public static void upload(KernelContext context, FloatArray heap, IntArray args, FloatArray staging) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            heap.set(args.get(1) + i, staging.get(i));
        }
    }

    /** heap[dst + i] = heap[src + i], ranges that do not overlap. args: n, dst, src. */
    public static void copy(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int i = context.globalIdx;
        if (i < args.get(0)) {
            heap.set(args.get(1) + i, heap.get(args.get(2) + i));
        }
    }
}
