// The per-token log-likelihood, per row of logits (rows, V): logp = row[target] - logsumexp(row).
// A negative target masks the row: logp 0, no gradient.
#pragma OPENCL FP_CONTRACT OFF

// logp (rows), lse (rows) = row[target] - logsumexp(row), logsumexp; global (rows)
__kernel void token_log_probs_forward(__global float* logp, int logpOff, __global float* lse, int lseOff,
                                      __global const float* logits, int logitsOff, __global const int* targets,
                                      int targetsOff, int V) {
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
    logp[logpOff + r] = targets[targetsOff + r] < 0 ? 0 : row[targets[targetsOff + r]] - rowLse;
}

// dlogits (rows, V) += dlogp[r] * (onehot - softmax) on unmasked rows; global (V, rows)
__kernel void token_log_probs_backward(__global float* dlogits, int dlogitsOff, __global const float* dlogp,
                                       int dlogpOff, __global const float* logits, int logitsOff,
                                       __global const float* lse, int lseOff, __global const int* targets,
                                       int targetsOff, int V) {
    int i = get_global_id(0);
    int r = get_global_id(1);
    int target = targets[targetsOff + r];
    if (target < 0) {
        return;
    }
    float p = exp(logits[logitsOff + r * V + i] - lse[lseOff + r]);
    dlogits[dlogitsOff + r * V + i] += dlogp[dlogpOff + r] * (i == target ? 1 - p : -p);
}

// entropy (rows) = sum p (lse - row), p = exp(row - lse): non-negative terms, nothing cancels; global (rows)
__kernel void token_entropy(__global float* entropy, int entropyOff, __global const float* logits, int logitsOff,
                            __global const float* lse, int lseOff, int V) {
    int r = get_global_id(0);
    __global const float* row = logits + logitsOff + r * V;
    float rowLse = lse[lseOff + r];
    float sum = 0;
    for (int i = 0; i < V; i++) {
        float surprise = rowLse - row[i];
        float p = exp(-surprise);
        if (p > 0) {
            sum += p * surprise;
        }
    }
    entropy[entropyOff + r] = sum;
}
