package dev.tempest.checkpoint;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads tensors from a .safetensors file: an 8-byte little-endian header length, a JSON header
 * naming each tensor's dtype, shape and byte range, then the raw data. F32, F16, BF16 and F64
 * tensors are read as float32. {@link #open} reads and validates the header only.
 *
 * <p>The reader holds no open file: each {@link #read} opens the file, memory-maps the tensor's
 * bytes and closes it again, so a reader needs no closing and may be shared between threads.
 * Files and tensors past 2 GiB work: a mapping is limited to 2 GiB, so a tensor is mapped in
 * windows of at most {@link #WINDOW} bytes.
 */
public final class SafetensorsReader {

    /** A tensor's entry in the header: its shape and where its bytes are, relative to the data start. */
    public record Entry(String dtype, int[] shape, long begin, long end) {

        // Copies keep an entry immutable: a caller's edit to a shape must not change later reads.
        public Entry {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** The product of the shape: 1 for a scalar; ArithmeticException if it overflows a long. */
        public long elements() {
            return elements(shape);
        }

        static long elements(int[] shape) {
            long elements = 1;
            for (int dim : shape) {
                elements = Math.multiplyExact(elements, dim);
            }
            return elements;
        }
    }

    /** Bytes mapped at a time: under the 2 GiB limit of one mapping, and a multiple of every element size. */
    static final long WINDOW = 1L << 30;

    /** The longest float[] the JVM allocates (a few header words short of 2^31 - 1). */
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final Path file;
    private final SafetensorsHeader header;
    private final long window;

    private SafetensorsReader(Path file, SafetensorsHeader header, long window) {
        this.file = file;
        this.header = header;
        this.window = window;
    }

    /** Reads and validates the header; IOException naming the file and the tensor if it is corrupt. */
    public static SafetensorsReader open(Path file) throws IOException {
        return open(file, WINDOW);
    }

    /** As {@link #open(Path)}, mapping {@code window} bytes at a time; tests make it small to cross many windows. */
    static SafetensorsReader open(Path file, long window) throws IOException {
        if (window <= 0 || window > WINDOW || window % 8 != 0) {
            throw new IllegalArgumentException("window " + window + " must be a multiple of 8 in (0, " + WINDOW + "]");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new SafetensorsReader(file, SafetensorsHeader.read(file, channel), window);
        }
    }

    /** Tensor names, in header order. */
    public List<String> names() {
        return new ArrayList<>(header.entries.keySet());
    }

    public Entry entry(String name) {
        Entry entry = header.entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(file + ": no tensor '" + name + "'");
        }
        return entry;
    }

    /** The header's {@code __metadata__} (Hugging Face writes {"format": "pt"}); empty if absent. */
    public Map<String, String> metadata() {
        return header.metadata;
    }

    /** The tensor {@code name} as floats, row-major. */
    public float[] read(String name) throws IOException {
        long elements = entry(name).elements();
        if (elements > MAX_ARRAY_LENGTH) {
            throw new IOException(file + ": tensor '" + name + "' has " + elements + " elements, more than a Java float[] holds ("
                    + MAX_ARRAY_LENGTH + "); shard it into smaller tensors");
        }
        float[] values = new float[(int) elements];
        read(name, values, 0);
        return values;
    }

    /** Reads the tensor {@code name}, row-major, into {@code into[offset..offset + elements)}, as float32. */
    public void read(String name, float[] into, int offset) throws IOException {
        Entry entry = entry(name);
        DType dtype = DType.of(entry.dtype()).orElseThrow(() -> new IOException(file + ": tensor '" + name + "' has dtype "
                + entry.dtype() + ", which Tempest does not read; it reads " + Arrays.toString(DType.values())));
        long elements = entry.elements();
        if (offset < 0 || elements > into.length - offset) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' has " + elements
                    + " elements, which do not fit at offset " + offset + " of a float[" + into.length + "]");
        }
        long perWindow = window / dtype.size();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long done = 0; done < elements; done += perWindow) {
                int count = (int) Math.min(perWindow, elements - done);
                long position = header.dataStart + entry.begin() + done * dtype.size();
                // A mapping outlives its channel and is released by the garbage collector.
                dtype.decode(channel.map(FileChannel.MapMode.READ_ONLY, position, (long) count * dtype.size())
                        .order(ByteOrder.LITTLE_ENDIAN), into, offset + (int) done, count);
            }
        }
    }
}
