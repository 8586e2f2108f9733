package dev.tempest.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.scalar.ScalarBackend;
import dev.tempest.tensor.Tensor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final float[] LOGITS = {1f, 3f, 2f, 0f, 2.5f};

    private final Backend backend = new ScalarBackend();

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void temperatureZeroIsGreedy() {
        Sampler sampler = new Sampler(backend, new Sampling(1, 0, 0, 1, 7), 0, 1);

        assertEquals(1, sampler.next(logits(LOGITS)).ids()[0]);
    }

    @Test
    void topKKeepsOnlyTheKMostLikely() {
        Set<Integer> drawn = draws(new Sampling(1, 1, 2, 1, 7));

        assertEquals(Set.of(1, 4), drawn);
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // softmax of LOGITS: 3 -> 0.46, 2.5 -> 0.28, 2 -> 0.17: 0.46 < 0.6 <= 0.74
        Set<Integer> drawn = draws(new Sampling(1, 1, 0, 0.6f, 7));

        assertEquals(Set.of(1, 4), drawn);
    }

    @Test
    void theSameSeedDrawsTheSameAndAllTokensCanComeUp() {
        Sampler a = new Sampler(backend, new Sampling(1, 2, 0, 1, 11), 0, 1);
        Sampler b = new Sampler(backend, new Sampling(1, 2, 0, 1, 11), 0, 1);
        Tensor logits = logits(LOGITS);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.next(logits).ids()[0], b.next(logits).ids()[0]);
        }
        assertEquals(LOGITS.length, draws(new Sampling(1, 2, 0, 1, 11)).size());
    }

    @Test
    void eachRowDrawsItsOwnTokenWithItsLogProbability() {
        float[] rows = {0, 0, 9, 0, 0, /* */ 0, 0, 0, 0, 9}; // (2, 5): nearly certain of 2, then of 4
        SampledTokens drawn = new Sampler(backend, new Sampling(1, 1, 0, 1, 3), 0, 2).next(logits(rows));

        assertArrayEquals(new int[] {2, 4}, drawn.ids());
        float logProb = (float) -Math.log(1 + 4 * Math.exp(-9));
        assertArrayEquals(new float[] {logProb, logProb}, drawn.logProbs(), 1e-6f);
    }

    @Test
    void aSequenceDrawsFromItsOwnStreamWhateverRowItIsIn() {
        Sampling sampling = new Sampling(1, 2, 0, 1, 11);
        Sampler batch = new Sampler(backend, sampling, 0, 3);
        Sampler third = new Sampler(backend, sampling, 2, 1);
        boolean differ = false;
        for (int i = 0; i < 50; i++) {
            // Row order changes as a batch drops finished sequences: sequence 2 is row 2, then row 0.
            SampledTokens drawn = i < 25 ? batch.next(logits(repeat(3)), new int[] {0, 1, 2})
                    : batch.next(logits(repeat(2)), new int[] {2, 0});
            int ofThird = drawn.ids()[i < 25 ? 2 : 0];
            differ |= drawn.ids()[i < 25 ? 0 : 1] != ofThird;
            assertEquals(third.next(logits(LOGITS)).ids()[0], ofThird, "draw " + i);
        }
        assertTrue(differ, "sequences 0 and 2 draw from streams of their own");
    }

    private static float[] repeat(int rows) {
        float[] values = new float[rows * LOGITS.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(LOGITS, 0, values, r * LOGITS.length, LOGITS.length);
        }
        return values;
    }

    private Set<Integer> draws(Sampling settings) {
        Sampler sampler = new Sampler(backend, settings, 0, 1);
        Tensor logits = logits(LOGITS);
        Set<Integer> drawn = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            drawn.add(sampler.next(logits).ids()[0]);
        }
        return drawn;
    }

    private Tensor logits(float[] values) {
        Tensor logits = new Tensor(backend.allocate(values.length), null, values.length / LOGITS.length, LOGITS.length);
        backend.write(logits.data(), values, 0);
        return logits;
    }
}
