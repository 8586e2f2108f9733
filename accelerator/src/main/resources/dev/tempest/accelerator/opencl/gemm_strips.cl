// C (M, N) = op(A) (M, K) . B (K, N), or += when accumulate, for CPU devices: drivers that run
// work-items as loops (PoCL, ...) are slow at local memory and barriers but turn explicit
// vector types into SIMD registers. Each work-item computes ROWS rows x 16 columns of C: per k
// it loads one float16 of B's row and reuses it for ROWS rows of A. op(A) is stored (K, M)
// when transA; B must be stored (K, N) (the host transposes one stored (N, K) first). A strip
// that would pass N is done column by column.
// ROWS comes from the host (-D).
#pragma OPENCL FP_CONTRACT ON

#define STRIP 16

// dst (cols, rows) = src (rows, cols) transposed; global (cols, rows)
__kernel void transpose(__global float* dst, int dstOff, __global const float* src, int srcOff, int cols) {
    int j = get_global_id(0);
    int i = get_global_id(1);
    dst[dstOff + j * get_global_size(1) + i] = src[srcOff + i * cols + j];
}

// global (ceil(N / 16), ceil(M / ROWS))
__kernel void gemm_strips(__global float* c, int cOff, __global const float* a, int aOff, int transA,
                          __global const float* b, int bOff, int M, int N, int K, int accumulate) {
    int n0 = get_global_id(0) * STRIP;
    int m0 = get_global_id(1) * ROWS;
    int rows = min(ROWS, M - m0);
    c += cOff;
    a += aOff;
    b += bOff;
    // Row i of op(A) is read at a[i * rowStep + k * kStep]; rows past M re-read row M - 1 and are not stored.
    int rowStep = transA ? 1 : K;
    int kStep = transA ? M : 1;
    if (n0 + STRIP <= N) {
        float16 acc[ROWS];
        for (int i = 0; i < ROWS; i++) {
            acc[i] = (float16) (0);
        }
        for (int k = 0; k < K; k++) {
            float16 bRow = vload16(0, b + k * N + n0);
            for (int i = 0; i < ROWS; i++) {
                acc[i] += a[min(m0 + i, M - 1) * rowStep + k * kStep] * bRow;
            }
        }
        for (int i = 0; i < rows; i++) {
            __global float* cRow = c + (m0 + i) * N + n0;
            vstore16(accumulate ? vload16(0, cRow) + acc[i] : acc[i], 0, cRow);
        }
    } else {
        for (int n = n0; n < N; n++) {
            for (int i = 0; i < rows; i++) {
                float sum = 0;
                for (int k = 0; k < K; k++) {
                    sum += a[(m0 + i) * rowStep + k * kStep] * b[k * N + n];
                }
                int at = (m0 + i) * N + n;
                c[at] = accumulate ? c[at] + sum : sum;
            }
        }
    }
}
