package dev.tempest.backend.tornadovm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tempest.accelerator.AdamWSettings;
import dev.tempest.accelerator.AttentionShape;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.scalar.ScalarBackend;
import dev.tempest.api.DeviceInfo;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every kernel of the tornadovm backend against the scalar oracle, forward and backward, on
 * sizes that are no multiple of a work-group. The backend opens once for the class: TornadoVM
 * compiles each kernel on its first launch, which is most of the run time. Tolerances: 1e-5 of
 * the largest value for elementwise kernels (the device's exp, tanh, pow and sqrt round
 * differently from Java's), and for sums in float where the oracle sums in double (GEMM: per
 * sqrt of K).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TornadoBackendMatchesScalarTest {

    private static final double EXACT = 1e-5;
    private static final double ROUND_OFF = 1e-5;

    private Backend scalar;
    private Backend tested;

    @BeforeAll
    void open() {
        TornadoBackendFactory factory = new TornadoBackendFactory();
        List<DeviceInfo> devices = factory.devices();
        assertFalse(devices.isEmpty(), () -> "no TornadoVM device to test on: " + factory.unavailableReason());
        String spec = System.getProperty("tempest.tornadovm.device", devices.getFirst().spec());
        scalar = new ScalarBackend();
        tested = factory.open(spec, 1);
    }

    @AfterAll
    void close() {
        if (tested != null) {
            tested.close();
        }
    }

    @Test
    void matmulInEveryTransposeAgrees() {
        Oracle on = new Oracle(scalar, tested, 1);
        Random sizes = new Random(5);
        for (int round = 0; round < 6; round++) {
            int M = 1 + sizes.nextInt(70);
            int N = 1 + sizes.nextInt(70);
            int K = 1 + sizes.nextInt(70);
            boolean accumulate = round % 2 == 0;
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    Oracle.Pair a = on.gaussian(M * K);
                    Oracle.Pair b = on.gaussian(K * N);
                    Oracle.Pair c = on.gaussian(M * N);
                    on.both(x -> x.backend().matmul(x.of(c), x.of(a), transA, x.of(b), transB, M, N, K, accumulate));
                    on.assertAgree("matmul " + M + "x" + N + "x" + K + " transA=" + transA + " transB=" + transB, c,
                            ROUND_OFF * Math.sqrt(K));
                }
            }
        }
    }

    @Test
    void matmulOnSlicesOfOneArenaAgrees() {
        Oracle on = new Oracle(scalar, tested, 11);
        int M = 5;
        int N = 7;
        int K = 9;
        Oracle.Pair arena = on.gaussian(3 + M * K + 1 + K * N + 2 + M * N);
        Oracle.Pair a = slice(arena, 3, M * K);
        Oracle.Pair b = slice(arena, 3 + M * K + 1, K * N);
        Oracle.Pair c = slice(arena, 3 + M * K + 1 + K * N + 2, M * N);
        on.both(x -> x.backend().matmul(x.of(c), x.of(a), false, x.of(b), true, M, N, K, true));
        on.assertAgree("matmul on arena slices", arena, ROUND_OFF * Math.sqrt(K));
    }

    @Test
    void layerKernelsAgreeForwardAndBackward() {
        Oracle on = new Oracle(scalar, tested, 2);
        int rows = 23;
        int C = 37;
        int V = 29;

        int[] ids = on.ids(rows, V);
        Oracle.Pair table = on.gaussian(V * C);
        Oracle.Pair embedded = on.gaussian(rows * C);
        on.both(x -> x.backend().embeddingForward(x.of(embedded), ids, x.of(table), C, false));
        on.assertAgree("embedding forward", embedded, EXACT);
        on.both(x -> x.backend().embeddingForward(x.of(embedded), ids, x.of(table), C, true));
        on.assertAgree("embedding forward, accumulating", embedded, EXACT);
        Oracle.Pair dtable = on.gaussian(V * C);
        Oracle.Pair dout = on.gaussian(rows * C);
        on.both(x -> x.backend().embeddingBackward(x.of(dtable), ids, x.of(dout), C));
        on.assertAgree("embedding backward", dtable, EXACT);

        Oracle.Pair in = on.gaussian(rows * C);
        Oracle.Pair w = on.gaussian(C);
        Oracle.Pair bias = on.gaussian(C);
        Oracle.Pair out = on.zeros(rows * C);
        Oracle.Pair mean = on.zeros(rows);
        Oracle.Pair rstd = on.zeros(rows);
        on.both(x -> x.backend().layerNormForward(x.of(out), x.of(mean), x.of(rstd), x.of(in), x.of(w), x.of(bias),
                rows, C, 1e-5f));
        on.assertAgree("layernorm forward", out, ROUND_OFF);
        on.assertAgree("layernorm mean", mean, ROUND_OFF);
        on.assertAgree("layernorm rstd", rstd, ROUND_OFF);
        Oracle.Pair dx = on.gaussian(rows * C);
        Oracle.Pair dw = on.gaussian(C);
        Oracle.Pair db = on.gaussian(C);
        on.both(x -> x.backend().layerNormBackward(x.of(dx), x.of(dw), x.of(db), x.of(dout), x.of(in), x.of(w),
                x.of(mean), x.of(rstd), rows, C));
        on.assertAgree("layernorm backward dx", dx, ROUND_OFF);
        on.assertAgree("layernorm backward dw", dw, ROUND_OFF);
        on.assertAgree("layernorm backward db", db, ROUND_OFF);

        on.both(x -> x.backend().rmsNormForward(x.of(out), x.of(rstd), x.of(in), x.of(w), rows, C, 1e-5f));
        on.assertAgree("rmsnorm forward", out, ROUND_OFF);
        on.assertAgree("rmsnorm rstd", rstd, ROUND_OFF);
        on.both(x -> x.backend().rmsNormBackward(x.of(dx), x.of(dw), x.of(dout), x.of(in), x.of(w), x.of(rstd), rows, C));
        on.assertAgree("rmsnorm backward dx", dx, ROUND_OFF);
        on.assertAgree("rmsnorm backward dw", dw, ROUND_OFF);

        on.both(x -> x.backend().addBias(x.of(out), x.of(bias), rows, C));
        on.assertAgree("add bias", out, EXACT);
        Oracle.Pair dbias = on.gaussian(C);
        on.both(x -> x.backend().biasBackward(x.of(dbias), x.of(dout), rows, C));
        on.assertAgree("bias backward", dbias, ROUND_OFF);
    }

    @Test
    void elementwiseKernelsAgree() {
        Oracle on = new Oracle(scalar, tested, 3);
        int n = 1001;
        Oracle.Pair x0 = on.gaussian(n);
        Oracle.Pair y = on.gaussian(n);
        Oracle.Pair out = on.zeros(n);
        Oracle.Pair dout = on.gaussian(n);
        Oracle.Pair dx = on.gaussian(n);
        Oracle.Pair dy = on.gaussian(n);
        on.both(x -> x.backend().geluForward(x.of(out), x.of(x0)));
        on.assertAgree("gelu forward", out, EXACT);
        on.both(x -> x.backend().geluBackward(x.of(dx), x.of(x0), x.of(dout)));
        on.assertAgree("gelu backward", dx, EXACT);
        on.both(x -> x.backend().siluForward(x.of(out), x.of(x0)));
        on.assertAgree("silu forward", out, EXACT);
        on.both(x -> x.backend().siluBackward(x.of(dx), x.of(x0), x.of(dout)));
        on.assertAgree("silu backward", dx, EXACT);
        on.both(x -> x.backend().swigluForward(x.of(out), x.of(x0), x.of(y)));
        on.assertAgree("swiglu forward", out, EXACT);
        on.both(x -> x.backend().swigluBackward(x.of(dx), x.of(dy), x.of(x0), x.of(y), x.of(dout)));
        on.assertAgree("swiglu backward dgate", dx, EXACT);
        on.assertAgree("swiglu backward dup", dy, EXACT);
        on.both(x -> x.backend().add(x.of(out), x.of(x0), x.of(y)));
        on.assertAgree("add", out, EXACT);
        on.both(x -> x.backend().accumulate(x.of(out), x.of(dout)));
        on.assertAgree("accumulate", out, EXACT);
        on.both(x -> x.backend().scale(x.of(out), 0.37f));
        on.assertAgree("scale", out, EXACT);
        double expected = scalar.sumOfSquares(out.oracle());
        assertEquals(expected, tested.sumOfSquares(out.tested()), ROUND_OFF * expected, "sum of squares");

        Oracle.Pair params = on.gaussian(n);
        Oracle.Pair m = on.gaussian(n);
        Oracle.Pair v = on.positive(n);
        AdamWSettings settings = new AdamWSettings(1e-3f, 0.9f, 0.95f, 1e-8f, 0.1f);
        on.both(x -> x.backend().adamw(x.of(params), x.of(dout), x.of(m), x.of(v), settings, 7));
        on.assertAgree("adamw params", params, EXACT);
        on.assertAgree("adamw m", m, EXACT);
        on.assertAgree("adamw v", v, EXACT);
    }

    @Test
    void sumOfSquaresOfAMillionFloatsAgrees() {
        Oracle on = new Oracle(scalar, tested, 6);
        Oracle.Pair x = on.gaussian(1_000_003);
        double expected = scalar.sumOfSquares(x.oracle());
        assertEquals(expected, tested.sumOfSquares(x.tested()), ROUND_OFF * expected);
    }

    @Test
    void ropeAttentionAndCrossEntropyAgree() {
        Oracle on = new Oracle(scalar, tested, 4);
        AttentionShape s = new AttentionShape(3, 7, 6, 2, 5);
        int rows = s.B() * s.T();
        int qWidth = s.H() * s.D();
        int kvWidth = s.Hkv() * s.D();

        int ropeD = 4; // rotary pairs need an even head dim
        Oracle.Pair in = on.gaussian(rows * s.H() * ropeD);
        Oracle.Pair rotated = on.zeros(rows * s.H() * ropeD);
        on.both(x -> x.backend().ropeForward(x.of(rotated), x.of(in), rows, s.T(), s.H(), ropeD, 10000f, 3));
        on.assertAgree("rope forward", rotated, EXACT);
        Oracle.Pair dx = on.gaussian(rows * s.H() * ropeD);
        on.both(x -> x.backend().ropeBackward(x.of(dx), x.of(rotated), rows, s.T(), s.H(), ropeD, 10000f, 3));
        on.assertAgree("rope backward", dx, EXACT);

        Oracle.Pair q = on.gaussian(rows * qWidth);
        Oracle.Pair k = on.gaussian(rows * kvWidth);
        Oracle.Pair v = on.gaussian(rows * kvWidth);
        Oracle.Pair out = on.zeros(rows * qWidth);
        Oracle.Pair lse = on.zeros(s.B() * s.H() * s.T());
        on.both(x -> x.backend().attentionForward(x.of(out), x.of(lse), x.of(q), qWidth, x.of(k), x.of(v), kvWidth, s));
        on.assertAgree("attention forward", out, ROUND_OFF);
        on.assertAgree("attention lse", lse, ROUND_OFF);
        Oracle.Pair dout = on.gaussian(rows * qWidth);
        Oracle.Pair dq = on.gaussian(rows * qWidth);
        Oracle.Pair dk = on.gaussian(rows * kvWidth);
        Oracle.Pair dv = on.gaussian(rows * kvWidth);
        on.both(x -> x.backend().attentionBackward(x.of(dq), x.of(dk), x.of(dv), x.of(dout), x.of(q), qWidth, x.of(k),
                x.of(v), kvWidth, x.of(out), x.of(lse), s));
        on.assertAgree("attention backward dq", dq, ROUND_OFF);
        on.assertAgree("attention backward dk", dk, ROUND_OFF);
        on.assertAgree("attention backward dv", dv, ROUND_OFF);

        int V = 53;
        int[] targets = on.ids(rows, V);
        targets[2] = -100;
        Oracle.Pair logits = on.gaussian(rows * V);
        Oracle.Pair losses = on.gaussian(rows);
        Oracle.Pair rowLse = on.zeros(rows);
        on.both(x -> x.backend().crossEntropyForward(x.of(losses), x.of(rowLse), x.of(logits), targets, rows, V));
        on.assertAgree("cross-entropy losses", losses, ROUND_OFF);
        on.assertAgree("cross-entropy lse", rowLse, ROUND_OFF);
        Oracle.Pair dlogits = on.gaussian(rows * V);
        on.both(x -> x.backend().crossEntropyBackward(x.of(dlogits), x.of(logits), x.of(rowLse), targets, 0.25f, rows, V));
        on.assertAgree("cross-entropy backward", dlogits, ROUND_OFF);
    }

    @Test
    void attentionOnPackedQkvWithGroupedHeadsAgrees() {
        Oracle on = new Oracle(scalar, tested, 7);
        AttentionShape s = new AttentionShape(2, 9, 4, 1, 3);
        int rows = s.B() * s.T();
        int width = (s.H() + 2 * s.Hkv()) * s.D();  // (B, T, (H + 2 Hkv) D): q, k and v side by side
        Oracle.Pair qkv = on.gaussian(rows * width);
        Oracle.Pair q = slice(qkv, 0, rows * width - 2 * s.Hkv() * s.D());
        Oracle.Pair k = slice(qkv, s.H() * s.D(), rows * width - (s.H() + s.Hkv()) * s.D());
        Oracle.Pair v = slice(qkv, (s.H() + s.Hkv()) * s.D(), rows * width - (s.H() + s.Hkv()) * s.D());
        Oracle.Pair out = on.zeros(rows * s.H() * s.D());
        Oracle.Pair lse = on.zeros(s.B() * s.H() * s.T());
        on.both(x -> x.backend().attentionForward(x.of(out), x.of(lse), x.of(q), width, x.of(k), x.of(v), width, s));
        on.assertAgree("packed attention forward", out, ROUND_OFF);
        Oracle.Pair dqkv = on.gaussian(rows * width);
        Oracle.Pair dq = slice(dqkv, 0, q.length());
        Oracle.Pair dk = slice(dqkv, s.H() * s.D(), k.length());
        Oracle.Pair dv = slice(dqkv, (s.H() + s.Hkv()) * s.D(), v.length());
        Oracle.Pair dout = on.gaussian(rows * s.H() * s.D());
        on.both(x -> x.backend().attentionBackward(x.of(dq), x.of(dk), x.of(dv), x.of(dout), x.of(q), width, x.of(k),
                x.of(v), width, x.of(out), x.of(lse), s));
        on.assertAgree("packed attention backward dqkv", dqkv, ROUND_OFF);
    }

    @Test
    void idsBeyondOneTransferAreSentInChunks() {
        Oracle on = new Oracle(scalar, tested, 8);
        int rows = (1 << 16) + 37;
        int C = 2;
        int V = 3;
        int[] ids = on.ids(rows, V);
        Oracle.Pair table = on.gaussian(V * C);
        Oracle.Pair embedded = on.zeros(rows * C);
        on.both(x -> x.backend().embeddingForward(x.of(embedded), ids, x.of(table), C, false));
        on.assertAgree("embedding forward of 65573 ids", embedded, EXACT);
        Oracle.Pair dtable = on.zeros(V * C);
        on.both(x -> x.backend().embeddingBackward(x.of(dtable), ids, x.of(embedded), C));
        on.assertAgree("embedding backward of 65573 ids", dtable, ROUND_OFF * Math.sqrt(rows));
        Oracle.Pair losses = on.zeros(rows);
        Oracle.Pair lse = on.zeros(rows);
        on.both(x -> x.backend().crossEntropyForward(x.of(losses), x.of(lse), x.of(embedded), ids, rows, C));
        on.assertAgree("cross-entropy losses of 65573 rows", losses, ROUND_OFF);
    }

    @Test
    void slicesAreViewsThatCopyFillAndTransferTheirOwnRange() {
        Buffer whole = tested.allocate(10);
        tested.write(whole.slice(2, 5).slice(1, 3), new float[] {9, 1, 2, 3}, 1);  // floats 3..5
        tested.fill(whole.slice(7, 2), 4f);
        tested.copy(whole.slice(0, 2), whole.slice(4, 2));
        float[] all = new float[10];
        tested.read(whole, all, 0);
        assertArrayEquals(new float[] {2, 3, 0, 1, 2, 3, 0, 4, 4, 0}, all);
        float[] part = {7, 7, 7};
        tested.read(whole.slice(3, 2), part, 1);
        assertArrayEquals(new float[] {7, 1, 2}, part);
        tested.copy(whole.slice(1, 5), whole.slice(0, 5));  // overlapping: as if through a copy
        tested.read(whole, all, 0);
        assertArrayEquals(new float[] {2, 2, 3, 0, 1, 2, 0, 4, 4, 0}, all);
    }

    @Test
    void writesLargerThanTheStagingArrayArriveWhole() {
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

    @Test
    void unreachableBuffersGiveTheirDeviceMemoryBack() {
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

    @Test
    void cachedAttentionDecodingMatchesTheFullCausalAttention() {
        AttentionShape full = new AttentionShape(2, 7, 4, 2, 3);
        int B = full.B();
        int T = full.T();
        int qWidth = full.H() * full.D();
        int kvWidth = full.Hkv() * full.D();
        int Tmax = 9;
        Oracle on = new Oracle(scalar, tested, 5);
        Oracle.Pair q = on.gaussian(B * T * qWidth);    // (B, T, H*D)
        Oracle.Pair k = on.gaussian(B * T * kvWidth);   // (B, T, Hkv*D)
        Oracle.Pair v = on.gaussian(B * T * kvWidth);
        float[] qHost = new float[q.length()];
        float[] kHost = new float[k.length()];
        float[] vHost = new float[v.length()];
        scalar.read(q.oracle(), qHost, 0);
        scalar.read(k.oracle(), kHost, 0);
        scalar.read(v.oracle(), vHost, 0);
        Buffer expected = scalar.allocate(B * T * qWidth);
        scalar.attentionForward(expected, scalar.allocate(B * full.H() * T), q.oracle(), qWidth, k.oracle(), v.oracle(),
                kvWidth, full);

        Buffer kCache = tested.allocate(B * Tmax * kvWidth); // (B, Tmax, Hkv*D)
        Buffer vCache = tested.allocate(B * Tmax * kvWidth);
        float[] decoded = new float[B * T * qWidth];
        AttentionShape oneStep = new AttentionShape(B, 1, full.H(), full.Hkv(), full.D());
        for (int t = 0; t < T; t++) {
            float[] qt = new float[B * qWidth];
            for (int b = 0; b < B; b++) {
                System.arraycopy(qHost, (b * T + t) * qWidth, qt, b * qWidth, qWidth);
                int row = (b * Tmax + t) * kvWidth;
                tested.write(kCache.slice(row, kvWidth), kHost, (b * T + t) * kvWidth);
                tested.write(vCache.slice(row, kvWidth), vHost, (b * T + t) * kvWidth);
            }
            Buffer qStep = tested.allocate(B * qWidth);
            tested.write(qStep, qt, 0);
            Buffer step = tested.allocate(B * qWidth);
            tested.attentionForwardCached(step, qStep, qWidth, kCache, vCache, oneStep, t, Tmax);
            float[] stepOut = new float[B * qWidth];
            tested.read(step, stepOut, 0);
            for (int b = 0; b < B; b++) {
                System.arraycopy(stepOut, b * qWidth, decoded, (b * T + t) * qWidth, qWidth);
            }
        }
        float[] want = new float[B * T * qWidth];
        scalar.read(expected, want, 0);
        assertArrayEquals(want, decoded, (float) ROUND_OFF);
    }

    private static Oracle.Pair slice(Oracle.Pair pair, int from, int length) {
        return new Oracle.Pair(pair.oracle().slice(from, length), pair.tested().slice(from, length), length);
    }
}
