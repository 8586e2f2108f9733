package dev.tempest.accelerator.cpu;

import dev.tempest.accelerator.kernels.Attention;

/**
 * Causal self-attention as GEMMs, for the cpu backend; the layout and contract of
 * {@link dev.tempest.accelerator.kernels.Attention}, which is the oracle it is tested against.
 *
 * <p>Per (b, h) and block of BLOCK query rows [i0, i1), against the keys [k0, i1) that block can
 * see (k0 the earliest first key of its rows, 0 without first keys): forward S = Q K^T, each row
 * softmax(S / sqrt(D)) over its own keys in place (its log-sum-exp kept), O = P V.
 * Backward recomputes P from the log-sum-exp and runs dP = dO V^T,
 * dS = P (dP - rowsum(dO O)) / sqrt(D), dQ += dS K, dK += dS^T Q, dV += P^T dO. The GEMMs are
 * {@link CpuGemm}'s, on the calling thread: the (b, g) groups are what runs in parallel, each
 * owning its rows of dk and dv. Per block only the (BLOCK, i1) scores are held, never (T, T).
 */
final class CpuAttention {

    /**
     * Query rows per block: a multiple of the GEMM's tile height and width. Smaller blocks skip
     * more of the masked keys (at most BLOCK - 1 per row are computed and thrown away) but pack
     * the keys and values again per block; at T = 128, D = 32 (Zen 5, 2 threads) 64 ran about 20%
     * faster than 32 and 128, and 16 twice as slow.
     */
    static final int BLOCK = 64;

    private final CpuGemm gemm;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    CpuAttention(CpuGemm gemm) {
        this.gemm = gemm;
    }

    /** out (B, T, H*D) and lse (B, H, T) for the (b, g) groups [from, to) of [0, B*Hkv); firstKeys (B*T) or null. */
    void forward(float[] out, int outOff, float[] lse, int lseOff, float[] q, int qOff, int qStride,
                 float[] k, int kOff, float[] v, int vOff, int kvStride, int[] firstKeys, int B, int T, int H, int Hkv,
                 int D, int from, int to) {
        Scratch ws = scratch.get();
        forEachBlock(firstKeys, T, H, Hkv, D, qStride, kvStride, from, to, (b, h, i0, rows, k0, qAt, kvAt, oAt) ->
                attend(ws, rows, i0, k0, firstKeys, b * T + i0, 1, D, q, qOff + qAt, qStride, k, kOff + kvAt,
                        v, vOff + kvAt, kvStride, out, outOff + oAt, H * D, lse, lseOff + (b * H + h) * T + i0));
    }

    /**
     * {@link Attention#forwardCached}: out (B, Tq, H*D) for the (b, g) groups [from, to), each
     * query row against its sequence's cached keys (B, Tmax, Hkv*D) from its first (firstKeys, B,
     * or null: 0) to its own position start + t; blocks of query rows as in {@link #forward}.
     */
    void forwardCached(float[] out, int outOff, float[] q, int qOff, int qStride, float[] kCache, int kOff,
                       float[] vCache, int vOff, int[] firstKeys, int Tq, int start, int Tmax, int H, int Hkv, int D,
                       int from, int to) {
        Scratch ws = scratch.get();
        int width = Hkv * D;
        int perGroup = H / Hkv;
        for (int group = from; group < to; group++) {
            int b = group / Hkv;
            int g = group % Hkv;
            for (int h = g * perGroup; h < (g + 1) * perGroup; h++) {
                for (int i0 = 0; i0 < Tq; i0 += BLOCK) {
                    int rows = Math.min(BLOCK, Tq - i0);
                    int k0 = Attention.firstKey(firstKeys, b, start + i0); // the earliest of the block's rows
                    int kvAt = (b * Tmax + k0) * width + g * D;
                    attend(ws, rows, start + i0, k0, firstKeys, b, 0, D, q, qOff + (b * Tq + i0) * qStride + h * D,
                            qStride, kCache, kOff + kvAt, vCache, vOff + kvAt, width, out,
                            outOff + (b * Tq + i0) * H * D + h * D, H * D, null, 0);
                }
            }
        }
    }

    /**
     * One block of query rows at positions [t0, t0 + rows) against the keys from k0 to the last
     * row's own: S = Q K^T, each row softmax(S / sqrt(D)) over its keys from its first key
     * (firstKeys at fkAt + r * fkStep) to itself, O = P V; the rows' log-sum-exps into lse from
     * lseAt, unless lse is null.
     */
    private void attend(Scratch ws, int rows, int t0, int k0, int[] firstKeys, int fkAt, int fkStep, int D,
                        float[] q, int qAt, int qStride, float[] k, int kAt, float[] v, int vAt, int kvStride,
                        float[] out, int oAt, int oStride, float[] lse, int lseAt) {
        float scale = (float) (1 / Math.sqrt(D));
        int keys = t0 + rows - k0;
        float[] s = ws.scores(rows * keys);                                           // (rows, keys)
        gemm.gemm(false, true, rows, keys, D, q, qAt, qStride, k, kAt, kvStride, s, 0, keys, false, false); // S = Q K^T
        for (int r = 0; r < rows; r++) {
            int t = t0 + r;
            int first = Attention.firstKey(firstKeys, fkAt + r * fkStep, t);
            float rowLse = AttentionRows.softmax(s, r * keys, first - k0, t - first + 1, keys, scale, ws.lanes);
            if (lse != null) {
                lse[lseAt + r] = rowLse;
            }
        }
        gemm.gemm(false, false, rows, D, keys, s, 0, keys, v, vAt, kvStride, out, oAt, oStride, false, false); // O = P V
    }

    /** Accumulates (+=) into dq, dk and dv (laid out as q, k and v) for the groups [from, to). */
    void backward(float[] dq, int dqOff, float[] dk, int dkOff, float[] dv, int dvOff, float[] dout, int doutOff,
                  float[] q, int qOff, int qStride, float[] k, int kOff, float[] v, int vOff, int kvStride,
                  float[] out, int outOff, float[] lse, int lseOff, int[] firstKeys, int B, int T, int H, int Hkv,
                  int D, int from, int to) {
        Scratch ws = scratch.get();
        float scale = (float) (1 / Math.sqrt(D));
        forEachBlock(firstKeys, T, H, Hkv, D, qStride, kvStride, from, to, (b, h, i0, rows, k0, qAt, kvAt, oAt) -> {
            int keys = i0 + rows - k0;
            float[] p = ws.scores(rows * keys);                                   // (rows, keys)
            float[] ds = ws.scoreGrads(rows * keys);                              // (rows, keys)
            gemm.gemm(false, true, rows, keys, D, q, qOff + qAt, qStride, k, kOff + kvAt, kvStride,
                    p, 0, keys, false, false);                                      // S = Q K^T
            gemm.gemm(false, true, rows, keys, D, dout, doutOff + oAt, H * D, v, vOff + kvAt, kvStride,
                    ds, 0, keys, false, false);                                     // dP = dO V^T
            for (int r = 0; r < rows; r++) {
                int t = i0 + r;
                int first = Attention.firstKey(firstKeys, b * T + t, t);
                AttentionRows.probabilities(p, r * keys, first - k0, t - first + 1, keys, scale,
                        lse[lseOff + (b * H + h) * T + t], ws.lanes);
                float rowDot = AttentionRows.dot(dout, doutOff + oAt + r * H * D, out, outOff + oAt + r * H * D, D);
                AttentionRows.scoreGradient(ds, p, r * keys, keys, rowDot, scale);
            }
            gemm.gemm(false, false, rows, D, keys, ds, 0, keys, k, kOff + kvAt, kvStride,
                    dq, dqOff + qAt, qStride, true, false);                         // dQ += dS K
            gemm.gemm(true, false, keys, D, rows, ds, 0, keys, q, qOff + qAt, qStride,
                    dk, dkOff + kvAt, kvStride, true, false);                       // dK += dS^T Q
            gemm.gemm(true, false, keys, D, rows, p, 0, keys, dout, doutOff + oAt, H * D,
                    dv, dvOff + kvAt, kvStride, true, false);                       // dV += P^T dO
        });
    }

    /**
     * One block: query rows [i0, i0 + rows) of head h in batch b, against the keys from k0; qAt,
     * kvAt and oAt are where the block's first query row, its first key (of its kv head) and its
     * first output row start, before the buffers' own offsets.
     */
    @FunctionalInterface
    private interface BlockTask {
        void run(int b, int h, int i0, int rows, int k0, int qAt, int kvAt, int oAt);
    }

    /** Runs {@code task} on every block of every query head of the (b, g) groups [from, to), in order. */
    private static void forEachBlock(int[] firstKeys, int T, int H, int Hkv, int D, int qStride, int kvStride,
                                     int from, int to, BlockTask task) {
        int perGroup = H / Hkv;
        for (int group = from; group < to; group++) {
            int b = group / Hkv;
            int g = group % Hkv;
            for (int h = g * perGroup; h < (g + 1) * perGroup; h++) {
                for (int i0 = 0; i0 < T; i0 += BLOCK) {
                    int rows = Math.min(BLOCK, T - i0);
                    int k0 = earliestFirstKey(firstKeys, b * T, i0, rows);
                    task.run(b, h, i0, rows, k0, (b * T + i0) * qStride + h * D,
                            (b * T + k0) * kvStride + g * D, (b * T + i0) * H * D + h * D);
                }
            }
        }
    }

    /** The earliest first key of the query rows [i0, i0 + rows) of the sequence whose rows start at {@code base}. */
    private static int earliestFirstKey(int[] firstKeys, int base, int i0, int rows) {
        int earliest = i0;
        for (int t = i0; t < i0 + rows; t++) {
            earliest = Math.min(earliest, Attention.firstKey(firstKeys, base + t, t));
        }
        return earliest;
    }

    /** One thread's score blocks, grown on demand and reused across calls. */
    private static final class Scratch {
        private float[] scores = new float[0];      // (BLOCK, T) at most: S, then P
        private float[] scoreGrads = new float[0];  // (BLOCK, T) at most: dP, then dS
        final float[] lanes = new float[VectorExp.L];

        float[] scores(int size) {
            if (scores.length < size) {
                scores = new float[size];
            }
            return scores;
        }

        float[] scoreGrads(int size) {
            if (scoreGrads.length < size) {
                scoreGrads = new float[size];
            }
            return scoreGrads;
        }
    }
}
