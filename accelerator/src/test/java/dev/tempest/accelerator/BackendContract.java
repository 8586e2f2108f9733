package dev.tempest.accelerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.scalar.ScalarBackend;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel of a backend against the scalar oracle, forward and backward, on sizes that are
 * not multiples of any vector width or work-group size. A backend's test extends this and says
 * which backends to open and how close "the same" is for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContract {

    /** The backends under test, each named for the report (a thread count, a device). */
    protected abstract Stream<Named<Supplier<Backend>>> backends();

    /**
     * Relative tolerance for kernels that compute each output the oracle's way: 0 where the code is
     * shared, float32 round-off where another compiler evaluates exp and tanh.
     */
    protected abstract double exact();

    /** Relative tolerance for kernels that sum in another order (GEMM, reductions), per sqrt of the sum length where it grows. */
    protected double roundOff() {
        return 1e-5;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void matmulInEveryTransposeAgrees(Supplier<Backend> create) {
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 1);
            Random sizes = new Random(5);
            for (int round = 0; round < 6; round++) {
                int M = 1 + sizes.nextInt(70);
                int N = 1 + sizes.nextInt(70);
                int K = 1 + sizes.nextInt(70);
                for (boolean transA : new boolean[] {false, true}) {
                    for (boolean transB : new boolean[] {false, true}) {
                        BackendAgreement.Pair a = on.random(M * K);
                        BackendAgreement.Pair b = on.random(K * N);
                        BackendAgreement.Pair c = on.random(M * N);
                        scalar.matmul(c.oracle(), a.oracle(), transA, b.oracle(), transB, M, N, K, round % 2 == 0);
                        tested.matmul(c.tested(), a.tested(), transA, b.tested(), transB, M, N, K, round % 2 == 0);
                        on.assertAgree("matmul " + M + "x" + N + "x" + K + " transA=" + transA + " transB=" + transB,
                                c, roundOff() * Math.sqrt(K));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void layerKernelsAgreeForwardAndBackward(Supplier<Backend> create) {
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 2);
            int rows = 23;
            int C = 37;
            int V = 29;

            int[] ids = on.ids(rows, V);
            BackendAgreement.Pair table = on.random(V * C);
            BackendAgreement.Pair embedded = on.zeros(rows * C);
            both(scalar, tested, b -> b.embeddingForward(pick(b, scalar, embedded), ids, pick(b, scalar, table), C, false));
            on.assertAgree("embedding forward", embedded, exact());
            BackendAgreement.Pair dtable = on.random(V * C);
            BackendAgreement.Pair dout = on.random(rows * C);
            both(scalar, tested, b -> b.embeddingBackward(pick(b, scalar, dtable), ids, pick(b, scalar, dout), C));
            on.assertAgree("embedding backward", dtable, exact());

            BackendAgreement.Pair x = on.random(rows * C);
            BackendAgreement.Pair w = on.random(C);
            BackendAgreement.Pair bias = on.random(C);
            BackendAgreement.Pair out = on.zeros(rows * C);
            BackendAgreement.Pair mean = on.zeros(rows);
            BackendAgreement.Pair rstd = on.zeros(rows);
            both(scalar, tested, b -> b.layerNormForward(pick(b, scalar, out), pick(b, scalar, mean), pick(b, scalar, rstd),
                    pick(b, scalar, x), pick(b, scalar, w), pick(b, scalar, bias), rows, C, 1e-5f));
            on.assertAgree("layernorm forward", out, roundOff());
            BackendAgreement.Pair dx = on.random(rows * C);
            BackendAgreement.Pair dw = on.random(C);
            BackendAgreement.Pair db = on.random(C);
            both(scalar, tested, b -> b.layerNormBackward(pick(b, scalar, dx), pick(b, scalar, dw), pick(b, scalar, db),
                    pick(b, scalar, dout), pick(b, scalar, x), pick(b, scalar, w), pick(b, scalar, mean),
                    pick(b, scalar, rstd), rows, C));
            on.assertAgree("layernorm backward dx", dx, roundOff());
            on.assertAgree("layernorm backward dw", dw, roundOff());
            on.assertAgree("layernorm backward db", db, roundOff());

            both(scalar, tested, b -> b.rmsNormForward(pick(b, scalar, out), pick(b, scalar, rstd), pick(b, scalar, x),
                    pick(b, scalar, w), rows, C, 1e-5f));
            on.assertAgree("rmsnorm forward", out, roundOff());
            both(scalar, tested, b -> b.rmsNormBackward(pick(b, scalar, dx), pick(b, scalar, dw), pick(b, scalar, dout),
                    pick(b, scalar, x), pick(b, scalar, w), pick(b, scalar, rstd), rows, C));
            on.assertAgree("rmsnorm backward dx", dx, roundOff());
            on.assertAgree("rmsnorm backward dw", dw, roundOff());

            both(scalar, tested, b -> b.addBias(pick(b, scalar, out), pick(b, scalar, bias), rows, C));
            on.assertAgree("add bias", out, exact());
            BackendAgreement.Pair dbias = on.random(C);
            both(scalar, tested, b -> b.biasBackward(pick(b, scalar, dbias), pick(b, scalar, dout), rows, C));
            on.assertAgree("bias backward", dbias, roundOff());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void elementwiseKernelsAgree(Supplier<Backend> create) {
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 3);
            int n = 1001;
            BackendAgreement.Pair x = on.random(n);
            BackendAgreement.Pair y = on.random(n);
            BackendAgreement.Pair out = on.zeros(n);
            BackendAgreement.Pair dout = on.random(n);
            BackendAgreement.Pair dx = on.random(n);
            BackendAgreement.Pair dy = on.random(n);
            both(scalar, tested, b -> b.geluForward(pick(b, scalar, out), pick(b, scalar, x)));
            on.assertAgree("gelu forward", out, exact());
            both(scalar, tested, b -> b.geluBackward(pick(b, scalar, dx), pick(b, scalar, x), pick(b, scalar, dout)));
            on.assertAgree("gelu backward", dx, exact());
            both(scalar, tested, b -> b.siluForward(pick(b, scalar, out), pick(b, scalar, x)));
            on.assertAgree("silu forward", out, exact());
            both(scalar, tested, b -> b.siluBackward(pick(b, scalar, dx), pick(b, scalar, x), pick(b, scalar, dout)));
            on.assertAgree("silu backward", dx, exact());
            both(scalar, tested, b -> b.swigluForward(pick(b, scalar, out), pick(b, scalar, x), pick(b, scalar, y)));
            on.assertAgree("swiglu forward", out, exact());
            both(scalar, tested, b -> b.swigluBackward(pick(b, scalar, dx), pick(b, scalar, dy), pick(b, scalar, x),
                    pick(b, scalar, y), pick(b, scalar, dout)));
            on.assertAgree("swiglu backward dgate", dx, exact());
            on.assertAgree("swiglu backward dup", dy, exact());
            both(scalar, tested, b -> b.add(pick(b, scalar, out), pick(b, scalar, x), pick(b, scalar, y)));
            on.assertAgree("add", out, exact());
            both(scalar, tested, b -> b.accumulate(pick(b, scalar, out), pick(b, scalar, dout)));
            on.assertAgree("accumulate", out, exact());
            both(scalar, tested, b -> b.scale(pick(b, scalar, out), 0.37f));
            on.assertAgree("scale", out, exact());
            on.assertAgree("sum of squares", scalar.sumOfSquares(out.oracle()), tested.sumOfSquares(out.tested()), roundOff());

            BackendAgreement.Pair params = on.random(n);
            BackendAgreement.Pair m = on.random(n);
            BackendAgreement.Pair v = on.positive(n);
            AdamWSettings settings = new AdamWSettings(1e-3f, 0.9f, 0.95f, 1e-8f, 0.1f);
            both(scalar, tested, b -> b.adamw(pick(b, scalar, params), pick(b, scalar, dout), pick(b, scalar, m),
                    pick(b, scalar, v), settings, 7));
            on.assertAgree("adamw params", params, exact());
            on.assertAgree("adamw m", m, exact());
            on.assertAgree("adamw v", v, exact());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void ropeAndAttentionAgreeOnWholeAndPackedRows(Supplier<Backend> create) {
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 4);
            AttentionShape s = new AttentionShape(3, 7, 6, 2, 5);
            int rows = s.B() * s.T();
            int qWidth = s.H() * s.D();
            int kvWidth = s.Hkv() * s.D();

            int ropeD = 4; // rotary pairs need an even head dim
            // Three sequences: from 3 on (a cache continuing), two examples packed (restarting at 0), far positions.
            int[] positions = {3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 0, 1, 2, 3, 500, 501, 502, 503, 504, 505, 506};
            BackendAgreement.Pair x = on.random(rows * s.H() * ropeD);
            BackendAgreement.Pair rotated = on.zeros(rows * s.H() * ropeD);
            both(scalar, tested, b -> b.ropeForward(pick(b, scalar, rotated), pick(b, scalar, x), positions, s.H(), ropeD,
                    10000f));
            on.assertAgree("rope forward", rotated, exact());
            BackendAgreement.Pair dx = on.random(rows * s.H() * ropeD);
            both(scalar, tested, b -> b.ropeBackward(pick(b, scalar, dx), pick(b, scalar, rotated), positions, s.H(), ropeD,
                    10000f));
            on.assertAgree("rope backward", dx, exact());

            // Whole rows; then row 1 packing examples [0, 3) and [3, 7), and row 2 left-padded by 2
            // (its padding rows' first keys lie past themselves: they see themselves alone).
            int[] packed = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2};
            for (int[] firstKeys : new int[][] {null, packed}) {
                String layout = firstKeys == null ? "whole rows" : "packed and padded rows";
                BackendAgreement.Pair q = on.random(rows * qWidth);
                BackendAgreement.Pair dq = on.random(rows * qWidth);
                BackendAgreement.Pair k = on.random(rows * kvWidth);
                BackendAgreement.Pair v = on.random(rows * kvWidth);
                BackendAgreement.Pair out = on.zeros(rows * qWidth);
                BackendAgreement.Pair lse = on.zeros(s.B() * s.H() * s.T());
                both(scalar, tested, b -> b.attentionForward(pick(b, scalar, out), pick(b, scalar, lse), pick(b, scalar, q),
                        qWidth, pick(b, scalar, k), pick(b, scalar, v), kvWidth, s, firstKeys));
                on.assertAgree("attention forward, " + layout, out, roundOff());
                on.assertAgree("attention lse, " + layout, lse, roundOff());
                BackendAgreement.Pair dout = on.random(rows * qWidth);
                BackendAgreement.Pair dk = on.random(rows * kvWidth);
                BackendAgreement.Pair dv = on.random(rows * kvWidth);
                both(scalar, tested, b -> b.attentionBackward(pick(b, scalar, dq), pick(b, scalar, dk), pick(b, scalar, dv),
                        pick(b, scalar, dout), pick(b, scalar, q), qWidth, pick(b, scalar, k), pick(b, scalar, v), kvWidth,
                        pick(b, scalar, out), pick(b, scalar, lse), s, firstKeys));
                on.assertAgree("attention backward dq, " + layout, dq, roundOff());
                on.assertAgree("attention backward dk, " + layout, dk, roundOff());
                on.assertAgree("attention backward dv, " + layout, dv, roundOff());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void tokenLogProbsAndEntropyAgree(Supplier<Backend> create) {
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 10);
            int rows = 21;
            int V = 53;
            int[] targets = on.ids(rows, V);
            targets[2] = -100;
            targets[17] = -1;
            BackendAgreement.Pair logits = on.random(rows * V);
            BackendAgreement.Pair logp = on.random(rows); // forward overwrites, masked rows too
            BackendAgreement.Pair lse = on.zeros(rows);
            both(scalar, tested, b -> b.tokenLogProbsForward(pick(b, scalar, logp), pick(b, scalar, lse),
                    pick(b, scalar, logits), targets, rows, V));
            on.assertAgree("token log-probs", logp, roundOff());
            on.assertAgree("token log-probs lse", lse, roundOff());
            BackendAgreement.Pair dlogits = on.random(rows * V);
            BackendAgreement.Pair weights = on.random(rows);
            both(scalar, tested, b -> b.tokenLogProbsBackward(pick(b, scalar, dlogits), pick(b, scalar, weights),
                    pick(b, scalar, logits), pick(b, scalar, lse), targets, rows, V));
            on.assertAgree("token log-probs backward", dlogits, roundOff());
            BackendAgreement.Pair entropy = on.random(rows);
            both(scalar, tested, b -> b.tokenEntropy(pick(b, scalar, entropy), pick(b, scalar, logits), pick(b, scalar, lse),
                    rows, V));
            on.assertAgree("token entropy", entropy, roundOff() * Math.sqrt(V)); // a sum over the row, as GEMM's over K
        }
    }

    /**
     * sampleTokens against the oracle over greedy, plain, top-k, top-p and both, on rows with
     * ties (one of the largest logit, many from rounding to halves): log-probabilities to
     * round-off, ids exactly. Backends sum weights in other orders, so where u or top-p lies
     * within 1e-4 (relative) of a cumulative weight the draw may fall either side; such rows
     * ({@link SamplingMargins}) are left out, and must be under a tenth.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sampledTokensAgreeAwayFromCdfBoundaries(Supplier<Backend> create) {
        int rows = 48;
        int V = 301; // more than a work-group, not a multiple of any vector width
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 11);
            float[] values = on.gaussian(rows * V);
            for (int i = 0; i < values.length; i++) {
                values[i] *= 3;
                if (i / V % 3 == 1) {
                    values[i] = Math.round(values[i] * 2) / 2f; // ties everywhere, at the k-th and at tau too
                }
            }
            values[5] = values[9] = 20; // row 0: two largest logits alike, the lower index wins a greedy draw
            BackendAgreement.Pair logits = on.upload(values);
            float[] uniforms = new float[rows];
            Random draws = new Random(12);
            for (int r = 0; r < rows; r++) {
                uniforms[r] = draws.nextFloat();
            }
            uniforms[1] = 0;
            uniforms[2] = Math.nextDown(1f);
            for (SamplingSettings settings : new SamplingSettings[] {new SamplingSettings(0, 0, 1),
                    new SamplingSettings(1, 0, 1), new SamplingSettings(0.7f, 20, 1), new SamplingSettings(1.3f, 0, 0.9f),
                    new SamplingSettings(0.8f, 50, 0.7f), new SamplingSettings(1, 1, 1)}) {
                int[] expectedIds = new int[rows];
                float[] expectedLogProbs = new float[rows];
                int[] ids = new int[rows];
                float[] logProbs = new float[rows];
                scalar.sampleTokens(expectedIds, expectedLogProbs, logits.oracle(), uniforms, rows, V, settings);
                tested.sampleTokens(ids, logProbs, logits.tested(), uniforms, rows, V, settings);
                SamplingMargins margins = new SamplingMargins(values, uniforms, V, settings, 1e-4);
                int compared = 0;
                for (int r = 0; r < rows; r++) {
                    // The log of a sum of V weights, as GEMM's sums over K: round-off per sqrt of V.
                    assertEquals(expectedLogProbs[r], logProbs[r],
                            roundOff() * Math.sqrt(V) * Math.max(1, Math.abs(expectedLogProbs[r])),
                            settings + " row " + r + " log-probability");
                    if (margins.decidable(r)) {
                        assertEquals(expectedIds[r], ids[r], settings + " row " + r);
                        compared++;
                    }
                }
                assertTrue(compared >= rows * 9 / 10, settings + ": only " + compared + " rows away from boundaries");
                if (settings.greedy()) {
                    assertEquals(5, ids[0], "greedy picks the lowest index of a tie");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void slicesAreViewsThatCopyFillAndTransferTheirOwnRange(Supplier<Backend> create) {
        try (Backend backend = create.get()) {
            Buffer whole = backend.allocate(10);
            backend.write(whole.slice(2, 5).slice(1, 3), new float[] {9, 1, 2, 3}, 1);  // floats 3..5
            backend.fill(whole.slice(7, 2), 4f);
            backend.copy(whole.slice(0, 2), whole.slice(4, 2));
            float[] all = new float[10];
            backend.read(whole, all, 0);
            assertArrayEquals(new float[] {2, 3, 0, 1, 2, 3, 0, 4, 4, 0}, all);
            float[] part = {7, 7, 7};
            backend.read(whole.slice(3, 2), part, 1);
            assertArrayEquals(new float[] {7, 1, 2}, part);
        }
    }

    /** Strided rows land where the strides say, and the floats between them keep their values. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void stridedRowCopiesMoveEachRowAndNothingElse(Supplier<Backend> create) {
        int rows = 5;
        int width = 7;
        int srcStride = 9;   // rows of a wider tensor, as the keys within a packed qkv
        int dstStride = 20;  // rows of a cache, a sequence's Tmax * width apart
        try (Backend backend = create.get()) {
            float[] src = new float[3 + rows * srcStride];
            float[] dst = new float[2 + rows * dstStride];
            for (int i = 0; i < src.length; i++) {
                src[i] = i + 1;
            }
            Arrays.fill(dst, -1);
            Buffer srcBuffer = upload(backend, src);
            Buffer dstBuffer = upload(backend, dst);
            backend.copyRows(dstBuffer.slice(2, rows * dstStride), dstStride, srcBuffer.slice(3, rows * srcStride),
                    srcStride, rows, width);
            float[] copied = new float[dst.length];
            backend.read(dstBuffer, copied, 0);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(src, 3 + r * srcStride, dst, 2 + r * dstStride, width);
            }
            assertArrayEquals(dst, copied);
        }
    }

    /**
     * Decoding position by position through the cache gives the full causal attention's rows;
     * with first keys per sequence (sequence 1 left-padded by 3) it gives the full attention
     * with those first keys on every query row, padding rows included (they see themselves alone).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void cachedAttentionDecodingMatchesTheFullCausalAttention(Supplier<Backend> create) {
        AttentionShape full = new AttentionShape(2, 7, 4, 2, 3);
        int B = full.B();
        int T = full.T();
        int qWidth = full.H() * full.D();
        int kvWidth = full.Hkv() * full.D();
        int Tmax = 9;
        try (Backend scalar = new ScalarBackend(); Backend tested = create.get()) {
            BackendAgreement on = new BackendAgreement(scalar, tested, 5);
            for (int[] cachedFirstKeys : new int[][] {null, {0, 3}}) {
                int[] firstKeys = cachedFirstKeys == null ? null : new int[B * T]; // (B*T) the same per sequence
                for (int r = 0; firstKeys != null && r < B * T; r++) {
                    firstKeys[r] = cachedFirstKeys[r / T];
                }
                float[] q = on.gaussian(B * T * qWidth);       // (B, T, H*D)
                float[] k = on.gaussian(B * T * kvWidth);      // (B, T, Hkv*D)
                float[] v = on.gaussian(B * T * kvWidth);
                Buffer expected = scalar.allocate(B * T * qWidth);
                scalar.attentionForward(expected, scalar.allocate(B * full.H() * T), upload(scalar, q), qWidth,
                        upload(scalar, k), upload(scalar, v), kvWidth, full, firstKeys);

                Buffer kCache = tested.allocate(B * Tmax * kvWidth); // (B, Tmax, Hkv*D)
                Buffer vCache = tested.allocate(B * Tmax * kvWidth);
                float[] decoded = new float[B * T * qWidth];
                AttentionShape oneStep = new AttentionShape(B, 1, full.H(), full.Hkv(), full.D());
                for (int t = 0; t < T; t++) {
                    float[] qt = new float[B * qWidth];
                    for (int b = 0; b < B; b++) {
                        System.arraycopy(q, (b * T + t) * qWidth, qt, b * qWidth, qWidth);
                        int row = (b * Tmax + t) * kvWidth;
                        tested.write(kCache.slice(row, kvWidth), k, (b * T + t) * kvWidth);
                        tested.write(vCache.slice(row, kvWidth), v, (b * T + t) * kvWidth);
                    }
                    Buffer step = tested.allocate(B * qWidth);
                    tested.attentionForwardCached(step, upload(tested, qt), qWidth, kCache, vCache, oneStep, t, Tmax,
                            cachedFirstKeys);
                    float[] stepOut = new float[B * qWidth];
                    tested.read(step, stepOut, 0);
                    for (int b = 0; b < B; b++) {
                        System.arraycopy(stepOut, b * qWidth, decoded, (b * T + t) * qWidth, qWidth);
                    }
                }
                float[] want = new float[B * T * qWidth];
                scalar.read(expected, want, 0);
                float largest = 1e-3f;
                for (float value : want) {
                    largest = Math.max(largest, Math.abs(value));
                }
                assertArrayEquals(want, decoded, (float) roundOff() * largest, "relative to the largest output, as assertAgree");
            }
        }
    }

    private static Buffer upload(Backend backend, float[] values) {
        Buffer buffer = backend.allocate(values.length);
        backend.write(buffer, values, 0);
        return buffer;
    }

    private static void both(Backend scalar, Backend tested, Consumer<Backend> kernel) {
        kernel.accept(scalar);
        kernel.accept(tested);
    }

    private static Buffer pick(Backend which, Backend scalar, BackendAgreement.Pair pair) {
        return which == scalar ? pair.oracle() : pair.tested();
    }
}
