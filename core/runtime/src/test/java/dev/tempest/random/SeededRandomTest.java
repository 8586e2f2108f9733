package dev.tempest.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeededRandomTest {

    @Test
    void theSameSeedGivesTheSameStreamAndTheStateResumesIt() {
        SeededRandom a = new SeededRandom(42);
        SeededRandom b = new SeededRandom(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        SeededRandom resumed = new SeededRandom(a.state());
        assertEquals(a.nextGaussian(), resumed.nextGaussian());
        assertNotEquals(new SeededRandom(43).nextLong(), new SeededRandom(42).nextLong());
    }

    @Test
    void theStreamOfAnIndexIsSeededWithThatNumberOfTheSeedsOwnStream() {
        SeededRandom seeds = new SeededRandom(42);
        for (int index = 0; index < 5; index++) {
            long seed = seeds.nextLong();
            assertEquals(new SeededRandom(seed).nextLong(), SeededRandom.stream(42, index).nextLong(), "index " + index);
        }
        assertNotEquals(SeededRandom.stream(42, 0).nextLong(), SeededRandom.stream(43, 0).nextLong());
    }

    @Test
    void gaussianHasMeanZeroAndUnitVariance() {
        SeededRandom random = new SeededRandom(7);
        int n = 200_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double x = random.nextGaussian();
            sum += x;
            squares += x * x;
        }
        // Standard errors: 1/sqrt(n) = 0.0022 for the mean, sqrt(2/n) = 0.0032 for the variance; 5 sigma.
        assertEquals(0, sum / n, 0.011);
        assertEquals(1, squares / n, 0.016);
    }

    @Test
    void nextIntStaysInItsBound() {
        SeededRandom random = new SeededRandom(1);
        for (int i = 0; i < 10_000; i++) {
            int x = random.nextInt(7);
            assertTrue(x >= 0 && x < 7, "got " + x);
        }
    }
}
