package dev.tempest.backend.tornadovm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tempest.accelerator.AttentionShape;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.BackendAgreement;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.scalar.ScalarBackend;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the shared contract ({@link TornadoBackendMatchesScalarTest}) does not reach in this
 * backend, on the same devices and with its tolerances: buffers as offsets into one device heap
 * (arena slices, packed QKV with grouped heads, overlapping copies), freed ranges coming back,
 * inputs larger than the fixed host arrays (64 Ki ids a launch, 256 Ki floats a write), sum of
 * squares over 1024 device partials, and embedding forward that accumulates.
 */
class TornadoBackendTest {

    private static final String DEVICES = "dev.tempest.backend.tornadovm.TornadoBackendMatchesScalarTest#devices";

    private static final double ROUND_OFF = TornadoBackendMatchesScalarTest.ROUND_OFF;

    @ParameterizedTest(name = "{0}")
    @MethodSource(DEVICES)
    void matmulOnSlicesOfOneArenaAgrees(Supplier<Backend> create) {
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 11);
            int M = 5;
            int N = 7;
            int K = 9;
            BackendAgreement.Pair arena = on.random(3 + M * K + 1 + K * N + 2 + M * N);
            BackendAgreement.Pair a = slice(arena, 3, M * K);
            BackendAgreement.Pair b = slice(arena, 3 + M * K + 1, K * N);
            BackendAgreement.Pair c = slice(arena, 3 + M * K + 1 + K * N + 2, M * N);
            scalar.matmul(c.oracle(), a.oracle(), false, b.oracle(), true, M, N, K, true);
            tested.matmul(c.tested(), a.tested(), false, b.tested(), true, M, N, K, true);
            on.assertAgree("matmul on arena slices", arena, ROUND_OFF * Math.sqrt(K));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DEVICES)
    void attentionOnPackedQkvWithGroupedHeadsAgrees(Supplier<Backend> create) {
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 7);
            AttentionShape s = new AttentionShape(2, 9, 4, 1, 3);
            int rows = s.B() * s.T();
            int width = (s.H() + 2 * s.Hkv()) * s.D();  // (B, T, (H + 2 Hkv) D): q, k and v side by side
            int kvLength = rows * width - (s.H() + s.Hkv()) * s.D();
            BackendAgreement.Pair qkv = on.random(rows * width);
            BackendAgreement.Pair q = slice(qkv, 0, rows * width - 2 * s.Hkv() * s.D());
            BackendAgreement.Pair k = slice(qkv, s.H() * s.D(), kvLength);
            BackendAgreement.Pair v = slice(qkv, (s.H() + s.Hkv()) * s.D(), kvLength);
            BackendAgreement.Pair out = on.zeros(rows * s.H() * s.D());
            BackendAgreement.Pair lse = on.zeros(s.B() * s.H() * s.T());
            scalar.attentionForward(out.oracle(), lse.oracle(), q.oracle(), width, k.oracle(), v.oracle(), width, s);
            tested.attentionForward(out.tested(), lse.tested(), q.tested(), width, k.tested(), v.tested(), width, s);
            on.assertAgree("packed attention forward", out, ROUND_OFF);
            BackendAgreement.Pair dqkv = on.random(rows * width);
            BackendAgreement.Pair dq = slice(dqkv, 0, q.length());
            BackendAgreement.Pair dk = slice(dqkv, s.H() * s.D(), kvLength);
            BackendAgreement.Pair dv = slice(dqkv, (s.H() + s.Hkv()) * s.D(), kvLength);
            BackendAgreement.Pair dout = on.random(rows * s.H() * s.D());
            scalar.attentionBackward(dq.oracle(), dk.oracle(), dv.oracle(), dout.oracle(), q.oracle(), width, k.oracle(),
                    v.oracle(), width, out.oracle(), lse.oracle(), s);
            tested.attentionBackward(dq.tested(), dk.tested(), dv.tested(), dout.tested(), q.tested(), width, k.tested(),
                    v.tested(), width, out.tested(), lse.tested(), s);
            on.assertAgree("packed attention backward dqkv", dqkv, ROUND_OFF);
        }
    }

    /**
     * Ids and targets go to the device 64 Ki at a time: 65573 rows take two launches. The
     * accumulating embedding forward adds one float to another, as the oracle does: exact.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(DEVICES)
    void idsBeyondOneTransferAreSentInChunks(Supplier<Backend> create) {
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 8);
            int rows = (1 << 16) + 37;
            int C = 2;
            int V = 3;
            int[] ids = on.ids(rows, V);
            BackendAgreement.Pair table = on.random(V * C);
            BackendAgreement.Pair embedded = on.random(rows * C);
            scalar.embeddingForward(embedded.oracle(), ids, table.oracle(), C, true);
            tested.embeddingForward(embedded.tested(), ids, table.tested(), C, true);
            on.assertAgree("embedding forward (accumulating) of 65573 ids", embedded, 0);
            BackendAgreement.Pair dtable = on.zeros(V * C);
            scalar.embeddingBackward(dtable.oracle(), ids, embedded.oracle(), C);
            tested.embeddingBackward(dtable.tested(), ids, embedded.tested(), C);
            on.assertAgree("embedding backward of 65573 ids", dtable, ROUND_OFF * Math.sqrt(rows));
            int[] targets = on.ids(rows, C);
            BackendAgreement.Pair losses = on.zeros(rows);
            BackendAgreement.Pair lse = on.zeros(rows);
            scalar.crossEntropyForward(losses.oracle(), lse.oracle(), embedded.oracle(), targets, rows, C);
            tested.crossEntropyForward(losses.tested(), lse.tested(), embedded.tested(), targets, rows, C);
            on.assertAgree("cross-entropy losses of 65573 rows", losses, ROUND_OFF);
        }
    }

    /** A million floats sum in 1024 compensated partials on the device, then those on the host. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(DEVICES)
    void sumOfSquaresOfAMillionFloatsAgrees(Supplier<Backend> create) {
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 6);
            BackendAgreement.Pair x = on.random(1_000_003);
            on.assertAgree("sum of squares of 1000003 floats", scalar.sumOfSquares(x.oracle()),
                    tested.sumOfSquares(x.tested()), ROUND_OFF);
        }
    }

    /** Writes go through a 256 Ki-float staging array: two and a bit of them, at an offset. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(DEVICES)
    void writesLargerThanTheStagingArrayArriveWhole(Supplier<Backend> create) {
        try (Backend tested = create.get()) {
            float[] values = new float[(1 << 18) * 2 + 5];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            Buffer buffer = tested.allocate(values.length + 3);
            tested.write(buffer.slice(3, values.length), values, 0);
            float[] back = new float[values.length];
            tested.read(buffer.slice(3, values.length), back, 0);
            assertArrayEquals(values, back);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DEVICES)
    void overlappingCopiesWithinTheHeapReadTheSourceFirst(Supplier<Backend> create) {
        try (Backend tested = create.get()) {
            Buffer whole = tested.allocate(6);
            tested.write(whole, new float[] {0, 1, 2, 3, 4, 5}, 0);
            tested.copy(whole.slice(1, 5), whole.slice(0, 5));
            float[] all = new float[6];
            tested.read(whole, all, 0);
            assertArrayEquals(new float[] {0, 0, 1, 2, 3, 4}, all);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DEVICES)
    void unreachableBuffersGiveTheirDeviceMemoryBack(Supplier<Backend> create) {
        try (Backend tested = create.get()) {
            // The test heap holds 64M floats (-Dtempest.tornadovm.memory=256m): 40 buffers of 8M only fit if freed ones return.
            for (int i = 0; i < 40; i++) {
                Buffer buffer = tested.allocate(8 << 20);
                tested.fill(buffer.slice(0, 1), i);
            }
            Buffer fresh = tested.allocate(4);
            float[] zeros = new float[4];
            tested.read(fresh, zeros, 0);
            assertArrayEquals(new float[4], zeros, "a reused range comes back zeroed");
        }
    }

    private static BackendAgreement.Pair slice(BackendAgreement.Pair pair, int from, int length) {
        return new BackendAgreement.Pair(pair.oracle().slice(from, length), pair.tested().slice(from, length), length);
    }
}
