package dev.tempest.accelerator.cpu;

import dev.tempest.accelerator.host.HostBackend;

/**
 * The default backend: the host kernels split over {@code threads} cores, and the packed SIMD
 * GEMM. Results are reproducible bit for bit for a given thread count.
 */
public final class CpuBackend extends HostBackend {

    public CpuBackend(int threads) {
        this(new Parallel(threads));
    }

    private CpuBackend(Parallel parallel) {
        this(parallel, new CpuGemm(parallel));
    }

    private CpuBackend(Parallel parallel, CpuGemm gemm) {
        super("cpu", parallel, (transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate) ->
                gemm.gemm(transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, true));
    }
}
