package dev.tempest.accelerator.cpu;

import dev.tempest.accelerator.AdamWSettings;
import dev.tempest.accelerator.AttentionShape;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.BackendAgreement;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.scalar.ScalarBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cpu backend's own kernels where {@code BackendContract}'s sizes are too small to reach their
 * edges: attention over several query blocks (the contract's T fits in one), GELU far out in both
 * tails, where its exp saturates, the bias gradient and the token log-likelihood over wide rows, and AdamW,
 * which must stay the oracle's to the bit.
 */
class CpuKernelsMatchScalarTest {

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void attentionOverSeveralQueryBlocksOnAPackedQkvAgrees(int threads) {
        attentionOverSeveralQueryBlocksAgrees(threads, null);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void attentionWithinPackedExamplesAcrossQueryBlocksAgrees(int threads) {
        // Sequence 0 packs examples starting at 0, 50 (inside block 0), 100 (inside block 1) and 130
        // (block 2), so blocks 1 and 2 skip the keys before their earliest first key; sequence 1 is
        // left-padded by 70, its padding rows (and all of block 0) seeing themselves alone.
        int T = 2 * CpuAttention.BLOCK + 11;
        int[] firstKeys = new int[2 * T];
        for (int t = 0; t < T; t++) {
            firstKeys[t] = t < 50 ? 0 : t < 100 ? 50 : t < 130 ? 100 : 130;
            firstKeys[T + t] = 70;
        }
        attentionOverSeveralQueryBlocksAgrees(threads, firstKeys);
    }

    private static void attentionOverSeveralQueryBlocksAgrees(int threads, int[] firstKeys) {
        // T = 2 full blocks and a partial one; grouped heads; D not a multiple of any vector width.
        AttentionShape s = new AttentionShape(2, 2 * CpuAttention.BLOCK + 11, 4, 2, 20);
        int rows = s.B() * s.T();
        int stride = (s.H() + 2 * s.Hkv()) * s.D();  // [q | k | v] per row, as GPT-2 packs them
        int kAt = s.H() * s.D();
        int vAt = (s.H() + s.Hkv()) * s.D();
        try (Backend scalar = new ScalarBackend(); Backend cpu = new CpuBackend(threads)) {
            BackendAgreement on = new BackendAgreement(scalar, cpu, 6);
            BackendAgreement.Pair qkv = on.random(rows * stride);
            BackendAgreement.Pair out = on.zeros(rows * s.H() * s.D());
            BackendAgreement.Pair lse = on.zeros(s.B() * s.H() * s.T());
            BackendAgreement.Pair dout = on.random(rows * s.H() * s.D());
            BackendAgreement.Pair dqkv = on.random(rows * stride); // backward accumulates into what is there
            for (Backend b : new Backend[] {scalar, cpu}) {
                Buffer packed = pick(b, scalar, qkv);
                Buffer grads = pick(b, scalar, dqkv);
                b.attentionForward(pick(b, scalar, out), pick(b, scalar, lse), packed, stride,
                        tail(packed, kAt), tail(packed, vAt), stride, s, firstKeys);
                b.attentionBackward(grads, tail(grads, kAt), tail(grads, vAt), pick(b, scalar, dout), packed, stride,
                        tail(packed, kAt), tail(packed, vAt), stride, pick(b, scalar, out), pick(b, scalar, lse), s,
                        firstKeys);
            }
            // Float GEMMs against the oracle's double sums over up to T keys: float round-off.
            on.assertAgree("attention out", out, 1e-5);
            on.assertAgree("attention lse", lse, 1e-5);
            on.assertAgree("attention dq, dk, dv", dqkv, 1e-5);
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 3})
    void geluAgreesFromMinus30To30WhereItsExpSaturates(int threads) {
        int n = 6001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -30 + i * 0.01f;
        }
        try (Backend scalar = new ScalarBackend(); Backend cpu = new CpuBackend(threads)) {
            BackendAgreement on = new BackendAgreement(scalar, cpu, 7);
            BackendAgreement.Pair in = on.upload(x);
            BackendAgreement.Pair out = on.zeros(n);
            BackendAgreement.Pair dout = on.random(n);
            BackendAgreement.Pair dx = on.zeros(n);
            for (Backend b : new Backend[] {scalar, cpu}) {
                b.geluForward(pick(b, scalar, out), pick(b, scalar, in));
                b.geluBackward(pick(b, scalar, dx), pick(b, scalar, in), pick(b, scalar, dout));
            }
            // The oracle's own 1 + tanh(u) loses its relative precision in the negative tail, so compare
            // against the largest value, as the contract does: agreement to a few float ulp of it.
            on.assertAgree("gelu forward", out, 1e-6);
            on.assertAgree("gelu backward", dx, 1e-6);
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void biasGradientAndTokenLogProbsAgreeOnWideRows(int threads) {
        int rows = 300;
        int N = 150; // two 4-vector column blocks, then single vectors, then a scalar tail
        try (Backend scalar = new ScalarBackend(); Backend cpu = new CpuBackend(threads)) {
            BackendAgreement on = new BackendAgreement(scalar, cpu, 8);
            BackendAgreement.Pair dout = on.random(rows * N);
            BackendAgreement.Pair dbias = on.random(N);
            BackendAgreement.Pair logits = on.upload(scaled(on.gaussian(rows * N), 8)); // a peaked softmax
            BackendAgreement.Pair logp = on.zeros(rows);
            BackendAgreement.Pair lse = on.zeros(rows);
            BackendAgreement.Pair dlogits = on.random(rows * N);
            BackendAgreement.Pair weights = on.random(rows);
            int[] targets = on.ids(rows, N);
            targets[7] = -100;
            for (Backend b : new Backend[] {scalar, cpu}) {
                b.biasBackward(pick(b, scalar, dbias), pick(b, scalar, dout), rows, N);
                b.tokenLogProbsForward(pick(b, scalar, logp), pick(b, scalar, lse), pick(b, scalar, logits), targets,
                        rows, N);
                b.tokenLogProbsBackward(pick(b, scalar, dlogits), pick(b, scalar, weights), pick(b, scalar, logits),
                        pick(b, scalar, lse), targets, rows, N);
            }
            // Float sums of 300 rows against the oracle's double ones; the contract's round-off.
            on.assertAgree("bias backward", dbias, 1e-5);
            on.assertAgree("token log-probs", logp, 1e-5);
            on.assertAgree("token log-probs lse", lse, 1e-5);
            on.assertAgree("token log-probs backward", dlogits, 1e-5);
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void adamwIsTheOraclesToTheBit(int threads) {
        int n = 1003;
        try (Backend scalar = new ScalarBackend(); Backend cpu = new CpuBackend(threads)) {
            BackendAgreement on = new BackendAgreement(scalar, cpu, 9);
            BackendAgreement.Pair params = on.random(n);
            BackendAgreement.Pair grads = on.random(n);
            BackendAgreement.Pair m = on.random(n);
            BackendAgreement.Pair v = on.positive(n);
            AdamWSettings settings = new AdamWSettings(3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f);
            for (Backend b : new Backend[] {scalar, cpu}) {
                for (int step = 1; step <= 3; step++) {
                    b.adamw(pick(b, scalar, params), pick(b, scalar, grads), pick(b, scalar, m), pick(b, scalar, v),
                            settings, step);
                }
            }
            on.assertAgree("adamw params", params, 0);
            on.assertAgree("adamw m", m, 0);
            on.assertAgree("adamw v", v, 0);
        }
    }

    private static float[] scaled(float[] values, float factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return values;
    }

    private static Buffer tail(Buffer buffer, int from) {
        return buffer.slice(from, buffer.length() - from);
    }

    private static Buffer pick(Backend which, Backend scalar, BackendAgreement.Pair pair) {
        return which == scalar ? pair.oracle() : pair.tested();
    }
}
