package dev.tempest.accelerator.kernels;

/**
 * General matrix multiply, row-major: C (M, N) = op(A) · op(B), or C += op(A) · op(B).
 * op(A) is (M, K): A is stored (M, K), or (K, M) when {@code transA}; op(B) is (K, N): B is
 * stored (K, N), or (N, K) when {@code transB}. {@code lda}, {@code ldb}, {@code ldc} are row
 * strides, so operands may be column blocks of wider matrices (a head of a packed QKV).
 *
 * <p>The plain triple loop, accumulated in double: the oracle the fast GEMMs are tested against.
 */
public final class Gemm {

    private Gemm() {
    }

    public static void gemm(boolean transA, boolean transB, int M, int N, int K,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                double sum = accumulate ? c[cOff + i * ldc + j] : 0;
                for (int p = 0; p < K; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += (double) aip * bpj;
                }
                c[cOff + i * ldc + j] = (float) sum;
            }
        }
    }
}
