// Causal self-attention with grouped-query heads, fused: each query row computes its scores,
// its softmax and its output without storing the (T, T) matrix, keeping only the row's
// log-sum-exp for backward, which recomputes the probabilities.
//
// B = batch, H = query heads, Hkv = key/value heads, D = head dim; query head h reads kv head
// h / (H / Hkv). q rows are qStride apart, k and v rows kvStride apart, so q, k and v may be
// column blocks of one packed QKV matrix. scale = 1 / sqrt(D). A query at position t sees the
// keys [first, t], first from the host's first key positions (FIRST_NONE: 0), at most t.
#pragma OPENCL FP_CONTRACT OFF

#define FIRST_NONE 0        // no first keys: every query sees from position 0
#define FIRST_PER_QUERY 1   // firstKeys (B*T): one per query row, for packed or padded training rows
#define FIRST_PER_SEQUENCE 2 // firstKeys (B): one per sequence, for a left-padded KV cache

// The first key position query t of sequence b may see.
int first_key(__global const int* firstKeys, int mode, int b, int T, int t, int position) {
    int first = mode == FIRST_NONE ? 0 : firstKeys[mode == FIRST_PER_QUERY ? b * T + t : b];
    return min(first, position);
}

float dot_row(__global const float* a, __global const float* b, int D) {
    float sum = 0;
    for (int d = 0; d < D; d++) {
        sum += a[d] * b[d];
    }
    return sum;
}

// out (B, Tq, H*D) for queries at positions start..start+Tq-1, each attending to the keys and
// values (B, kvT, Hkv*D) at positions [first, own]; lse (B, H, Tq) written when keepLse.
// Training calls it with kvT = Tq and start = 0, decoding with a KV cache of kvT = Tmax rows.
// global (Tq, H, B)
__kernel void attention_forward(__global float* out, int outOff, __global float* lse, int lseOff, int keepLse,
                                __global const float* q, int qOff, int qStride,
                                __global const float* k, int kOff, __global const float* v, int vOff, int kvStride,
                                __global const int* firstKeys, int firstKeysOff, int firstMode,
                                int H, int Hkv, int D, int kvT, int start, float scale) {
    int t = get_global_id(0);
    int h = get_global_id(1);
    int b = get_global_id(2);
    int Tq = get_global_size(0);
    int g = h / (H / Hkv);
    __global const float* qt = q + qOff + (b * Tq + t) * qStride + h * D;
    __global const float* keys = k + kOff + b * kvT * kvStride + g * D;
    __global const float* values = v + vOff + b * kvT * kvStride + g * D;
    int count = start + t + 1;
    int first = first_key(firstKeys + firstKeysOff, firstMode, b, Tq, t, start + t);
    float max = -INFINITY;
    for (int j = first; j < count; j++) {
        max = fmax(max, dot_row(qt, keys + j * kvStride, D) * scale);
    }
    __global float* o = out + outOff + (b * Tq + t) * H * D + h * D;
    for (int d = 0; d < D; d++) {
        o[d] = 0;
    }
    float sum = 0;
    for (int j = first; j < count; j++) {
        float p = exp(dot_row(qt, keys + j * kvStride, D) * scale - max);
        sum += p;
        __global const float* vj = values + j * kvStride;
        for (int d = 0; d < D; d++) {
            o[d] += p * vj[d];
        }
    }
    for (int d = 0; d < D; d++) {
        o[d] /= sum;
    }
    if (keepLse) {
        lse[lseOff + (b * H + h) * Tq + t] = max + log(sum);
    }
}

// dq += the query gradient of row (b, h, t); delta (B, H, T) = dout . out, kept for the key and
// value gradients; global (T, H, B)
__kernel void attention_backward_dq(__global float* dq, int dqOff, __global float* delta, int deltaOff,
                                    __global const float* dout, int doutOff,
                                    __global const float* q, int qOff, int qStride,
                                    __global const float* k, int kOff, __global const float* v, int vOff, int kvStride,
                                    __global const float* out, int outOff, __global const float* lse, int lseOff,
                                    __global const int* firstKeys, int firstKeysOff, int firstMode,
                                    int H, int Hkv, int D, float scale) {
    int t = get_global_id(0);
    int h = get_global_id(1);
    int b = get_global_id(2);
    int T = get_global_size(0);
    int g = h / (H / Hkv);
    int row = (b * T + t) * H * D + h * D;
    __global const float* qt = q + qOff + (b * T + t) * qStride + h * D;
    __global float* dqt = dq + dqOff + (b * T + t) * qStride + h * D;
    __global const float* dot = dout + doutOff + row;
    float rowDelta = dot_row(dot, out + outOff + row, D);
    float rowLse = lse[lseOff + (b * H + h) * T + t];
    delta[deltaOff + (b * H + h) * T + t] = rowDelta;
    for (int j = first_key(firstKeys + firstKeysOff, firstMode, b, T, t, t); j <= t; j++) {
        __global const float* kj = k + kOff + (b * T + j) * kvStride + g * D;
        float p = exp(dot_row(qt, kj, D) * scale - rowLse);
        float dp = dot_row(dot, v + vOff + (b * T + j) * kvStride + g * D, D);
        float ds = p * (dp - rowDelta) * scale;
        for (int d = 0; d < D; d++) {
            dqt[d] += ds * kj[d];
        }
    }
}

// dk, dv += the gradients of key/value row (b, j, g), summed over the group's query heads and
// the later positions t >= j that see j; runs after attention_backward_dq, which wrote delta;
// global (T, Hkv, B)
__kernel void attention_backward_dkdv(__global float* dk, int dkOff, __global float* dv, int dvOff,
                                      __global const float* delta, int deltaOff,
                                      __global const float* dout, int doutOff,
                                      __global const float* q, int qOff, int qStride,
                                      __global const float* k, int kOff, __global const float* v, int vOff,
                                      int kvStride, __global const float* lse, int lseOff,
                                      __global const int* firstKeys, int firstKeysOff, int firstMode,
                                      int H, int D, float scale) {
    int j = get_global_id(0);
    int g = get_global_id(1);
    int b = get_global_id(2);
    int T = get_global_size(0);
    int Hkv = get_global_size(1);
    int perGroup = H / Hkv;
    int kvRow = (b * T + j) * kvStride + g * D;
    __global const float* kj = k + kOff + kvRow;
    __global const float* vj = v + vOff + kvRow;
    __global float* dkj = dk + dkOff + kvRow;
    __global float* dvj = dv + dvOff + kvRow;
    for (int h = g * perGroup; h < (g + 1) * perGroup; h++) {
        for (int t = j; t < T; t++) {
            if (first_key(firstKeys + firstKeysOff, firstMode, b, T, t, t) > j) {
                continue;
            }
            __global const float* qt = q + qOff + (b * T + t) * qStride + h * D;
            __global const float* dot = dout + doutOff + (b * T + t) * H * D + h * D;
            int stat = (b * H + h) * T + t;
            float p = exp(dot_row(qt, kj, D) * scale - lse[lseOff + stat]);
            float ds = p * (dot_row(dot, vj, D) - delta[deltaOff + stat]) * scale;
            for (int d = 0; d < D; d++) {
                dkj[d] += ds * qt[d];
                dvj[d] += p * dot[d];
            }
        }
    }
}
