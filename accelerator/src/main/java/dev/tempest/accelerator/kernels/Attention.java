package dev.tempest.accelerator.kernels;

import java.util.Arrays;

/**
 * Causal self-attention with grouped-query heads, fused: softmax(q k^T / sqrt(D)) v row by row,
 * keeping only each row's log-sum-exp for backward, which recomputes the probabilities; no
 * (T, T) matrix is stored. A query row at position t sees the keys [first, t], first from
 * {@code firstKeys} (one per query row; null: 0), so several examples packed in one row, or a
 * left-padded one, attend only within themselves; a first past t (a padding row) sees t alone.
 *
 * <p>B = batch, T = time, H = query heads, Hkv = key/value heads (H a multiple of Hkv), D = head
 * dim. q is read at (b*T + t) * qStride + h*D, k and v at (b*T + t) * kvStride + g*D, so q, k
 * and v may be column blocks of one packed QKV matrix; query head h reads kv head
 * g = h / (H / Hkv). out is (B, T, H*D) and lse (B, H, T). Work is split by (b, g) groups: a
 * group owns its rows of dk and dv, so groups can run in parallel without races.
 */
public final class Attention {

    private Attention() {
    }

    /** The first key query position t may see: firstKeys[row], at most t; 0 when firstKeys is null. */
    public static int firstKey(int[] firstKeys, int row, int t) {
        return firstKeys == null ? 0 : Math.min(firstKeys[row], t);
    }

    /** out and lse for the (b, g) groups [from, to) of [0, B*Hkv); firstKeys (B*T) or null. */
    public static void forward(float[] out, int outOff, float[] lse, int lseOff,
                               float[] q, int qOff, int qStride, float[] k, int kOff, float[] v, int vOff,
                               int kvStride, int[] firstKeys, int B, int T, int H, int Hkv, int D, int from, int to) {
        int perGroup = H / Hkv;
        double[] scores = new double[T];
        double[] acc = new double[D];
        for (int group = from; group < to; group++) {
            int b = group / Hkv;
            int g = group % Hkv;
            for (int h = g * perGroup; h < (g + 1) * perGroup; h++) {
                for (int t = 0; t < T; t++) {
                    int first = firstKey(firstKeys, b * T + t, t);
                    int kv = (b * T + first) * kvStride + g * D;
                    lse[lseOff + (b * H + h) * T + t] = (float) attendRow(out, outOff + (b * T + t) * H * D + h * D,
                            q, qOff + (b * T + t) * qStride + h * D, k, kOff + kv, v, vOff + kv, kvStride,
                            t - first + 1, D, scores, acc);
                }
            }
        }
    }

    /**
     * Inference with a KV cache: out (B*Tq, H*D) for Tq new queries q (rows qStride apart) at positions
     * start..start+Tq-1, attending to the cached keys and values (B, Tmax, Hkv*D) of the positions
     * [first, own] of their sequence, first from firstKeys (B; null: 0; a left-padded sequence's
     * first real token), for the (b, g) groups [from, to).
     */
    public static void forwardCached(float[] out, int outOff, float[] q, int qOff, int qStride, float[] kCache, int kOff,
                                     float[] vCache, int vOff, int[] firstKeys, int B, int Tq, int start, int Tmax,
                                     int H, int Hkv, int D, int from, int to) {
        int perGroup = H / Hkv;
        int width = Hkv * D;
        double[] scores = new double[start + Tq];
        double[] acc = new double[D];
        for (int group = from; group < to; group++) {
            int b = group / Hkv;
            int g = group % Hkv;
            for (int h = g * perGroup; h < (g + 1) * perGroup; h++) {
                for (int t = 0; t < Tq; t++) {
                    int first = firstKey(firstKeys, b, start + t);
                    int kv = (b * Tmax + first) * width + g * D;
                    attendRow(out, outOff + (b * Tq + t) * H * D + h * D, q, qOff + (b * Tq + t) * qStride + h * D,
                            kCache, kOff + kv, vCache, vOff + kv, width, start + t - first + 1, D, scores, acc);
                }
            }
        }
    }

    /**
     * One query row: out (D) = softmax(q k_j / sqrt(D)) v_j over the first {@code count} keys,
     * which are {@code stride} apart from {@code kBase} (values likewise); returns the row's
     * log-sum-exp. {@code scores} (>= count) and {@code acc} (D) are scratch.
     */
    private static double attendRow(float[] out, int o, float[] q, int qi, float[] k, int kBase, float[] v, int vBase,
                                    int stride, int count, int D, double[] scores, double[] acc) {
        double scale = 1.0 / Math.sqrt(D);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            int kj = kBase + j * stride;
            double dot = 0;
            for (int d = 0; d < D; d++) {
                dot += (double) q[qi + d] * k[kj + d];
            }
            scores[j] = dot * scale;
            max = Math.max(max, scores[j]);
        }
        double sum = 0;
        Arrays.fill(acc, 0);
        for (int j = 0; j < count; j++) {
            double p = Math.exp(scores[j] - max);
            sum += p;
            int vj = vBase + j * stride;
            for (int d = 0; d < D; d++) {
                acc[d] += p * v[vj + d];
            }
        }
        for (int d = 0; d < D; d++) {
            out[o + d] = (float) (acc[d] / sum);
        }
        return max + Math.log(sum);
    }

    /** Accumulates (+=) into dq, dk and dv (laid out as q, k and v) for the groups [from, to). */
    public static void backward(float[] dq, int dqOff, float[] dk, int dkOff, float[] dv, int dvOff,
                                float[] dout, int doutOff, float[] q, int qOff, int qStride,
                                float[] k, int kOff, float[] v, int vOff, int kvStride,
                                float[] out, int outOff, float[] lse, int lseOff, int[] firstKeys,
                                int B, int T, int H, int Hkv, int D, int from, int to) {
        double scale = 1.0 / Math.sqrt(D);
        int perGroup = H / Hkv;
        for (int group = from; group < to; group++) {
            int b = group / Hkv;
            int g = group % Hkv;
            for (int h = g * perGroup; h < (g + 1) * perGroup; h++) {
                for (int t = 0; t < T; t++) {
                    int qi = qOff + (b * T + t) * qStride + h * D;
                    int dqi = dqOff + (b * T + t) * qStride + h * D;
                    int o = (b * T + t) * H * D + h * D;
                    double rowLse = lse[lseOff + (b * H + h) * T + t];
                    // D_t = sum_j p_j (dout . v_j) = dout . out
                    double doutDotOut = 0;
                    for (int d = 0; d < D; d++) {
                        doutDotOut += (double) dout[doutOff + o + d] * out[outOff + o + d];
                    }
                    for (int j = firstKey(firstKeys, b * T + t, t); j <= t; j++) {
                        int kj = kOff + (b * T + j) * kvStride + g * D;
                        int vj = vOff + (b * T + j) * kvStride + g * D;
                        double dot = 0;
                        double dp = 0;
                        for (int d = 0; d < D; d++) {
                            dot += (double) q[qi + d] * k[kj + d];
                            dp += (double) dout[doutOff + o + d] * v[vj + d];
                        }
                        double p = Math.exp(dot * scale - rowLse);
                        double ds = p * (dp - doutDotOut) * scale;
                        int dkj = dkOff + (b * T + j) * kvStride + g * D;
                        int dvj = dvOff + (b * T + j) * kvStride + g * D;
                        for (int d = 0; d < D; d++) {
                            dq[dqi + d] += (float) (ds * k[kj + d]);
                            dk[dkj + d] += (float) (ds * q[qi + d]);
                            dv[dvj + d] += (float) (p * dout[doutOff + o + d]);
                        }
                    }
                }
            }
        }
    }
}
