package dev.tempest.accelerator.host;

import dev.tempest.accelerator.Buffer;
import java.util.Objects;

/** A buffer in the JVM's heap: a range of a float array. */
public final class HostBuffer implements Buffer {

    final float[] data;
    final int offset;
    private final int length;

    HostBuffer(float[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public HostBuffer slice(int from, int size) {
        Objects.checkFromIndexSize(from, size, length);
        return new HostBuffer(data, offset + from, size);
    }

    @Override
    public String toString() {
        return "HostBuffer[" + offset + ", " + (offset + length) + ")";
    }
}
