package dev.tempest.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tempest.checkpoint.SafetensorsReader.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated header of a safetensors file: every tensor's entry and the string metadata.
 * Validation follows the reference implementation, so a file it accepts opens here and a
 * corrupt one fails at open, naming the file and the tensor, rather than at some later read.
 */
final class SafetensorsHeader {

    /** The reference implementation's cap: larger headers are refused before allocating them. */
    static final long MAX_LENGTH = 100_000_000;

    /** A duplicated tensor name is a corrupt file, not "last one wins". */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();

    final long dataStart;                 // file offset of the byte buffer: 8 + header length
    final Map<String, Entry> entries;     // in header order
    final Map<String, String> metadata;   // "__metadata__", empty when absent

    private SafetensorsHeader(long dataStart, Map<String, Entry> entries, Map<String, String> metadata) {
        this.dataStart = dataStart;
        this.entries = Collections.unmodifiableMap(entries);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new IOException(file + ": " + size + " bytes, too short for a safetensors file (its first 8 bytes are the header length)");
        }
        long length = readFully(channel, 0, 8, file).getLong();
        if (length < 0 || length > size - 8) {
            throw new IOException(file + ": header length " + Long.toUnsignedString(length) + " runs past the end of the "
                    + size + "-byte file; truncated, or not a safetensors file");
        }
        if (length > MAX_LENGTH) {
            throw new IOException(file + ": header length " + length + " exceeds the format's limit of " + MAX_LENGTH + " bytes");
        }
        JsonNode json;
        try {
            json = JSON.readTree(readFully(channel, 8, (int) length, file).array());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!json.isObject()) {
            throw new IOException(file + ": header is not a JSON object but " + json.getNodeType());
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                metadata = metadata(file, field.getValue());
            } else {
                entries.put(field.getKey(), entry(file, field.getKey(), field.getValue()));
            }
        }
        checkLayout(file, entries, size - 8 - length);
        return new SafetensorsHeader(8 + length, entries, metadata);
    }

    private static Map<String, String> metadata(Path file, JsonNode node) throws IOException {
        if (!node.isObject()) {
            throw new IOException(file + ": __metadata__ must be an object of strings, got " + node);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new IOException(file + ": __metadata__." + field.getKey() + " must be a string, got " + field.getValue());
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static Entry entry(Path file, String name, JsonNode node) throws IOException {
        String where = file + ": tensor '" + name + "': ";
        if (!node.isObject()) {
            throw new IOException(where + "expected {\"dtype\", \"shape\", \"data_offsets\"}, got " + node);
        }
        JsonNode dtype = node.path("dtype");
        JsonNode shape = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!dtype.isTextual()) {
            throw new IOException(where + "missing \"dtype\" (a string such as \"F32\")");
        }
        if (!shape.isArray()) {
            throw new IOException(where + "missing \"shape\" (an array of dimensions)");
        }
        if (!offsets.isArray() || offsets.size() != 2 || !isNatural(offsets.get(0)) || !isNatural(offsets.get(1))
                || offsets.get(0).longValue() > offsets.get(1).longValue()) {
            throw new IOException(where + "\"data_offsets\" must be [begin, end] with 0 <= begin <= end, got " + offsets);
        }
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!isNatural(shape.get(i)) || !shape.get(i).canConvertToInt()) {
                throw new IOException(where + "shape " + shape + " must hold non-negative int dimensions");
            }
            dims[i] = shape.get(i).intValue();
        }
        Entry entry = new Entry(dtype.textValue(), dims, offsets.get(0).longValue(), offsets.get(1).longValue());
        // An unknown dtype's element size is unknown: such a tensor is refused only when read.
        Optional<DType> known = DType.of(entry.dtype());
        if (known.isPresent()) {
            checkSize(where, entry, known.get());
        }
        return entry;
    }

    private static void checkSize(String where, Entry entry, DType dtype) throws IOException {
        long bytes;
        try {
            bytes = Math.multiplyExact(entry.elements(), dtype.size());
        } catch (ArithmeticException e) {
            throw new IOException(where + "shape " + Arrays.toString(entry.shape()) + " has more elements than a file can hold");
        }
        if (bytes != entry.end() - entry.begin()) {
            throw new IOException(where + "shape " + Arrays.toString(entry.shape()) + " of " + dtype + " needs " + bytes
                    + " bytes, but data_offsets [" + entry.begin() + ", " + entry.end() + "] span " + (entry.end() - entry.begin()));
        }
    }

    /**
     * The tensors must tile the byte buffer exactly, in some order: bytes past its end mean a
     * truncated file; an overlap, a gap or trailing bytes mean a corrupt (or polyglot) one.
     */
    private static void checkLayout(Path file, Map<String, Entry> entries, long dataLength) throws IOException {
        List<Map.Entry<String, Entry>> byOffset = new ArrayList<>(entries.entrySet());
        byOffset.sort(Comparator.comparingLong((Map.Entry<String, Entry> e) -> e.getValue().begin())
                .thenComparingLong(e -> e.getValue().end()));
        long covered = 0;
        for (Map.Entry<String, Entry> tensor : byOffset) {
            Entry entry = tensor.getValue();
            String where = file + ": tensor '" + tensor.getKey() + "': data_offsets [" + entry.begin() + ", " + entry.end() + "] ";
            if (entry.end() > dataLength) {
                throw new IOException(where + "run past the end of the data, which holds " + dataLength + " bytes; truncated file?");
            }
            if (entry.begin() < covered) {
                throw new IOException(where + "overlap the tensor before, which ends at " + covered);
            }
            if (entry.begin() > covered) {
                throw new IOException(where + "leave bytes [" + covered + ", " + entry.begin() + ") of the data to no tensor");
            }
            covered = entry.end();
        }
        if (covered != dataLength) {
            throw new IOException(file + ": the last " + (dataLength - covered) + " bytes of the data belong to no tensor");
        }
    }

    private static boolean isNatural(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer into = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long at = position;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) {
                throw new IOException(file + ": ends early, at byte " + at);
            }
            at += read;
        }
        return into.flip();
    }
}
