package dev.tempest.accelerator.opencl;

import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clSetKernelArg;

import dev.tempest.accelerator.DeviceException;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;

/**
 * One backend's in-order command queue and its kernel objects, and the one way to launch a
 * kernel: by name, with global (and optionally local) sizes and the arguments in order. A
 * {@link ClBuffer} argument passes two kernel arguments, its memory and its offset in floats;
 * Integer, Float and Boolean (as int 0/1) pass one; {@link LocalFloats} and {@link LocalInts}
 * reserve local memory.
 * Not thread-safe: a backend is driven by one thread.
 */
final class ClKernels implements AutoCloseable {

    /** A __local float array of {@code count} floats. */
    record LocalFloats(int count) {
    }

    /** A __local int array of {@code count} ints. */
    record LocalInts(int count) {
    }

    private final ClDevice device;
    final cl_command_queue queue;
    private final Map<String, cl_kernel> kernels = new HashMap<>();

    ClKernels(ClDevice device) {
        this.device = device;
        this.queue = clCreateCommandQueue(device.context, device.id, 0, null);
    }

    /** Enqueues {@code name} over {@code global} work-items (any dimension 0: nothing to do); {@code local} may be null. */
    void run(String name, long[] global, long[] local, Object... args) {
        for (long size : global) {
            if (size == 0) {
                return;
            }
        }
        try {
            cl_kernel kernel = kernels.computeIfAbsent(name, k -> clCreateKernel(device.program, k, null));
            int index = 0;
            for (Object arg : args) {
                index = set(kernel, index, arg);
            }
            clEnqueueNDRangeKernel(queue, kernel, global.length, null, global, local, 0, null, null);
        } catch (CLException e) {
            throw new DeviceException(device + ": kernel " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Enqueues {@code name} with one work-item per element of a 1-D range. */
    void run(String name, int count, Object... args) {
        run(name, new long[] {count}, null, args);
    }

    private static int set(cl_kernel kernel, int index, Object arg) {
        if (arg instanceof ClBuffer buffer) {
            clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(buffer.mem()));
            clSetKernelArg(kernel, index + 1, Sizeof.cl_int, Pointer.to(new int[] {buffer.offset}));
            return index + 2;
        }
        if (arg instanceof Integer value) {
            clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {value}));
        } else if (arg instanceof Float value) {
            clSetKernelArg(kernel, index, Sizeof.cl_float, Pointer.to(new float[] {value}));
        } else if (arg instanceof Boolean value) {
            clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {value ? 1 : 0}));
        } else if (arg instanceof LocalFloats local) {
            clSetKernelArg(kernel, index, (long) local.count() * Sizeof.cl_float, null);
        } else if (arg instanceof LocalInts local) {
            clSetKernelArg(kernel, index, (long) local.count() * Sizeof.cl_int, null);
        } else {
            throw new IllegalArgumentException("no kernel argument of type " + arg.getClass().getName());
        }
        return index + 1;
    }

    @Override
    public void close() {
        kernels.values().forEach(kernel -> clReleaseKernel(kernel));
        kernels.clear();
        clReleaseCommandQueue(queue);
    }
}
