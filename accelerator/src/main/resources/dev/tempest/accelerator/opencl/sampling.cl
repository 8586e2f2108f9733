// One token drawn per row of logits (rows, V) by the rule of Backend.sampleTokens, one work-group
// per row. Top-k and top-p need no sort: their thresholds are found bit by bit over the logits'
// 32-bit order keys (32 passes each), every pass a count or a weight summed over the row. Sums
// run in a fixed order (strided shares, then a tree), so a row's result is the same every run.
// The local size is a power of two.
#pragma OPENCL FP_CONTRACT OFF

// An unsigned key that orders as the floats do (-0 as +0): larger logit, larger key.
uint order_key(float x) {
    uint bits = as_uint(x == 0 ? 0.0f : x);
    return (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
}

float scaled_logit(float logit, float max, float temperature) {
    return temperature == 0 ? logit - max : (logit - max) / temperature;
}

// name(value, scratch): every work-item's value combined by a tree, handed to all of them.
#define GROUP_REDUCTION(name, type, combine) \
type name(type value, __local type* scratch) { \
    int lid = get_local_id(0); \
    scratch[lid] = value; \
    barrier(CLK_LOCAL_MEM_FENCE); \
    for (int width = get_local_size(0) / 2; width > 0; width >>= 1) { \
        if (lid < width) { \
            scratch[lid] = combine(scratch[lid], scratch[lid + width]); \
        } \
        barrier(CLK_LOCAL_MEM_FENCE); \
    } \
    type result = scratch[0]; \
    barrier(CLK_LOCAL_MEM_FENCE); \
    return result; \
}
#define PLUS(a, b) ((a) + (b))
GROUP_REDUCTION(group_sum, float, PLUS)
GROUP_REDUCTION(group_max, float, fmax)
GROUP_REDUCTION(group_count, int, PLUS)
GROUP_REDUCTION(group_first, int, min)

// The count of logits whose key is at least atLeast.
int count_at_least(__global const float* row, int V, uint atLeast, __local int* counts) {
    int count = 0;
    for (int i = get_local_id(0); i < V; i += get_local_size(0)) {
        count += order_key(row[i]) >= atLeast ? 1 : 0;
    }
    return group_count(count, counts);
}

// The weight exp(scaled) of the logits whose key is at least atLeast.
float weight_at_least(__global const float* row, int V, float max, float temperature, uint atLeast,
                      __local float* sums) {
    float sum = 0;
    for (int i = get_local_id(0); i < V; i += get_local_size(0)) {
        if (order_key(row[i]) >= atLeast) {
            sum += exp(scaled_logit(row[i], max, temperature));
        }
    }
    return group_sum(sum, sums);
}

// ids (rows) and logProbs (rows) from uniforms (rows), all three columns of draws (3, rows);
// ids are written as floats (exact below 2^24). global (rows * local), local (local)
__kernel void sample_tokens(__global const float* logits, int logitsOff, __global float* draws, int drawsOff,
                            int rows, int V, float temperature, int topK, float topP,
                            __local float* sums, __local int* counts) {
    int r = get_group_id(0);
    int lid = get_local_id(0);
    int n = get_local_size(0);
    __global const float* row = logits + logitsOff + r * V;

    float max = -INFINITY;
    for (int i = lid; i < V; i += n) {
        max = fmax(max, row[i]);
    }
    max = group_max(max, sums);
    float total = weight_at_least(row, V, max, temperature, 0u, sums);

    // Greedy: the first index of the largest logit.
    int first = V;
    for (int i = lid; i < V && temperature == 0; i += n) {
        first = row[i] == max ? min(first, i) : first;
    }
    first = group_first(first, counts);

    // The kept set: keys at least cut. Top-k: the largest key with at least k logits at or above it.
    uint cut = 0u;
    if (temperature > 0 && topK > 0 && topK < V) {
        for (int bit = 31; bit >= 0; bit--) {
            uint candidate = cut | (1u << bit);
            if (count_at_least(row, V, candidate, counts) >= topK) {
                cut = candidate;
            }
        }
    }
    // Top-p: the largest key whose kept weight still reaches topP of what top-k kept.
    if (temperature > 0 && topP < 1) {
        float target = topP * weight_at_least(row, V, max, temperature, cut, sums);
        uint nucleus = 0u;
        for (int bit = 31; bit >= 0; bit--) {
            uint candidate = nucleus | (1u << bit);
            if (weight_at_least(row, V, max, temperature, candidate > cut ? candidate : cut, sums) >= target) {
                nucleus = candidate;
            }
        }
        cut = nucleus > cut ? nucleus : cut;
    }

    // The draw, in index order: each work-item sums its own contiguous chunk, then work-item 0
    // finds the chunk where the cumulative weight passes u * kept, and the token within it.
    int chunk = (V + n - 1) / n;
    int lo = min(V, lid * chunk);
    int hi = min(V, lo + chunk);
    float mine = 0;
    for (int i = lo; i < hi; i++) {
        if (order_key(row[i]) >= cut) {
            mine += exp(scaled_logit(row[i], max, temperature));
        }
    }
    sums[lid] = mine;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (lid == 0) {
        int id = first;
        if (temperature > 0) {
            float kept = 0;
            for (int j = 0; j < n; j++) {
                kept += sums[j];
            }
            float draw = draws[drawsOff + r] * kept;
            float cumulative = 0;
            int owner = 0;
            for (int j = 0; j < n; j++) {
                owner = sums[j] > 0 ? j : owner;
                if (cumulative + sums[j] > draw) {
                    owner = j;
                    break;
                }
                cumulative += sums[j];
            }
            for (int i = owner * chunk; i < min(V, owner * chunk + chunk); i++) {
                if (order_key(row[i]) >= cut) {
                    cumulative += exp(scaled_logit(row[i], max, temperature));
                    id = i;
                    if (cumulative > draw) {
                        break;
                    }
                }
            }
        }
        draws[drawsOff + rows + r] = id;
        draws[drawsOff + 2 * rows + r] = scaled_logit(row[id], max, temperature) - log(total);
    }
}
