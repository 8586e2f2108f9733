package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Causal attention with grouped-query heads, fused row by row as the oracle does: no (T, T)
 * matrix, only each row's log-sum-exp, from which backward recomputes the probabilities.
 * Query head h reads kv head g = h / (H / Hkv); q rows are qStride apart, k and v rows kvStride
 * apart (column blocks of a packed QKV). A work-item has no scratch arrays, so scores are
 * recomputed in each pass rather than stored. A query at position t sees the keys [first, t],
 * first from the host ids by mode: {@link #NO_FIRST_KEYS} (0), {@link #FIRST_KEY_PER_QUERY}
 * (ids (B*T)) or {@link #FIRST_KEY_PER_SEQUENCE} (ids (B), a left-padded KV cache).
 */
public final class AttentionKernels {

    public static final int NO_FIRST_KEYS = 0;
    public static final int FIRST_KEY_PER_QUERY = 1;
    public static final int FIRST_KEY_PER_SEQUENCE = 2;

    private AttentionKernels() {
    }

    /** The first key query t of sequence b sees at {@code position}: from the ids by {@code mode}, at most position. */
    private static int firstKey(IntArray firstKeys, int mode, int b, int T, int t, int position) {
        int first = 0;
        if (mode == FIRST_KEY_PER_QUERY) {
            first = firstKeys.get(b * T + t);
        } else if (mode == FIRST_KEY_PER_SEQUENCE) {
            first = firstKeys.get(b);
        }
        return first < position ? first : position;
    }

    /**
     * One query row per work-item, item = (b*H + h)*Tq + t: out (B, Tq, H*D) = softmax(q k^T / sqrt(D)) v
     * over the keys first..start+t, which are kvRows rows per batch (T in training, Tmax in a KV
     * cache); lse[item] = the row's log-sum-exp unless lse < 0.
     * args: B*H*Tq, out, lse, q, qStride, k, v, kvStride, kvRows, Tq, H, Hkv, D, start, first-key mode.
     */
    public static void attentionForward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats,
                                        IntArray firstKeys) {
        int item = context.globalIdx;
        if (item < args.get(0)) {
            int qStride = args.get(4);
            int kvStride = args.get(7);
            int Tq = args.get(9);
            int H = args.get(10);
            int D = args.get(12);
            int t = item % Tq;
            int h = (item / Tq) % H;
            int b = item / (Tq * H);
            int g = h / (H / args.get(11));
            int q = args.get(3) + (b * Tq + t) * qStride + h * D;
            int k = args.get(5) + b * args.get(8) * kvStride + g * D;
            int v = args.get(6) + b * args.get(8) * kvStride + g * D;
            int out = args.get(1) + (b * Tq + t) * H * D + h * D;
            int count = args.get(13) + t + 1;
            int first = firstKey(firstKeys, args.get(14), b, Tq, t, count - 1);
            float scale = 1f / TornadoMath.sqrt((float) D);

            float max = -3.4028235e38f;
            for (int j = first; j < count; j++) {
                float dot = 0f;
                for (int d = 0; d < D; d++) {
                    dot += heap.get(q + d) * heap.get(k + j * kvStride + d);
                }
                max = TornadoMath.max(max, dot * scale);
            }
            float sum = 0f;
            for (int j = first; j < count; j++) {
                float dot = 0f;
                for (int d = 0; d < D; d++) {
                    dot += heap.get(q + d) * heap.get(k + j * kvStride + d);
                }
                sum += TornadoMath.exp(dot * scale - max);
            }
            float lse = max + TornadoMath.log(sum);
            for (int d = 0; d < D; d++) {
                heap.set(out + d, 0f);
            }
            for (int j = first; j < count; j++) {
                float dot = 0f;
                for (int d = 0; d < D; d++) {
                    dot += heap.get(q + d) * heap.get(k + j * kvStride + d);
                }
                float p = TornadoMath.exp(dot * scale - lse);
                for (int d = 0; d < D; d++) {
                    heap.set(out + d, heap.get(out + d) + p * heap.get(v + j * kvStride + d));
                }
            }
            if (args.get(2) >= 0) {
                heap.set(args.get(2) + item, lse);
            }
        }
    }

    /**
     * dq += sum over keys first <= j <= t of ds_j k_j, ds_j = p_j (dout . v_j - dout . out) / sqrt(D);
     * one query row per work-item, item = (b*H + h)*T + t.
     * args: B*H*T, dq, dout, q, qStride, k, v, kvStride, out, lse, T, H, Hkv, D, first-key mode.
     */
    public static void attentionBackwardQuery(KernelContext context, FloatArray heap, IntArray args, FloatArray floats,
                                              IntArray firstKeys) {
        int item = context.globalIdx;
        if (item < args.get(0)) {
            int qStride = args.get(4);
            int kvStride = args.get(7);
            int T = args.get(10);
            int H = args.get(11);
            int D = args.get(13);
            int t = item % T;
            int h = (item / T) % H;
            int b = item / (T * H);
            int g = h / (H / args.get(12));
            int q = args.get(3) + (b * T + t) * qStride + h * D;
            int dq = args.get(1) + (b * T + t) * qStride + h * D;
            int row = (b * T + t) * H * D + h * D;
            int dout = args.get(2) + row;
            int out = args.get(8) + row;
            float lse = heap.get(args.get(9) + item);
            float scale = 1f / TornadoMath.sqrt((float) D);
            float doutDotOut = 0f;
            for (int d = 0; d < D; d++) {
                doutDotOut += heap.get(dout + d) * heap.get(out + d);
            }
            for (int j = firstKey(firstKeys, args.get(14), b, T, t, t); j <= t; j++) {
                int k = args.get(5) + (b * T + j) * kvStride + g * D;
                int v = args.get(6) + (b * T + j) * kvStride + g * D;
                float dot = 0f;
                float dp = 0f;
                for (int d = 0; d < D; d++) {
                    dot += heap.get(q + d) * heap.get(k + d);
                    dp += heap.get(dout + d) * heap.get(v + d);
                }
                float ds = TornadoMath.exp(dot * scale - lse) * (dp - doutDotOut) * scale;
                for (int d = 0; d < D; d++) {
                    heap.set(dq + d, heap.get(dq + d) + ds * heap.get(k + d));
                }
            }
        }
    }

    /**
     * dk_j += sum of ds q_t and dv_j += sum of p dout_t over the heads of kv head g and the
     * queries t >= j that see j; one key row per work-item, item = (b*Hkv + g)*T + j, so each owns
     * its rows of dk and dv. args: B*Hkv*T, dk, dv, dout, q, qStride, k, v, kvStride, out, lse, T,
     * H, Hkv, D, first-key mode.
     */
    public static void attentionBackwardKeyValue(KernelContext context, FloatArray heap, IntArray args, FloatArray floats,
                                                 IntArray firstKeys) {
        int item = context.globalIdx;
        if (item < args.get(0)) {
            int qStride = args.get(5);
            int kvStride = args.get(8);
            int T = args.get(11);
            int H = args.get(12);
            int Hkv = args.get(13);
            int D = args.get(14);
            int j = item % T;
            int g = (item / T) % Hkv;
            int b = item / (T * Hkv);
            int perGroup = H / Hkv;
            int k = args.get(6) + (b * T + j) * kvStride + g * D;
            int v = args.get(7) + (b * T + j) * kvStride + g * D;
            int dk = args.get(1) + (b * T + j) * kvStride + g * D;
            int dv = args.get(2) + (b * T + j) * kvStride + g * D;
            float scale = 1f / TornadoMath.sqrt((float) D);
            for (int h = g * perGroup; h < (g + 1) * perGroup; h++) {
                for (int t = j; t < T; t++) {
                    if (firstKey(firstKeys, args.get(15), b, T, t, t) <= j) { // query t sees key j
                        int q = args.get(4) + (b * T + t) * qStride + h * D;
                        int row = (b * T + t) * H * D + h * D;
                        int dout = args.get(3) + row;
                        int out = args.get(9) + row;
                        float lse = heap.get(args.get(10) + (b * H + h) * T + t);
                        float doutDotOut = 0f;
                        float dot = 0f;
                        float dp = 0f;
                        for (int d = 0; d < D; d++) {
                            doutDotOut += heap.get(dout + d) * heap.get(out + d);
                            dot += heap.get(q + d) * heap.get(k + d);
                            dp += heap.get(dout + d) * heap.get(v + d);
                        }
                        float p = TornadoMath.exp(dot * scale - lse);
                        float ds = p * (dp - doutDotOut) * scale;
                        for (int d = 0; d < D; d++) {
                            heap.set(dk + d, heap.get(dk + d) + ds * heap.get(q + d));
                            heap.set(dv + d, heap.get(dv + d) + p * heap.get(dout + d));
                        }
                    }
                }
            }
        }
    }
}
