package dev.tempest.accelerator.opencl;

import dev.tempest.accelerator.Buffer;
import java.util.Objects;
import org.jocl.cl_mem;

/** floats [offset, offset + length) of one device allocation; kernels receive the memory and the offset. */
final class ClBuffer implements Buffer {

    /** The allocation, shared by every slice of it; released once none is reachable. */
    final ClMemory memory;
    final int offset;
    private final int length;

    ClBuffer(ClMemory memory, int offset, int length) {
        this.memory = Objects.requireNonNull(memory);
        this.offset = offset;
        this.length = length;
    }

    cl_mem mem() {
        return memory.mem;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public ClBuffer slice(int from, int count) {
        Objects.checkFromIndexSize(from, count, length);
        return new ClBuffer(memory, offset + from, count);
    }

    /** Byte offset of float {@code index} of this buffer within its allocation. */
    long byteOffset(int index) {
        return (long) (offset + index) * Float.BYTES;
    }

    @Override
    public String toString() {
        return "opencl buffer of " + length + " floats";
    }
}
