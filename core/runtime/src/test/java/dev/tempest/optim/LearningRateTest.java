package dev.tempest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateTest {

    @Test
    void warmupRisesLinearlyThenCosineFallsToTheFloor() {
        LearningRate lr = LearningRate.warmupCosine(1e-3f, 1e-4f, 10, 110);

        assertEquals(1e-4f, lr.at(0), 1e-9);          // 1/10 of the peak after the first step
        assertEquals(1e-3f, lr.at(9), 1e-9);          // peak at the end of warm-up
        assertEquals(1e-3f, lr.at(10), 1e-9);         // cosine starts at the peak
        assertEquals(5.5e-4f, lr.at(60), 1e-9);       // half way: the mean of peak and floor
        assertEquals(1e-4f, lr.at(110), 1e-9);
        assertEquals(1e-4f, lr.at(500), 1e-9);
        for (int step = 11; step < 110; step++) {
            assertEquals(true, lr.at(step) < lr.at(step - 1), "falls at step " + step);
        }
    }

    @Test
    void constantIsConstantAndBadStepsAreRefused() {
        assertEquals(3e-4f, LearningRate.constant(3e-4f).at(12345));
        assertThrows(IllegalArgumentException.class, () -> LearningRate.warmupCosine(1, 0, 10, 10));
    }
}
