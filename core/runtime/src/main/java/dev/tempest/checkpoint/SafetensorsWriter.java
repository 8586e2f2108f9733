package dev.tempest.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tempest.checkpoint.SafetensorsReader.Entry;
import dev.tempest.run.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes float32 tensors to a .safetensors file as Hugging Face does: the header padded with
 * spaces to a multiple of 8 bytes, then each tensor's bytes, contiguous, in the order added,
 * converted to the writer's dtype. The file is replaced atomically: a crash or an exception
 * mid-write leaves the previous file whole. Values are streamed a chunk at a time, so a
 * multi-GB checkpoint needs no second copy in memory.
 *
 * <pre>
 * new SafetensorsWriter().metadata("format", "pt").add("wte.weight", new int[] {V, C}, wte).write(path);
 * </pre>
 */
public final class SafetensorsWriter {

    /** Supplies a tensor's values in row-major order: elements [from, from + count) into {@code into[0..count)}. */
    @FunctionalInterface
    public interface Values {
        void copy(long from, float[] into, int count) throws IOException;
    }

    /** A tensor to be written: where its bytes go, and where its values come from. */
    private record Planned(Entry entry, Values values) {
    }

    /** Elements per write: 256 KiB of F32, large enough to amortise the system call, small enough to stay in cache. */
    private static final int CHUNK = 1 << 16;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DType dtype;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, Planned> tensors = new LinkedHashMap<>();
    private long dataLength;

    /** A writer of F32 tensors. */
    public SafetensorsWriter() {
        this(DType.F32);
    }

    /** A writer that stores every tensor as {@code dtype}, rounding to nearest even where it is narrower. */
    public SafetensorsWriter(DType dtype) {
        this.dtype = dtype;
    }

    /** Adds {@code key: value} to the header's {@code __metadata__}. */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public SafetensorsWriter add(String name, int[] shape, float[] values) {
        Entry entry = entry(name, shape);
        if (entry.elements() != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape) + " holds "
                    + entry.elements() + " elements, but " + values.length + " values were given");
        }
        return add(name, entry, (from, into, count) -> System.arraycopy(values, (int) from, into, 0, count));
    }

    /** Adds a tensor whose values are fetched only while {@link #write} streams them out. */
    public SafetensorsWriter add(String name, int[] shape, Values values) {
        return add(name, entry(name, shape), values);
    }

    /** Writes the file, replacing {@code target} atomically. */
    public void write(Path target) throws IOException {
        byte[] header = header();
        AtomicFile.write(target, channel -> {
            ByteBuffer start = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            writeFully(channel, start.putLong(header.length).put(header).flip());
            float[] chunk = new float[CHUNK];
            ByteBuffer bytes = ByteBuffer.allocateDirect(CHUNK * dtype.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (Planned tensor : tensors.values()) {
                long elements = tensor.entry().elements();
                for (long from = 0; from < elements; from += CHUNK) {
                    int count = (int) Math.min(CHUNK, elements - from);
                    tensor.values().copy(from, chunk, count);
                    dtype.encode(chunk, 0, count, bytes.clear());
                    writeFully(channel, bytes.flip());
                }
            }
        });
    }

    private SafetensorsWriter add(String name, Entry entry, Values values) {
        tensors.put(name, new Planned(entry, values));
        dataLength = entry.end();
        return this;
    }

    /** The entry {@code name} will have, placed right after the tensors added so far. */
    private Entry entry(String name, int[] shape) {
        if (name.equals("__metadata__")) {
            throw new IllegalArgumentException("tensor '" + name + "': that name is reserved for the metadata");
        }
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("tensor '" + name + "': added twice");
        }
        for (int dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension in " + Arrays.toString(shape));
            }
        }
        long bytes = Math.multiplyExact(Entry.elements(shape), dtype.size());
        return new Entry(dtype.name(), shape, dataLength, dataLength + bytes);
    }

    /** The JSON header, padded with spaces so the data starts 8-byte aligned, as readers may map it in place. */
    private byte[] header() throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode fields = header.putObject("__metadata__");
            metadata.forEach(fields::put);
        }
        tensors.forEach((name, tensor) -> {
            ObjectNode node = header.putObject(name);
            node.put("dtype", tensor.entry().dtype());
            ArrayNode shape = node.putArray("shape");
            Arrays.stream(tensor.entry().shape()).forEach(shape::add);
            node.putArray("data_offsets").add(tensor.entry().begin()).add(tensor.entry().end());
        });
        byte[] text = JSON.writeValueAsBytes(header);
        byte[] padded = Arrays.copyOf(text, (text.length + 7) & ~7);
        Arrays.fill(padded, text.length, padded.length, (byte) ' ');
        return padded;
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
