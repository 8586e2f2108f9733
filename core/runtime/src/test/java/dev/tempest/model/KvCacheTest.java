package dev.tempest.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.scalar.ScalarBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KvCacheTest {

    private static final int B = 4;
    private static final int TMAX = 5;
    private static final int WIDTH = 2;

    private final Backend backend = new ScalarBackend();

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void appendWritesEachSequencesRowsAtTheNextPositions() {
        KvCache cache = new KvCache(backend, 1, B, TMAX, WIDTH);
        appendPositions(cache, 2);
        appendPositions(cache, 1);

        float[] keys = read(cache.keys(0));
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < TMAX; t++) {
                float expected = t < 3 ? key(b, t) : 0;
                assertEquals(expected, keys[(b * TMAX + t) * WIDTH + 1], "sequence " + b + ", position " + t);
            }
        }
        assertEquals(-key(2, 1), read(cache.values(0))[(2 * TMAX + 1) * WIDTH + 1]);
    }

    @Test
    void keepingSequencesMovesThemIntoDroppedPlacesWithTheirPadding() {
        KvCache cache = new KvCache(backend, 1, B, TMAX, WIDTH);
        cache.padLeft(new int[] {0, 1, 2, 0});
        appendPositions(cache, 3);

        cache.keep(new int[] {3, 2}); // sequence 3 into the place of dropped 0; 2 into dropped 1

        assertEquals(2, cache.sequences());
        assertArrayEquals(new int[] {0, 2}, cache.firstKeys());
        float[] keys = read(cache.keys(0));
        for (int t = 0; t < 3; t++) {
            assertEquals(key(3, t), keys[t * WIDTH + 1], "first kept, position " + t);
            assertEquals(key(2, t), keys[(TMAX + t) * WIDTH + 1], "second kept, position " + t);
        }
        assertThrows(IllegalArgumentException.class, () -> cache.keep(new int[] {1, 0}), "0 is kept: 1 cannot take its place");
        assertThrows(IllegalArgumentException.class, () -> cache.keep(new int[] {1, 1}));
    }

    /** T new positions for every sequence: key (b, t) in the second float of each row, its negative in values. */
    private void appendPositions(KvCache cache, int T) {
        int rows = cache.sequences() * T;
        float[] k = new float[rows * 3]; // rows 3 apart, as keys within a wider tensor
        float[] v = new float[rows * 3];
        for (int r = 0; r < rows; r++) {
            int t = cache.length() + r % T;
            k[r * 3 + 1] = key(r / T, t);
            v[r * 3 + 1] = -key(r / T, t);
        }
        Buffer kBuffer = backend.allocate(k.length);
        Buffer vBuffer = backend.allocate(v.length);
        backend.write(kBuffer, k, 0);
        backend.write(vBuffer, v, 0);
        cache.append(0, kBuffer, vBuffer, 3, T);
        cache.advance(T);
    }

    private static float key(int b, int t) {
        return 10 * (b + 1) + t;
    }

    private float[] read(Buffer buffer) {
        float[] values = new float[buffer.length()];
        backend.read(buffer, values, 0);
        return values;
    }
}
