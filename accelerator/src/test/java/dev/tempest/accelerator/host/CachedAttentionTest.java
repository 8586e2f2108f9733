package dev.tempest.accelerator.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tempest.accelerator.AttentionShape;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.accelerator.scalar.ScalarBackend;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Attention over a KV cache, one position at a time, gives the rows of attention over the whole sequence. */
class CachedAttentionTest {

    static Stream<Supplier<Backend>> backends() {
        return Stream.of(ScalarBackend::new, () -> new CpuBackend(2));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void decodingPositionByPositionMatchesTheFullCausalAttention(Supplier<Backend> create) {
        int B = 2;
        int T = 7;
        int H = 4;
        int Hkv = 2;
        int D = 3;
        int Tmax = 9;
        Random random = new Random(3);
        float[] q = gaussian(random, B * T * H * D);      // (B, T, H*D)
        float[] k = gaussian(random, B * T * Hkv * D);    // (B, T, Hkv*D)
        float[] v = gaussian(random, B * T * Hkv * D);
        try (Backend backend = create.get()) {
            Buffer out = backend.allocate(B * T * H * D);
            backend.attentionForward(out, backend.allocate(B * H * T), upload(backend, q), H * D, upload(backend, k),
                    upload(backend, v), Hkv * D, new AttentionShape(B, T, H, Hkv, D));
            float[] full = new float[B * T * H * D];
            backend.read(out, full, 0);

            Buffer kCache = backend.allocate(B * Tmax * Hkv * D); // (B, Tmax, Hkv*D)
            Buffer vCache = backend.allocate(B * Tmax * Hkv * D);
            float[] decoded = new float[B * T * H * D];
            for (int t = 0; t < T; t++) {
                float[] qt = new float[B * H * D];
                for (int b = 0; b < B; b++) {
                    System.arraycopy(q, (b * T + t) * H * D, qt, b * H * D, H * D);
                    int row = (b * Tmax + t) * Hkv * D;
                    backend.write(kCache.slice(row, Hkv * D), k, (b * T + t) * Hkv * D);
                    backend.write(vCache.slice(row, Hkv * D), v, (b * T + t) * Hkv * D);
                }
                Buffer step = backend.allocate(B * H * D);
                backend.attentionForwardCached(step, upload(backend, qt), H * D, kCache, vCache,
                        new AttentionShape(B, 1, H, Hkv, D), t, Tmax);
                float[] stepOut = new float[B * H * D];
                backend.read(step, stepOut, 0);
                for (int b = 0; b < B; b++) {
                    System.arraycopy(stepOut, b * H * D, decoded, (b * T + t) * H * D, H * D);
                }
            }

            assertArrayEquals(full, decoded, 1e-6f); // the same sums in the same order: equal to round-off
        }
    }

    private static Buffer upload(Backend backend, float[] values) {
        Buffer buffer = backend.allocate(values.length);
        backend.write(buffer, values, 0);
        return buffer;
    }

    private static float[] gaussian(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
