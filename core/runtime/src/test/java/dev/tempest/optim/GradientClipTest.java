package dev.tempest.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.scalar.ScalarBackend;
import org.junit.jupiter.api.Test;

class GradientClipTest {

    @Test
    void scalesTheWholeVectorToTheMaximumNormAndReportsTheNormBefore() {
        try (Backend backend = new ScalarBackend()) {
            Buffer grads = backend.allocate(2);
            backend.write(grads, new float[] {3, 4}, 0);

            assertEquals(5.0, GradientClip.clip(backend, grads, 1.0), 1e-12);

            float[] clipped = new float[2];
            backend.read(grads, clipped, 0);
            assertArrayEquals(new float[] {0.6f, 0.8f}, clipped, 1e-6f);
        }
    }

    @Test
    void leavesASmallGradientAlone() {
        try (Backend backend = new ScalarBackend()) {
            Buffer grads = backend.allocate(2);
            backend.write(grads, new float[] {0.3f, 0.4f}, 0);

            assertEquals(0.5, GradientClip.clip(backend, grads, 1.0), 1e-7);

            float[] after = new float[2];
            backend.read(grads, after, 0);
            assertArrayEquals(new float[] {0.3f, 0.4f}, after);
        }
    }
}
