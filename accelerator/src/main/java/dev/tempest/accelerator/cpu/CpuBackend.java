package dev.tempest.accelerator.cpu;

import dev.tempest.accelerator.AdamWSettings;
import dev.tempest.accelerator.SamplingSettings;
import dev.tempest.accelerator.host.HostBackend;

/**
 * The default backend: the host kernels split over {@code threads} cores, the packed SIMD GEMM,
 * and SIMD kernels of its own where the oracle's loops are slow: attention as GEMMs (cached
 * decoding too), GELU and the token log-likelihood on a vector exp, sampling in O(V) a row, layernorm, the bias gradient row by row, and AdamW (the
 * oracle's arithmetic, only wider). Results are reproducible bit for bit for a given thread count.
 */
public final class CpuBackend extends HostBackend {

    private final CpuAttention attention;

    public CpuBackend(int threads) {
        this(new Parallel(threads));
    }

    private CpuBackend(Parallel parallel) {
        this(parallel, new CpuGemm(parallel));
    }

    private CpuBackend(Parallel parallel, CpuGemm gemm) {
        super("cpu", parallel, (transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate) ->
                gemm.gemm(transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, true));
        this.attention = new CpuAttention(gemm);
    }

    @Override
    protected void biasBackwardColumns(float[] dbias, int dbiasOff, float[] dout, int doutOff, int rows, int N,
                                       int from, int to) {
        CpuBiasGradient.backward(dbias, dbiasOff, dout, doutOff, rows, N, from, to);
    }

    @Override
    protected void layerNormForwardRows(float[] out, int outOff, float[] mean, int meanOff, float[] rstd, int rstdOff,
                                        float[] x, int xOff, float[] w, int wOff, float[] b, int bOff,
                                        int C, float eps, int from, int to) {
        CpuLayerNorm.forward(out, outOff, mean, meanOff, rstd, rstdOff, x, xOff, w, wOff, b, bOff, C, eps, from, to);
    }

    @Override
    protected void layerNormBackwardRows(float[] dx, int dxOff, float[] dw, int dwOff, float[] db, int dbOff,
                                         float[] dout, int doutOff, float[] x, int xOff, float[] w, int wOff,
                                         float[] mean, int meanOff, float[] rstd, int rstdOff, int C, int from, int to) {
        CpuLayerNorm.backward(dx, dxOff, dw, dwOff, db, dbOff, dout, doutOff, x, xOff, w, wOff, mean, meanOff,
                rstd, rstdOff, C, from, to);
    }

    @Override
    protected void geluForwardRange(float[] out, int outOff, float[] x, int xOff, int from, int to) {
        CpuGelu.forward(out, outOff, x, xOff, from, to);
    }

    @Override
    protected void geluBackwardRange(float[] dx, int dxOff, float[] x, int xOff, float[] dout, int doutOff,
                                     int from, int to) {
        CpuGelu.backward(dx, dxOff, x, xOff, dout, doutOff, from, to);
    }

    @Override
    protected void attentionForwardGroups(float[] out, int outOff, float[] lse, int lseOff,
                                          float[] q, int qOff, int qStride, float[] k, int kOff, float[] v, int vOff,
                                          int kvStride, int[] firstKeys, int B, int T, int H, int Hkv, int D,
                                          int from, int to) {
        attention.forward(out, outOff, lse, lseOff, q, qOff, qStride, k, kOff, v, vOff, kvStride, firstKeys,
                B, T, H, Hkv, D, from, to);
    }

    @Override
    protected void attentionBackwardGroups(float[] dq, int dqOff, float[] dk, int dkOff, float[] dv, int dvOff,
                                           float[] dout, int doutOff, float[] q, int qOff, int qStride,
                                           float[] k, int kOff, float[] v, int vOff, int kvStride,
                                           float[] out, int outOff, float[] lse, int lseOff, int[] firstKeys,
                                           int B, int T, int H, int Hkv, int D, int from, int to) {
        attention.backward(dq, dqOff, dk, dkOff, dv, dvOff, dout, doutOff, q, qOff, qStride, k, kOff, v, vOff,
                kvStride, out, outOff, lse, lseOff, firstKeys, B, T, H, Hkv, D, from, to);
    }

    @Override
    protected void attentionForwardCachedGroups(float[] out, int outOff, float[] q, int qOff, int qStride,
                                                float[] kCache, int kOff, float[] vCache, int vOff, int[] firstKeys,
                                                int B, int Tq, int start, int Tmax, int H, int Hkv, int D,
                                                int from, int to) {
        attention.forwardCached(out, outOff, q, qOff, qStride, kCache, kOff, vCache, vOff, firstKeys, Tq, start, Tmax,
                H, Hkv, D, from, to);
    }

    @Override
    protected void tokenLogProbsForwardRows(float[] logp, int logpOff, float[] lse, int lseOff,
                                            float[] logits, int logitsOff, int[] targets, int V, int from, int to) {
        CpuTokenLogProbs.forward(logp, logpOff, lse, lseOff, logits, logitsOff, targets, V, from, to);
    }

    @Override
    protected void tokenLogProbsBackwardRows(float[] dlogits, int dlogitsOff, float[] dlogp, int dlogpOff,
                                             float[] logits, int logitsOff, float[] lse, int lseOff, int[] targets,
                                             int V, int from, int to) {
        CpuTokenLogProbs.backward(dlogits, dlogitsOff, dlogp, dlogpOff, logits, logitsOff, lse, lseOff, targets, V,
                from, to);
    }

    @Override
    protected void sampleTokensRows(int[] ids, float[] logProbs, float[] logits, int logitsOff, float[] uniforms, int V,
                                    SamplingSettings settings, int from, int to) {
        CpuTokenSampling.draw(ids, logProbs, logits, logitsOff, uniforms, V, settings, from, to);
    }

    @Override
    protected void adamwRange(float[] params, int pOff, float[] grads, int gOff, float[] m, int mOff,
                              float[] v, int vOff, AdamWSettings a, int step, int from, int to) {
        CpuAdamW.step(params, pOff, grads, gOff, m, mOff, v, vOff, a, step, from, to);
    }
}
