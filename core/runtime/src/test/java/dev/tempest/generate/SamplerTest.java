package dev.tempest.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        Sampler sampler = new Sampler(backend, new Sampling(1, 0, 0, 1, 7));

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
        Sampler a = new Sampler(backend, new Sampling(1, 2, 0, 1, 11));
        Sampler b = new Sampler(backend, new Sampling(1, 2, 0, 1, 11));
        Tensor logits = logits(LOGITS);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.next(logits).ids()[0], b.next(logits).ids()[0]);
        }
        assertEquals(LOGITS.length, draws(new Sampling(1, 2, 0, 1, 11)).size());
    }

    @Test
    void eachRowDrawsItsOwnTokenWithItsLogProbability() {
        float[] rows = {0, 0, 9, 0, 0, /* */ 0, 0, 0, 0, 9}; // (2, 5): nearly certain of 2, then of 4
        SampledTokens drawn = new Sampler(backend, new Sampling(1, 1, 0, 1, 3)).next(logits(rows));

        assertArrayEquals(new int[] {2, 4}, drawn.ids());
        float logProb = (float) -Math.log(1 + 4 * Math.exp(-9));
        assertArrayEquals(new float[] {logProb, logProb}, drawn.logProbs(), 1e-6f);
    }

    private Set<Integer> draws(Sampling settings) {
        Sampler sampler = new Sampler(backend, settings);
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
