package dev.tempest.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final float[] LOGITS = {1f, 3f, 2f, 0f, 2.5f};

    @Test
    void temperatureZeroIsGreedy() {
        Sampler sampler = new Sampler(new Sampling(1, 0, 0, 1, 7));

        assertEquals(1, sampler.next(LOGITS));
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
        Sampler a = new Sampler(new Sampling(1, 2, 0, 1, 11));
        Sampler b = new Sampler(new Sampling(1, 2, 0, 1, 11));
        for (int i = 0; i < 100; i++) {
            assertEquals(a.next(LOGITS), b.next(LOGITS));
        }
        assertTrue(draws(new Sampling(1, 2, 0, 1, 11)).size() == LOGITS.length);
    }

    private static Set<Integer> draws(Sampling settings) {
        Sampler sampler = new Sampler(settings);
        Set<Integer> drawn = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            drawn.add(sampler.next(LOGITS));
        }
        return drawn;
    }
}
