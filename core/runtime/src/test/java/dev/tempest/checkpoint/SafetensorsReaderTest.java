package dev.tempest.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafetensorsReaderTest {

    @TempDir Path dir;

    @Test
    void readsTheGpt2FixtureAsItsReadmeLists() throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("/fixtures/gpt2-tiny/model.safetensors").toURI());

        SafetensorsReader reader = SafetensorsReader.open(file);

        Map<String, String> shapes = new LinkedHashMap<>();
        for (String name : reader.names()) {
            shapes.put(name, Arrays.toString(reader.entry(name).shape()));
            assertEquals(reader.entry(name).elements(), reader.read(name).length, name);
        }
        assertEquals(gpt2TinyReadmeShapes(), shapes);
        assertEquals(Map.of("format", "pt"), reader.metadata());
    }

    @Test
    void smallWindowsReadWhatOneWindowReads() throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("/fixtures/gpt2-tiny/model.safetensors").toURI());
        SafetensorsReader whole = SafetensorsReader.open(file);
        // 8 and 24 bytes split every tensor into many windows, the second mid-row.
        for (long window : new long[] {8, 24}) {
            SafetensorsReader windowed = SafetensorsReader.open(file, window);
            for (String name : whole.names()) {
                assertArrayEquals(whole.read(name), windowed.read(name), name + " in windows of " + window);
            }
        }
    }

    @Test
    void smallWindowsConvertEveryDtype() throws IOException {
        float[] values = new float[1001];   // odd, so the last window is partial
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 200 - 100) * 0.25f;   // 8 significant bits at most: exact in every dtype
        }
        for (DType dtype : DType.values()) {
            Path file = dir.resolve(dtype + ".safetensors");
            new SafetensorsWriter(dtype).add("head", new int[] {3}, new float[] {7, 8, 9})
                    .add("values", new int[] {values.length}, values).write(file);

            assertArrayEquals(values, SafetensorsReader.open(file, 16).read("values"), dtype.name());
        }
    }

    @Test
    void readsIntoAnArrayAtAnOffset() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter().add("w", new int[] {3}, new float[] {1, 2, 3}).write(file);
        SafetensorsReader reader = SafetensorsReader.open(file);
        float[] into = {9, 9, 9, 9, 9};

        reader.read("w", into, 1);

        assertArrayEquals(new float[] {9, 1, 2, 3, 9}, into);
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class, () -> reader.read("w", into, 3));
        assertTrue(tooSmall.getMessage().contains("tensor 'w' has 3 elements, which do not fit at offset 3 of a float[5]"));
    }

    static Stream<Arguments> corruptHeaders() {
        String f32 = "{\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}";
        return Stream.of(
                arguments("[1, 2]", 0, ": header is not a JSON object"),
                arguments("{\"a\": " + f32, 8, ": header is not valid JSON"),
                arguments("{\"a\": " + f32 + ", \"a\": " + f32 + "}", 8, "Duplicate field 'a'"),
                arguments("{\"a\": [0, 8]}", 8, "tensor 'a': expected {\"dtype\", \"shape\", \"data_offsets\"}"),
                arguments("{\"a\": {\"shape\": [2], \"data_offsets\": [0, 8]}}", 8, "tensor 'a': missing \"dtype\""),
                arguments("{\"a\": {\"dtype\": \"F32\", \"data_offsets\": [0, 8]}}", 8, "tensor 'a': missing \"shape\""),
                arguments("{\"a\": {\"dtype\": \"F32\", \"shape\": [2]}}", 8, "tensor 'a': \"data_offsets\" must be [begin, end]"),
                arguments("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [8, 0]}}", 8, "must be [begin, end] with 0 <= begin <= end"),
                arguments("{\"a\": {\"dtype\": \"F32\", \"shape\": [-2], \"data_offsets\": [0, 8]}}", 8, "tensor 'a': shape [-2] must hold non-negative"),
                arguments("{\"a\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}", 8,
                        "tensor 'a': shape [3] of F32 needs 12 bytes, but data_offsets [0, 8] span 8"),
                arguments("{\"a\": " + f32 + "}", 4, "tensor 'a': data_offsets [0, 8] run past the end of the data, which holds 4 bytes"),
                arguments("{\"a\": " + f32 + ", \"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}}", 12,
                        "tensor 'b': data_offsets [4, 12] overlap the tensor before, which ends at 8"),
                arguments("{\"a\": " + f32 + ", \"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [12, 20]}}", 20,
                        "tensor 'b': data_offsets [12, 20] leave bytes [8, 12) of the data to no tensor"),
                arguments("{\"a\": " + f32 + "}", 12, ": the last 4 bytes of the data belong to no tensor"),
                arguments("{\"__metadata__\": {\"step\": 3}, \"a\": " + f32 + "}", 8, ": __metadata__.step must be a string, got 3"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("corruptHeaders")
    void aCorruptHeaderFailsAtOpenNamingTheFileAndTheProblem(String header, int dataBytes, String problem) throws IOException {
        Path file = write(header, dataBytes);

        assertCorrupt(file, problem);
    }

    @Test
    void aTruncatedFileFailsAtOpenNamingTheTensorCut() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter().add("a", new int[] {4}, new float[4]).add("b", new int[] {4}, new float[4]).write(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 1);
        }

        assertCorrupt(file, "tensor 'b': data_offsets [16, 32] run past the end of the data, which holds 31 bytes; truncated file?");
    }

    @Test
    void aHeaderLengthPastTheFileFailsAtOpen() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertCorrupt(file, ": header length 1000 runs past the end of the 16-byte file");

        // A u64 with the top bit set is no negative length.
        Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array());
        assertCorrupt(file, ": header length 18446744073709551615 runs past the end");

        Files.write(file, new byte[5]);
        assertCorrupt(file, ": 5 bytes, too short for a safetensors file");
    }

    @Test
    void anUnreadableDtypeFailsOnlyWhenThatTensorIsRead() throws IOException {
        Path file = write("{\"step\": {\"dtype\": \"I64\", \"shape\": [], \"data_offsets\": [0, 8]},"
                + " \"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 12]}}", 12);

        SafetensorsReader reader = SafetensorsReader.open(file);

        assertArrayEquals(new float[] {0f}, reader.read("w"));
        IOException e = assertThrows(IOException.class, () -> reader.read("step"));
        assertEquals(file + ": tensor 'step' has dtype I64, which Tempest does not read; it reads [F64, F32, F16, BF16]", e.getMessage());
    }

    /**
     * A sparse file with a 2 GiB + 8 byte tensor and one after it, past 2^31: needs little disk
     * but a 2 GiB float[] and half a minute, so it runs only with -Dtempest.largeFiles=true.
     */
    @Test
    @EnabledIfSystemProperty(named = "tempest.largeFiles", matches = "true")
    void readsTensorsPastTwoGibibytes() throws IOException {
        long bigElements = (1L << 29) + 2;
        long bigBytes = 4 * bigElements;
        Path file = write("{\"big\": {\"dtype\": \"F32\", \"shape\": [" + bigElements + "], \"data_offsets\": [0, " + bigBytes + "]},"
                + " \"tail\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [" + bigBytes + ", " + (bigBytes + 8) + "]}}", 0);
        long dataStart = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            // The last two elements of "big", then "tail"; everything before is a hole of zeros.
            channel.write(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(3).putFloat(4).flip(),
                    dataStart + bigBytes - 8);
        }

        SafetensorsReader reader = SafetensorsReader.open(file);

        assertArrayEquals(new float[] {3, 4}, reader.read("tail"));
        float[] big = reader.read("big");
        assertEquals(bigElements, big.length);
        assertEquals(0f, big[(int) (bigElements / 2)]);
        assertEquals(1f, big[big.length - 2]);
        assertEquals(2f, big[big.length - 1]);
    }

    private static void assertCorrupt(Path file, String problem) {
        IOException e = assertThrows(IOException.class, () -> SafetensorsReader.open(file));
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    /** A file with this header (unpadded: readers must not rely on padding) and zeroed data. */
    private Path write(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        return Files.write(dir.resolve("model.safetensors"), bytes.putLong(json.length).put(json).array());
    }

    /** The "Tensor list" table of fixtures/gpt2-tiny/README.md. */
    private static Map<String, String> gpt2TinyReadmeShapes() {
        Map<String, String> shapes = new TreeMap<>();
        shapes.put("wte.weight", "[96, 32]");
        shapes.put("wpe.weight", "[32, 32]");
        for (int layer = 0; layer < 2; layer++) {
            String h = "h." + layer + ".";
            shapes.put(h + "ln_1.weight", "[32]");
            shapes.put(h + "ln_1.bias", "[32]");
            shapes.put(h + "attn.c_attn.weight", "[32, 96]");
            shapes.put(h + "attn.c_attn.bias", "[96]");
            shapes.put(h + "attn.c_proj.weight", "[32, 32]");
            shapes.put(h + "attn.c_proj.bias", "[32]");
            shapes.put(h + "ln_2.weight", "[32]");
            shapes.put(h + "ln_2.bias", "[32]");
            shapes.put(h + "mlp.c_fc.weight", "[32, 128]");
            shapes.put(h + "mlp.c_fc.bias", "[128]");
            shapes.put(h + "mlp.c_proj.weight", "[128, 32]");
            shapes.put(h + "mlp.c_proj.bias", "[32]");
        }
        shapes.put("ln_f.weight", "[32]");
        shapes.put("ln_f.bias", "[32]");
        return shapes;
    }
}
