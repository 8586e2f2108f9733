// Softmax and cross-entropy fused, per row of logits (rows, V). A negative target masks the
// row: no loss, no gradient.
#pragma OPENCL FP_CONTRACT OFF

// losses (rows), lse (rows) = logsumexp(row) - row[target], logsumexp; global (rows)
__kernel void cross_entropy_forward(__global float* losses, int lossesOff, __global float* lse, int lseOff,
                                    __global const float* logits, int logitsOff, __global const int* targets, int targetsOff, int V) {
    int r = get_global_id(0);
    __global const float* row = logits + logitsOff + r * V;
    float max = -INFINITY;
    for (int i = 0; i < V; i++) {
        max = fmax(max, row[i]);
    }
    float sum = 0;
    for (int i = 0; i < V; i++) {
        sum += exp(row[i] - max);
    }
    float rowLse = max + log(sum);
    lse[lseOff + r] = rowLse;
    losses[lossesOff + r] = targets[targetsOff + r] < 0 ? 0 : rowLse - row[targets[targetsOff + r]];
}

// dlogits (rows, V) += scale * (softmax - onehot) on unmasked rows; global (V, rows)
__kernel void cross_entropy_backward(__global float* dlogits, int dlogitsOff, __global const float* logits,
                                     int logitsOff, __global const float* lse, int lseOff,
                                     __global const int* targets, int targetsOff, float scale, int V) {
    int i = get_global_id(0);
    int r = get_global_id(1);
    int target = targets[targetsOff + r];
    if (target < 0) {
        return;
    }
    float p = exp(logits[logitsOff + r * V + i] - lse[lseOff + r]);
    dlogits[dlogitsOff + r * V + i] += scale * (i == target ? p - 1 : p);
}
