package dev.tempest.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

    @TempDir Path dir;

    @Test
    void f32RoundTripIsBitExactIncludingSpecialValues() throws IOException {
        float[] special = {
            0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, Float.MIN_NORMAL, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, (float) Math.PI,
            Float.intBitsToFloat(0x7FC1_2345), Float.intBitsToFloat(0xFFC0_0001),   // NaNs with payloads
        };
        Path file = dir.resolve("model.safetensors");

        new SafetensorsWriter()
                .add("special", new int[] {special.length}, special)
                .add("scalar", new int[] {}, new float[] {-2.5f})
                .add("empty", new int[] {0, 4}, new float[0])
                .write(file);

        SafetensorsReader reader = SafetensorsReader.open(file);
        assertArrayEquals(bits(special), bits(reader.read("special")));
        assertArrayEquals(new float[] {-2.5f}, reader.read("scalar"));
        assertArrayEquals(new int[] {0, 4}, reader.entry("empty").shape());
        assertEquals(0, reader.read("empty").length);
    }

    @Test
    void metadataRoundTrips() throws IOException {
        Map<String, String> metadata = Map.of("format", "pt", "step", "1200", "note", "é ✓ \"quoted\"");
        SafetensorsWriter writer = new SafetensorsWriter();
        metadata.forEach(writer::metadata);
        Path file = dir.resolve("model.safetensors");

        writer.add("w", new int[] {1}, new float[] {1f}).write(file);

        assertEquals(metadata, SafetensorsReader.open(file).metadata());
    }

    @Test
    void layoutIsHuggingFaces() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter().metadata("format", "pt")
                .add("b", new int[] {3}, new float[3])
                .add("a", new int[] {2, 5}, new float[10])
                .add("c", new int[] {1}, new float[1])
                .write(file);

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "the data starts 8-byte aligned");
        assertEquals(8 + headerLength + 4 * (3 + 10 + 1), bytes.length);
        JsonNode header = new ObjectMapper().readTree(Arrays.copyOfRange(bytes, 8, (int) (8 + headerLength)));
        // Tensors in the order added, each starting where the one before ends.
        assertEquals(List.of("__metadata__", "b", "a", "c"), fieldNames(header));
        assertEquals("[0,12]", header.get("b").get("data_offsets").toString());
        assertEquals("[12,52]", header.get("a").get("data_offsets").toString());
        assertEquals("[52,56]", header.get("c").get("data_offsets").toString());
        assertEquals("{\"dtype\":\"F32\",\"shape\":[2,5],\"data_offsets\":[12,52]}", header.get("a").toString());
        assertEquals(List.of("b", "a", "c"), SafetensorsReader.open(file).names());
    }

    @Test
    void eachDtypeStoresTheRoundedValueAndReadsItBack() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-70_000, 70_000);   // past 65504: F16 overflows some
        }
        for (DType dtype : DType.values()) {
            Path file = dir.resolve(dtype + ".safetensors");
            new SafetensorsWriter(dtype).add("w", new int[] {10, 100}, values).write(file);

            SafetensorsReader reader = SafetensorsReader.open(file);
            assertEquals(dtype.name(), reader.entry("w").dtype());
            assertEquals(1000L * dtype.size(), reader.entry("w").end() - reader.entry("w").begin());
            assertArrayEquals(bits(stored(dtype, values)), bits(reader.read("w")), dtype.name());
        }
    }

    @Test
    void anExceptionMidWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter().add("w", new int[] {2}, new float[] {1f, 2f}).write(file);
        byte[] before = Files.readAllBytes(file);
        IOException failure = new IOException("device lost");

        // Fails after two chunks of the second tensor have gone to disk.
        IOException thrown = assertThrows(IOException.class, () -> new SafetensorsWriter()
                .add("first", new int[] {1000}, new float[1000])
                .add("second", new int[] {1 << 20}, (from, into, count) -> {
                    if (from >= 2 << 16) {
                        throw failure;
                    }
                    Arrays.fill(into, 0, count, 3f);
                })
                .write(file));

        assertSame(failure, thrown);
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void streamedValuesAreAskedForInOrderInChunks() throws IOException {
        Path file = dir.resolve("model.safetensors");
        int n = 200_003;   // not a multiple of the chunk

        new SafetensorsWriter().add("ramp", new int[] {n}, (from, into, count) -> {
            for (int i = 0; i < count; i++) {
                into[i] = from + i;
            }
        }).write(file);

        float[] ramp = SafetensorsReader.open(file).read("ramp");
        for (int i = 0; i < n; i++) {
            assertEquals((float) i, ramp[i], "element " + i);
        }
    }

    @Test
    void misuseIsRefusedNamingTheTensor() {
        SafetensorsWriter writer = new SafetensorsWriter().add("w", new int[] {2}, new float[2]);

        assertEquals("tensor 'w': added twice",
                assertThrows(IllegalArgumentException.class, () -> writer.add("w", new int[] {1}, new float[1])).getMessage());
        assertEquals("tensor 'x': shape [2, 3] holds 6 elements, but 5 values were given",
                assertThrows(IllegalArgumentException.class, () -> writer.add("x", new int[] {2, 3}, new float[5])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> writer.add("__metadata__", new int[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> writer.add("y", new int[] {-1}, new float[0]));
    }

    /** What a file of {@code dtype} holds for each value, as float: F32 and F64 hold it exactly. */
    private static float[] stored(DType dtype, float[] values) {
        float[] stored = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (dtype == DType.F16) {
                stored[i] = DType.halfToFloat(DType.floatToHalf(values[i]));
            } else if (dtype == DType.BF16) {
                stored[i] = DType.bfloat16ToFloat(DType.floatToBfloat16(values[i]));
            }
        }
        return stored;
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
