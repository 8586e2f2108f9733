// The small kernels: residual add, accumulate, strided row copies, scale, bias, AdamW and the sum of squares.
// Buffers come with their offset in floats (slices of one allocation). One work-item per
// element unless a kernel says otherwise. No contraction into fma: the scalar oracle rounds
// every product.
#pragma OPENCL FP_CONTRACT OFF

// out = a + b
__kernel void add(__global float* out, int outOff, __global const float* a, int aOff,
                  __global const float* b, int bOff) {
    int i = get_global_id(0);
    out[outOff + i] = a[aOff + i] + b[bOff + i];
}

// dst += src
__kernel void accumulate(__global float* dst, int dstOff, __global const float* src, int srcOff) {
    int i = get_global_id(0);
    dst[dstOff + i] += src[srcOff + i];
}

// dst row r (rows, width) = src row r, rows dstStride and srcStride apart; global (width, rows)
__kernel void copy_rows(__global float* dst, int dstOff, int dstStride, __global const float* src, int srcOff,
                        int srcStride) {
    int c = get_global_id(0);
    int r = get_global_id(1);
    dst[dstOff + r * dstStride + c] = src[srcOff + r * srcStride + c];
}

// x *= factor
__kernel void scale(__global float* x, int xOff, float factor) {
    int i = get_global_id(0);
    x[xOff + i] *= factor;
}

// out (rows, N) += bias (N); global (N, rows)
__kernel void add_bias(__global float* out, int outOff, __global const float* bias, int biasOff, int N) {
    int j = get_global_id(0);
    int r = get_global_id(1);
    out[outOff + r * N + j] += bias[biasOff + j];
}

// dbias (N) += column sums of dout (rows, N); one work-item per column
__kernel void bias_backward(__global float* dbias, int dbiasOff, __global const float* dout, int doutOff,
                            int rows, int N) {
    int j = get_global_id(0);
    float sum = 0;
    for (int r = 0; r < rows; r++) {
        sum += dout[doutOff + r * N + j];
    }
    dbias[dbiasOff + j] += sum;
}

// One AdamW step as torch: stepSize = lr / (1 - beta1^step), correction2Sqrt = sqrt(1 - beta2^step),
// decay = 1 - lr * weightDecay, all computed on the host as the oracle does.
__kernel void adamw(__global float* p, int pOff, __global const float* g, int gOff, __global float* m, int mOff,
                    __global float* v, int vOff, float beta1, float beta2, float eps, float stepSize,
                    float correction2Sqrt, float decay) {
    int i = get_global_id(0);
    float gi = g[gOff + i];
    float mi = beta1 * m[mOff + i] + (1 - beta1) * gi;
    float vi = beta2 * v[vOff + i] + (1 - beta2) * gi * gi;
    m[mOff + i] = mi;
    v[vOff + i] = vi;
    float denom = sqrt(vi) / correction2Sqrt + eps;
    p[pOff + i] = p[pOff + i] * decay - stepSize * mi / denom;
}

// partials[group] = sum of x^2 over a grid-strided share of x (n); the host adds the partials.
// The local size is a power of two.
__kernel void sum_of_squares(__global const float* x, int xOff, int n, __global float* partials, int partialsOff,
                             __local float* scratch) {
    int lid = get_local_id(0);
    float sum = 0;
    for (int i = get_global_id(0); i < n; i += get_global_size(0)) {
        float value = x[xOff + i];
        sum += value * value;
    }
    scratch[lid] = sum;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int width = get_local_size(0) / 2; width > 0; width >>= 1) {
        if (lid < width) {
            scratch[lid] += scratch[lid + width];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        partials[partialsOff + get_group_id(0)] = scratch[0];
    }
}
