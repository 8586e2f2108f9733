package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class KlControllerTest {

    /** TRL's defaults: init_kl_coef 0.2, target 6, horizon 10000; batches of 512 completions. */
    private final AdaptiveKlController controller = new AdaptiveKlController(0.2, 6, 10000);

    @Test
    void adaptiveCoefficientFollowsTheErrorAsComputedByHand() {
        // kl 6.6: error 6.6/6 - 1 = 0.1; beta * (1 + 0.1 * 512 / 10000) = 0.2 * 1.00512.
        assertEquals(0.201024, controller.updated(6.6, 512).coefficient(), 1e-15);
        // kl 5.4: error -0.1.
        assertEquals(0.2 * 0.99488, controller.updated(5.4, 512).coefficient(), 1e-15);
        assertEquals(0.2, controller.coefficient(), 0, "controllers are values: the old one is unchanged");
    }

    @Test
    void adaptiveErrorIsClippedAtTwentyPercent() {
        // kl 30: error 4, clipped to 0.2: 0.2 * (1 + 0.2 * 512 / 10000); kl 0: error -1, clipped to -0.2.
        assertEquals(0.2 * 1.01024, controller.updated(30, 512).coefficient(), 1e-15);
        assertEquals(0.2 * 0.98976, controller.updated(0, 512).coefficient(), 1e-15);
    }

    @Test
    void adaptiveUpdatesCompound() {
        KlController twice = controller.updated(6.6, 512).updated(6.6, 512);

        assertEquals(0.2 * 1.00512 * 1.00512, twice.coefficient(), 1e-15);
    }

    @Test
    void fixedCoefficientNeverChanges() {
        FixedKlController fixed = new FixedKlController(0.05);

        assertSame(fixed, fixed.updated(100, 512));
        assertEquals(0.05, fixed.updated(0, 1).coefficient(), 0);
    }
}
