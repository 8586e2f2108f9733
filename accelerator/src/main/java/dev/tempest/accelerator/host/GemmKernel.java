package dev.tempest.accelerator.host;

/** A GEMM on host arrays with the contract of {@link dev.tempest.accelerator.kernels.Gemm#gemm}. */
@FunctionalInterface
public interface GemmKernel {

    void gemm(boolean transA, boolean transB, int M, int N, int K,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float[] c, int cOff, int ldc, boolean accumulate);
}
