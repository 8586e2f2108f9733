// C (M, N) = op(A) (M, K) . op(B) (K, N), or += when accumulate. op(A) is stored (K, M) when
// transA, op(B) (N, K) when transB; all row-major, each from its offset.
//
// A work-group of LOCAL x LOCAL work-items computes one TILE x TILE block of C, each work-item
// a WPT x WPT patch of it held in registers (its rows and columns LOCAL apart, so neighbouring
// work-items touch neighbouring floats). K is walked in slabs of TK, each staged through local
// memory once and read from there TILE times. Edges load zeros and store nothing.
// LOCAL and WPT come from the host (-D), chosen from the device's work-group limit.
#pragma OPENCL FP_CONTRACT ON

#define TILE (LOCAL * WPT)
#define TK 16

__kernel __attribute__((reqd_work_group_size(LOCAL, LOCAL, 1)))
void gemm(__global float* c, int cOff, __global const float* a, int aOff, int transA,
          __global const float* b, int bOff, int transB, int M, int N, int K, int accumulate) {
    __local float aTile[TK][TILE];  // op(A) slab: [k][m]
    __local float bTile[TK][TILE];  // op(B) slab: [k][n]
    int tx = get_local_id(0);       // along n
    int ty = get_local_id(1);       // along m
    int item = ty * LOCAL + tx;
    int m0 = get_group_id(1) * TILE;
    int n0 = get_group_id(0) * TILE;
    a += aOff;
    b += bOff;

    float acc[WPT][WPT];
    for (int wm = 0; wm < WPT; wm++) {
        for (int wn = 0; wn < WPT; wn++) {
            acc[wm][wn] = 0;
        }
    }
    for (int k0 = 0; k0 < K; k0 += TK) {
        // Consecutive work-items load consecutive floats of whichever layout A and B have.
        for (int e = item; e < TK * TILE; e += LOCAL * LOCAL) {
            int kk = transA ? e / TILE : e % TK;
            int mm = transA ? e % TILE : e / TK;
            int m = m0 + mm;
            int k = k0 + kk;
            aTile[kk][mm] = (m < M && k < K) ? (transA ? a[k * M + m] : a[m * K + k]) : 0;
        }
        for (int e = item; e < TK * TILE; e += LOCAL * LOCAL) {
            int kk = transB ? e % TK : e / TILE;
            int nn = transB ? e / TK : e % TILE;
            int n = n0 + nn;
            int k = k0 + kk;
            bTile[kk][nn] = (n < N && k < K) ? (transB ? b[n * K + k] : b[k * N + n]) : 0;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int kk = 0; kk < TK; kk++) {
            float bRow[WPT];
            for (int wn = 0; wn < WPT; wn++) {
                bRow[wn] = bTile[kk][tx + wn * LOCAL];
            }
            for (int wm = 0; wm < WPT; wm++) {
                float aValue = aTile[kk][ty + wm * LOCAL];
                for (int wn = 0; wn < WPT; wn++) {
                    acc[wm][wn] += aValue * bRow[wn];
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    for (int wm = 0; wm < WPT; wm++) {
        int m = m0 + ty + wm * LOCAL;
        for (int wn = 0; wn < WPT; wn++) {
            int n = n0 + tx + wn * LOCAL;
            if (m < M && n < N) {
                int at = cOff + m * N + n;
                c[at] = accumulate ? c[at] + acc[wm][wn] : acc[wm][wn];
            }
        }
    }
}
