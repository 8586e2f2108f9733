// LayerNorm (biased variance, as torch.nn.LayerNorm) and RMSNorm (as Llama) over the last
// dimension C. Row kernels run one work-item per row; the weight gradients, which sum over
// rows, run one work-item per channel, so no two work-items write the same float.
#pragma OPENCL FP_CONTRACT OFF

// out (rows, C) = (x - mean) * rstd * w + b; mean, rstd (rows) kept for backward; global (rows)
__kernel void layernorm_forward(__global float* out, int outOff, __global float* mean, int meanOff,
                                __global float* rstd, int rstdOff, __global const float* x, int xOff,
                                __global const float* w, int wOff, __global const float* b, int bOff,
                                int C, float eps) {
    int r = get_global_id(0);
    __global const float* row = x + xOff + r * C;
    float sum = 0;
    for (int c = 0; c < C; c++) {
        sum += row[c];
    }
    float m = sum / C;
    float squares = 0;
    for (int c = 0; c < C; c++) {
        float d = row[c] - m;
        squares += d * d;
    }
    float s = 1 / sqrt(squares / C + eps);
    __global float* o = out + outOff + r * C;
    for (int c = 0; c < C; c++) {
        o[c] = (row[c] - m) * s * w[wOff + c] + b[bOff + c];
    }
    mean[meanOff + r] = m;
    rstd[rstdOff + r] = s;
}

// dx (rows, C) += the input gradient; global (rows)
__kernel void layernorm_backward_dx(__global float* dx, int dxOff, __global const float* dout, int doutOff,
                                    __global const float* x, int xOff, __global const float* w, int wOff,
                                    __global const float* mean, int meanOff, __global const float* rstd, int rstdOff,
                                    int C) {
    int r = get_global_id(0);
    __global const float* row = x + xOff + r * C;
    __global const float* drow = dout + doutOff + r * C;
    float m = mean[meanOff + r];
    float s = rstd[rstdOff + r];
    float dnormSum = 0;
    float dnormNormSum = 0;
    for (int c = 0; c < C; c++) {
        float norm = (row[c] - m) * s;
        float dnorm = w[wOff + c] * drow[c];
        dnormSum += dnorm;
        dnormNormSum += dnorm * norm;
    }
    float a = dnormSum / C;
    float bb = dnormNormSum / C;
    for (int c = 0; c < C; c++) {
        float norm = (row[c] - m) * s;
        float dnorm = w[wOff + c] * drow[c];
        dx[dxOff + r * C + c] += (dnorm - a - norm * bb) * s;
    }
}

// dw (C) += sum over rows of norm * dout, db (C) += sum of dout; global (C)
__kernel void layernorm_backward_dwdb(__global float* dw, int dwOff, __global float* db, int dbOff,
                                      __global const float* dout, int doutOff, __global const float* x, int xOff,
                                      __global const float* mean, int meanOff, __global const float* rstd, int rstdOff,
                                      int rows, int C) {
    int c = get_global_id(0);
    float dwSum = 0;
    float dbSum = 0;
    for (int r = 0; r < rows; r++) {
        float d = dout[doutOff + r * C + c];
        dwSum += (x[xOff + r * C + c] - mean[meanOff + r]) * rstd[rstdOff + r] * d;
        dbSum += d;
    }
    dw[dwOff + c] += dwSum;
    db[dbOff + c] += dbSum;
}

// out (rows, C) = x * rstd * w; rstd (rows) kept for backward; global (rows)
__kernel void rmsnorm_forward(__global float* out, int outOff, __global float* rstd, int rstdOff,
                              __global const float* x, int xOff, __global const float* w, int wOff, int C, float eps) {
    int r = get_global_id(0);
    __global const float* row = x + xOff + r * C;
    float squares = 0;
    for (int c = 0; c < C; c++) {
        squares += row[c] * row[c];
    }
    float s = 1 / sqrt(squares / C + eps);
    for (int c = 0; c < C; c++) {
        out[outOff + r * C + c] = row[c] * s * w[wOff + c];
    }
    rstd[rstdOff + r] = s;
}

// dx (rows, C) += the input gradient; global (rows)
__kernel void rmsnorm_backward_dx(__global float* dx, int dxOff, __global const float* dout, int doutOff,
                                  __global const float* x, int xOff, __global const float* w, int wOff,
                                  __global const float* rstd, int rstdOff, int C) {
    int r = get_global_id(0);
    __global const float* row = x + xOff + r * C;
    __global const float* drow = dout + doutOff + r * C;
    float s = rstd[rstdOff + r];
    float dnormNormSum = 0;
    for (int c = 0; c < C; c++) {
        dnormNormSum += w[wOff + c] * drow[c] * row[c] * s;
    }
    float mean = dnormNormSum / C;
    for (int c = 0; c < C; c++) {
        dx[dxOff + r * C + c] += (w[wOff + c] * drow[c] - row[c] * s * mean) * s;
    }
}

// dw (C) += sum over rows of norm * dout; global (C)
__kernel void rmsnorm_backward_dw(__global float* dw, int dwOff, __global const float* dout, int doutOff,
                                  __global const float* x, int xOff, __global const float* rstd, int rstdOff,
                                  int rows, int C) {
    int c = get_global_id(0);
    float sum = 0;
    for (int r = 0; r < rows; r++) {
        sum += x[xOff + r * C + c] * rstd[rstdOff + r] * dout[doutOff + r * C + c];
    }
    dw[dwOff + c] += sum;
}
