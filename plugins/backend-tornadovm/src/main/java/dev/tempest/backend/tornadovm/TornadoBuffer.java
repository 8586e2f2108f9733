package dev.tempest.backend.tornadovm;

import dev.tempest.accelerator.Buffer;
import java.util.Objects;

/** Floats [offset, offset + length) of one backend's device heap: kernels receive the offset. */
final class TornadoBuffer implements Buffer {

    /** The heap this buffer lives in: a buffer of another backend is refused. */
    final DeviceHeap heap;
    /** The range's allocation, shared by every slice of it. */
    private final DeviceHeap.Allocation allocation;
    final int offset;
    private final int length;

    TornadoBuffer(DeviceHeap heap, DeviceHeap.Allocation allocation, int offset, int length) {
        this.heap = heap;
        this.allocation = Objects.requireNonNull(allocation);
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public TornadoBuffer slice(int from, int count) {
        Objects.checkFromIndexSize(from, count, length);
        return new TornadoBuffer(heap, allocation, offset + from, count);
    }

    @Override
    public String toString() {
        return "tornadovm buffer of " + length + " floats at " + offset;
    }
}
