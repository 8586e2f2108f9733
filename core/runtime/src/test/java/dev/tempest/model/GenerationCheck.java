package dev.tempest.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.generate.Generation;
import dev.tempest.generate.Generator;
import dev.tempest.generate.SampledTokens;
import dev.tempest.generate.Sampler;
import dev.tempest.generate.Sampling;
import dev.tempest.generate.StopConditions;
import dev.tempest.generate.StopReason;
import dev.tempest.nn.Ops;
import dev.tempest.random.SeededRandom;
import dev.tempest.tensor.Tensor;
import dev.tempest.tokenizer.BpeTrainer;
import dev.tempest.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a family's generation: with the KV cache it gives exactly the tokens of recomputing the
 * whole sequence, and a batch of prompts gives each sequence exactly the tokens of generating it
 * alone. Log-probabilities agree to float round-off: 1e-5 of the larger magnitude, as
 * {@link PositionsCheck}'s logits (the attention sums over other key ranges, so other blocks).
 */
public final class GenerationCheck {

    private static final float TOLERANCE = 1e-5f;

    /** Byte-level: the fixtures' ids (< 96) decode to bytes, so stop strings can be letters. */
    private static final Tokenizer BYTES = BpeTrainer.train(List.of("a small corpus"), 260, List.of("<|endoftext|>"));

    /** Lengths 1 to 12 in a context of 32: the longest fills it before the token limit. */
    private static final List<int[]> PROMPTS = List.of(new int[] {5}, new int[] {61, 3, 3, 95, 7, 12, 40},
            new int[] {17, 42, 8}, new int[] {90, 2, 33, 71, 71, 14, 6, 50, 88, 23, 9, 66});

    private record Case(Sampling sampling, StopConditions stop) {
    }

    /** Greedy to the limit or the context; sampled (plain, and cut by top-k and top-p) to end tokens and stop strings. */
    private static final List<Case> CASES = List.of(
            new Case(new Sampling(25, 0, 0, 1, 1), StopConditions.none()),
            new Case(new Sampling(25, 1f, 0, 1, 11), new StopConditions(Set.of(10, 20, 30, 50, 60, 70), List.of("K", "Q", "Z", "%"))),
            new Case(new Sampling(25, 1.3f, 40, 0.95f, 7), new StopConditions(Set.of(10, 20, 30, 50, 60, 70), List.of("K", "Q", "Z", "%"))));

    private GenerationCheck() {
    }

    /** On a randomly initialised model with the fixture's sizes, greedy and sampled. */
    public static void cacheChangesNothingButTheCost(ModelFamily family, String fixtureName) throws IOException {
        Map<String, Object> config = new HashMap<>(HfCheckpoint.readConfig(ReferenceCheck.fixture(fixtureName)));
        Tokenizer tokenizer = BpeTrainer.train(List.of("a small corpus"), 260, List.of("<|endoftext|>"));
        config.put("vocab_size", tokenizer.vocabSize());
        try (Backend backend = new CpuBackend(2)) {
            LanguageModel model = family.create(backend, config);
            model.initialize(new SeededRandom(9));
            Generator generator = new Generator(model, tokenizer);
            int[] prompt = {5, 17, 42, 8};
            for (Sampling sampling : List.of(new Sampling(12, 0, 0, 1, 1), new Sampling(12, 1.5f, 50, 0.9f, 3))) {
                Generation cached = generator.generate(List.of(prompt), sampling, StopConditions.none()).get(0);
                Generation recomputed = recomputingEachStep(model, prompt, sampling);

                assertEquals(12, cached.tokens().length);
                assertArrayEquals(recomputed.tokens(), cached.tokens(), "sampling " + sampling);
                assertClose(recomputed.logProbs(), cached.logProbs(), "sampling " + sampling);
            }
        }
    }

    /**
     * Prompts of different lengths in one batch, each sequence ending for its own reason (every
     * reason occurs), on the fixture's weights: each gives the tokens and stop reason of generating
     * it alone at its index, and of generating the batch's second half on its own.
     */
    public static void batchedEqualsOneByOne(ModelFamily family, String fixtureName, Backend backend) throws IOException {
        Path dir = ReferenceCheck.fixture(fixtureName);
        LanguageModel model = family.create(backend, HfCheckpoint.readConfig(dir));
        HfCheckpoint.loadWeights(model, dir);
        Generator generator = new Generator(model, BYTES);
        Set<StopReason> seen = EnumSet.noneOf(StopReason.class);
        for (Case c : CASES) {
            List<Generation> batch = generator.generate(PROMPTS, c.sampling(), c.stop());
            List<Generation> secondHalf = generator.generate(PROMPTS.subList(2, 4), 2, c.sampling(), c.stop());
            for (int i = 0; i < PROMPTS.size(); i++) {
                Generation alone = generator.generate(List.of(PROMPTS.get(i)), i, c.sampling(), c.stop()).get(0);
                String what = c.sampling() + ", sequence " + i;
                assertSame(alone, batch.get(i), what);
                if (i >= 2) {
                    assertSame(alone, secondHalf.get(i - 2), what + " in a batch of its own half");
                }
                seen.add(alone.stop());
            }
            assertTrue(batch.stream().map(g -> g.tokens().length).distinct().count() > 1,
                    c.sampling() + ": sequences leave the batch at different steps");
        }
        assertEquals(EnumSet.allOf(StopReason.class), seen, "every way to stop occurred");
    }

    /** What the cache is tested against: the whole sequence through the model for every new token. */
    private static Generation recomputingEachStep(LanguageModel model, int[] prompt, Sampling sampling) {
        Backend backend = model.parameters().backend();
        Sampler sampler = new Sampler(backend, sampling, 0, 1);
        int V = model.vocabSize();
        int[] sequence = prompt;
        float[] logProbs = new float[sampling.maxTokens()];
        for (int n = 0; n < sampling.maxTokens(); n++) {
            int T = sequence.length;
            Tensor logits = model.forward(new Ops(backend, null), sequence, 1, T); // (T, V)
            SampledTokens drawn = sampler.next(new Tensor(logits.data().slice((T - 1) * V, V), null, 1, V));
            sequence = Arrays.copyOf(sequence, T + 1);
            sequence[T] = drawn.ids()[0];
            logProbs[n] = drawn.logProbs()[0];
        }
        return new Generation(Arrays.copyOfRange(sequence, prompt.length, sequence.length), logProbs, StopReason.MAX_TOKENS);
    }

    private static void assertSame(Generation expected, Generation actual, String what) {
        assertArrayEquals(expected.tokens(), actual.tokens(), what);
        assertEquals(expected.stop(), actual.stop(), what);
        assertClose(expected.logProbs(), actual.logProbs(), what);
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * Math.max(1, Math.abs(expected[i])), what + ", log-probability " + i);
        }
    }
}
