package dev.tempest.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.nn.Ops;
import dev.tempest.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks that a family places tokens by their positions within their own sequence: examples
 * packed in one row, and prompts left-padded into one cached batch, give the logits each gives
 * alone, on the fixture's weights. Agreement is to float round-off (1e-5): the attention runs
 * over other key ranges, so its GEMMs sum the same products in other blocks. Each check also
 * shows that ignoring the layout changes those logits by far more, so agreement is not chance.
 */
public final class PositionsCheck {

    private static final int[] FIRST = {5, 17, 42, 8, 90};      // ids below the fixtures' vocabulary of 96
    private static final int[] SECOND = {61, 3, 3, 95, 7, 12, 40};
    private static final float TOLERANCE = 1e-5f;
    private static final float LAYOUT_MATTERS = 100 * TOLERANCE;

    private PositionsCheck() {
    }

    /** A row packing two examples gives each example's logits alone. */
    public static void packedExamplesAttendOnlyWithinThemselves(ModelFamily family, String fixtureName)
            throws IOException {
        try (Backend backend = new CpuBackend(2)) {
            LanguageModel model = model(family, fixtureName, backend);
            int T = FIRST.length + SECOND.length;
            int[] tokens = concat(FIRST, SECOND);
            int[] positions = concat(count(FIRST.length), count(SECOND.length));
            float[] packed = read(backend, model.forward(new Ops(backend, null), tokens,
                    TokenPositions.packed(1, T, positions), null));
            float[] first = read(backend, model.forward(new Ops(backend, null), FIRST, 1, FIRST.length));
            float[] second = read(backend, model.forward(new Ops(backend, null), SECOND, 1, SECOND.length));
            int V = model.vocabSize();
            assertArrayEquals(first, Arrays.copyOfRange(packed, 0, FIRST.length * V), TOLERANCE, "first example");
            assertArrayEquals(second, Arrays.copyOfRange(packed, FIRST.length * V, T * V), TOLERANCE, "second example");
            float[] asOneSequence = read(backend, model.forward(new Ops(backend, null), tokens, 1, T));
            assertDiffer(second, Arrays.copyOfRange(asOneSequence, FIRST.length * V, T * V));
        }
    }

    /** Two prompts of different lengths, the shorter left-padded, prefilled and decoded in one cache, give each prompt's logits alone. */
    public static void leftPaddedPromptsDecodeAsAlone(ModelFamily family, String fixtureName) throws IOException {
        try (Backend backend = new CpuBackend(2)) {
            LanguageModel model = model(family, fixtureName, backend);
            int[] shorter = Arrays.copyOf(FIRST, 3);
            int T = SECOND.length;
            int pad = T - shorter.length;
            int V = model.vocabSize();
            KvCache batch = model.newCache(2, T + 1);
            batch.padLeft(new int[] {pad, 0});
            int[] prompts = concat(concat(new int[pad], shorter), SECOND); // (2, T), padding ids 0
            float[] prefilled = read(backend, model.forward(new Ops(backend, null), prompts, 2, T, batch));
            float[] decoded = read(backend, model.forward(new Ops(backend, null), new int[] {11, 22}, 2, 1, batch));

            // With a cache the logits are each sequence's last position's: (2, V), then (2, V) again.
            float[][] alone = {aloneThenOne(model, backend, shorter, 11), aloneThenOne(model, backend, SECOND, 22)};
            for (int b = 0; b < 2; b++) {
                assertArrayEquals(Arrays.copyOfRange(alone[b], 0, V), Arrays.copyOfRange(prefilled, b * V, (b + 1) * V),
                        TOLERANCE, "sequence " + b + ", its prompt's last logits");
                assertArrayEquals(Arrays.copyOfRange(alone[b], V, 2 * V), Arrays.copyOfRange(decoded, b * V, (b + 1) * V),
                        TOLERANCE, "sequence " + b + ", the next token's");
            }
            KvCache unpadded = model.newCache(2, T);
            float[] paddingSeen = read(backend, model.forward(new Ops(backend, null), prompts, 2, T, unpadded));
            assertDiffer(Arrays.copyOfRange(prefilled, 0, V), Arrays.copyOfRange(paddingSeen, 0, V));
        }
    }

    /** The logits (2, V) of a prompt's last position and then of one more token, through a cache of its own. */
    private static float[] aloneThenOne(LanguageModel model, Backend backend, int[] prompt, int next) {
        KvCache cache = model.newCache(1, prompt.length + 1);
        float[] promptLogits = read(backend, model.forward(new Ops(backend, null), prompt, 1, prompt.length, cache));
        float[] nextLogits = read(backend, model.forward(new Ops(backend, null), new int[] {next}, 1, 1, cache));
        return concat(promptLogits, nextLogits);
    }

    private static void assertDiffer(float[] expected, float[] ignoringLayout) {
        float largest = 0;
        for (int i = 0; i < expected.length; i++) {
            largest = Math.max(largest, Math.abs(expected[i] - ignoringLayout[i]));
        }
        assertTrue(largest > LAYOUT_MATTERS, "ignoring the layout moved the logits by only " + largest);
    }

    private static LanguageModel model(ModelFamily family, String fixtureName, Backend backend) throws IOException {
        Path dir = ReferenceCheck.fixture(fixtureName);
        LanguageModel model = family.create(backend, HfCheckpoint.readConfig(dir));
        HfCheckpoint.loadWeights(model, dir);
        return model;
    }

    private static float[] read(Backend backend, Tensor tensor) {
        float[] values = new float[tensor.size()];
        backend.read(tensor.data(), values, 0);
        return values;
    }

    private static int[] count(int n) {
        int[] positions = new int[n];
        Arrays.setAll(positions, i -> i);
        return positions;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
