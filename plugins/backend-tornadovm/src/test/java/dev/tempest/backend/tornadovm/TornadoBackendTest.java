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
 * inputs larger than the fixed host arrays (64 Ki ids, targets, positions or first keys a
 * launch, 256 Ki floats a write), sum of
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
            scalar.attentionForward(out.oracle(), lse.oracle(), q.oracle(), width, k.oracle(), v.oracle(), width, s, null);
            tested.attentionForward(out.tested(), lse.tested(), q.tested(), width, k.tested(), v.tested(), width, s, null);
            on.assertAgree("packed attention forward", out, ROUND_OFF);
            BackendAgreement.Pair dqkv = on.random(rows * width);
            BackendAgreement.Pair dq = slice(dqkv, 0, q.length());
            BackendAgreement.Pair dk = slice(dqkv, s.H() * s.D(), kvLength);
            BackendAgreement.Pair dv = slice(dqkv, (s.H() + s.Hkv()) * s.D(), kvLength);
            BackendAgreement.Pair dout = on.random(rows * s.H() * s.D());
            scalar.attentionBackward(dq.oracle(), dk.oracle(), dv.oracle(), dout.oracle(), q.oracle(), width, k.oracle(),
                    v.oracle(), width, out.oracle(), lse.oracle(), s, null);
            tested.attentionBackward(dq.tested(), dk.tested(), dv.tested(), dout.tested(), q.tested(), width, k.tested(),
                    v.tested(), width, out.tested(), lse.tested(), s, null);
            on.assertAgree("packed attention backward dqkv", dqkv, ROUND_OFF);
        }
    }

    /**
     * Ids, targets and positions go to the device 64 Ki at a time: 65573 rows take two launches.
     * The accumulating embedding forward adds one float to another, as the oracle does: exact.
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
            BackendAgreement.Pair logp = on.zeros(rows);
            BackendAgreement.Pair lse = on.zeros(rows);
            scalar.tokenLogProbsForward(logp.oracle(), lse.oracle(), embedded.oracle(), targets, rows, C);
            tested.tokenLogProbsForward(logp.tested(), lse.tested(), embedded.tested(), targets, rows, C);
            on.assertAgree("token log-probs of 65573 rows", logp, ROUND_OFF);
            BackendAgreement.Pair dlogits = on.random(rows * C);
            scalar.tokenLogProbsBackward(dlogits.oracle(), logp.oracle(), embedded.oracle(), lse.oracle(), targets, rows, C);
            tested.tokenLogProbsBackward(dlogits.tested(), logp.tested(), embedded.tested(), lse.tested(), targets, rows, C);
            on.assertAgree("token log-probs backward of 65573 rows", dlogits, ROUND_OFF);
            int[] positions = on.ids(rows, 4096);
            BackendAgreement.Pair rotated = on.zeros(rows * C);
            scalar.ropeForward(rotated.oracle(), embedded.oracle(), positions, 1, C, 10000f);
            tested.ropeForward(rotated.tested(), embedded.tested(), positions, 1, C, 10000f);
            on.assertAgree("rope of 65573 rows", rotated, ROUND_OFF);
        }
    }

    /**
     * First keys go 64 Ki at a time too, in whole sequences: 8200 sequences of 8 take two launches.
     * Float sums against the oracle's double over 65600 query rows: the worst of so many rows lies
     * a few times further out than the contract's (5.4e-7 of the largest dk on PoCL), so 1e-6.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(DEVICES)
    void firstKeysBeyondOneTransferGoInWholeSequences(Supplier<Backend> create) {
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 12);
            AttentionShape s = new AttentionShape(8200, 8, 1, 1, 2);
            int rows = s.B() * s.T();
            int[] firstKeys = new int[rows];
            for (int r = 0; r < rows; r++) {
                firstKeys[r] = r % s.T() < 3 ? 0 : 3 + r / s.T() % 3;  // examples [0, 3) and [3 + b % 3, 8)
            }
            BackendAgreement.Pair q = on.random(rows * s.D());
            BackendAgreement.Pair k = on.random(rows * s.D());
            BackendAgreement.Pair v = on.random(rows * s.D());
            BackendAgreement.Pair out = on.zeros(rows * s.D());
            BackendAgreement.Pair lse = on.zeros(rows);
            scalar.attentionForward(out.oracle(), lse.oracle(), q.oracle(), s.D(), k.oracle(), v.oracle(), s.D(), s,
                    firstKeys);
            tested.attentionForward(out.tested(), lse.tested(), q.tested(), s.D(), k.tested(), v.tested(), s.D(), s,
                    firstKeys);
            double manyRows = 1e-6;
            on.assertAgree("attention of 8200 packed sequences", out, manyRows);
            BackendAgreement.Pair dq = on.zeros(rows * s.D());
            BackendAgreement.Pair dk = on.zeros(rows * s.D());
            BackendAgreement.Pair dv = on.zeros(rows * s.D());
            BackendAgreement.Pair dout = on.random(rows * s.D());
            for (Backend b : new Backend[] {scalar, tested}) {
                b.attentionBackward(pick(b, scalar, dq), pick(b, scalar, dk), pick(b, scalar, dv), pick(b, scalar, dout),
                        pick(b, scalar, q), s.D(), pick(b, scalar, k), pick(b, scalar, v), s.D(), pick(b, scalar, out),
                        pick(b, scalar, lse), s, firstKeys);
            }
            on.assertAgree("attention backward dq of 8200 packed sequences", dq, manyRows);
            on.assertAgree("attention backward dk of 8200 packed sequences", dk, manyRows);
            on.assertAgree("attention backward dv of 8200 packed sequences", dv, manyRows);
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

    private static Buffer pick(Backend which, Backend scalar, BackendAgreement.Pair pair) {
        return which == scalar ? pair.oracle() : pair.tested();
    }
}
