package dev.tempest.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tensors from a .safetensors file: an 8-byte little-endian header length, a JSON header
 * naming each tensor's dtype, shape and byte range, then the raw data. Reads F32 tensors.
 */
public final class SafetensorsReader {

    /** A tensor's entry in the header: its shape and where its bytes are, relative to the data start. */
    public record Entry(String dtype, int[] shape, long begin, long end) {
    }

    private final Path file;
    private final long dataStart;
    private final Map<String, Entry> entries;

    private SafetensorsReader(Path file, long dataStart, Map<String, Entry> entries) {
        this.file = file;
        this.dataStart = dataStart;
        this.entries = entries;
    }

    public static SafetensorsReader open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, length, 0, file);
            long headerLength = length.flip().getLong();
            if (headerLength <= 0 || headerLength > channel.size() - 8) {
                throw new IOException(file + ": not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, 8, file);
            JsonNode json = new ObjectMapper().readTree(new String(header.array(), StandardCharsets.UTF_8));
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("__metadata__")) {
                    entries.put(field.getKey(), entry(file, field.getKey(), field.getValue()));
                }
            }
            return new SafetensorsReader(file, 8 + headerLength, entries);
        }
    }

    /** Tensor names, in header order. */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    public Entry entry(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(file + ": no tensor '" + name + "'");
        }
        return entry;
    }

    /** The tensor {@code name} as floats, row-major. */
    public float[] read(String name) throws IOException {
        Entry entry = entry(name);
        if (!entry.dtype().equals("F32")) {
            throw new IOException(file + ": tensor '" + name + "' is " + entry.dtype() + "; this reader reads F32");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) (entry.end() - entry.begin())).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            readFully(channel, bytes, dataStart + entry.begin(), file);
        }
        float[] values = new float[bytes.capacity() / 4];
        bytes.flip().asFloatBuffer().get(values);
        return values;
    }

    private static Entry entry(Path file, String name, JsonNode node) throws IOException {
        JsonNode shape = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!node.path("dtype").isTextual() || !shape.isArray() || offsets.size() != 2) {
            throw new IOException(file + ": tensor '" + name + "' has a malformed header entry: " + node);
        }
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).intValue();
        }
        return new Entry(node.get("dtype").textValue(), dims, offsets.get(0).longValue(), offsets.get(1).longValue());
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position, Path file) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) {
                throw new IOException(file + ": ends early, at byte " + at);
            }
            at += read;
        }
    }
}
