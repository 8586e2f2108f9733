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
 * recomputed in each pass rather than stored.
 */
public final class AttentionKernels {

    private AttentionKernels() {
    }

    /**
     * One query row per work-item, item = (b*H + h)*Tq + t: out (B, Tq, H*D) = softmax(q k^T / sqrt(D)) v
     * over the keys 0..start+t, which are kvRows rows per batch (T in training, Tmax in a KV
     * cache); lse[item] = the row's log-sum-exp unless lse < 0.
     * args: B*H*Tq, out, lse, q, qStride, k, v, kvStride, kvRows, Tq, H, Hkv, D, start.
     */
    public static void attentionForward(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
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
            float scale = 1f / TornadoMath.sqrt((float) D);

            float max = -3.4028235e38f;
            for (int j = 0; j < count; j++) {
                float dot = 0f;
                for (int d = 0; d < D; d++) {
                    dot += heap.get(q + d) * heap.get(k + j * kvStride + d);
                }
                max = TornadoMath.max(max, dot * scale);
            }
            float sum = 0f;
            for (int j = 0; j < count; j++) {
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
            for (int j = 0; j < count; j++) {
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
     * dq += sum over keys j <= t of ds_j k_j, ds_j = p_j (dout . v_j - dout . out) / sqrt(D);
     * one query row per work-item, item = (b*H + h)*T + t.
     * args: B*H*T, dq, dout, q, qStride, k, v, kvStride, out, lse, T, H, Hkv, D.
     */
    public static void attentionBackwardQuery(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
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
            for (int j = 0; j <= t; j++) {
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
     * queries t >= j; one key row per work-item, item = (b*Hkv + g)*T + j, so each owns its rows
     * of dk and dv. args: B*Hkv*T, dk, dv, dout, q, qStride, k, v, kvStride, out, lse, T, H, Hkv, D.
     */
    public static void attentionBackwardKeyValue(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
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
