package dev.tempest.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PassAtKTest {

    @Test
    void matchesTheBinomialFormulaOnHandComputedCases() {
        assertEquals(0.3, PassAtK.estimate(10, 3, 1), 1e-12);             // c/n
        assertEquals(1 - 21.0 / 45.0, PassAtK.estimate(10, 3, 2), 1e-12);   // 1 - C(7,2)/C(10,2)
        assertEquals(1 - 21.0 / 252.0, PassAtK.estimate(10, 3, 5), 1e-12);  // 1 - C(7,5)/C(10,5)
        assertEquals(0.0, PassAtK.estimate(8, 0, 4), 0);
        assertEquals(1.0, PassAtK.estimate(8, 5, 4), 0, "fewer than k wrong: every draw of k holds a right one");
        assertEquals(1 - 1.0 / 200, PassAtK.estimate(200, 1, 199), 1e-12); // C(199,199)/C(200,199)
    }

    @Test
    void refusesKAboveTheSamples() {
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(4, 1, 5));
    }
}
