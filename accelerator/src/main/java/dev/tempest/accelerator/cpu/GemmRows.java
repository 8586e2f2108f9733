package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.GemmMicroKernel.L;
import static dev.tempest.accelerator.cpu.GemmMicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * C (M, N) = or += A (M, K) · op(B) for a few rows of A, without packing: one decoding step of
 * a small batch, where packing B (the weights) cost more than the product. Each element adds its
 * K terms to C (or to 0) in ascending k, one fused multiply-add each, as the packed GEMM's
 * micro-kernel does, so a row of C has the same bits whichever path computed it, and whatever M.
 */
final class GemmRows {

    private GemmRows() {
    }

    /** Columns [j0, j1) of rows [0, M) of C; A not transposed, B (K, N) or, when transB, (N, K). */
    static void gemm(boolean transB, int M, int K, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate, int j0, int j1) {
        for (int i = 0; i < M; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            if (transB) {
                dots(K, a, ai, b, bOff, ldb, c, ci, accumulate, j0, j1);
            } else {
                axpys(K, a, ai, b, bOff, ldb, c, ci, accumulate, j0, j1);
            }
        }
    }

    /** c[j] (+)= sum_k a[k] b[k, j]: B's rows streamed once, L columns per lane vector, four vectors at a time. */
    private static void axpys(int K, float[] a, int ai, float[] b, int bOff, int ldb, float[] c, int ci,
                              boolean accumulate, int j0, int j1) {
        int j = j0;
        for (; j <= j1 - 4 * L; j += 4 * L) {
            FloatVector c0 = start(c, ci + j, accumulate);
            FloatVector c1 = start(c, ci + j + L, accumulate);
            FloatVector c2 = start(c, ci + j + 2 * L, accumulate);
            FloatVector c3 = start(c, ci + j + 3 * L, accumulate);
            for (int k = 0, row = bOff + j; k < K; k++, row += ldb) {
                FloatVector ak = FloatVector.broadcast(SPECIES, a[ai + k]);
                c0 = ak.fma(FloatVector.fromArray(SPECIES, b, row), c0);
                c1 = ak.fma(FloatVector.fromArray(SPECIES, b, row + L), c1);
                c2 = ak.fma(FloatVector.fromArray(SPECIES, b, row + 2 * L), c2);
                c3 = ak.fma(FloatVector.fromArray(SPECIES, b, row + 3 * L), c3);
            }
            c0.intoArray(c, ci + j);
            c1.intoArray(c, ci + j + L);
            c2.intoArray(c, ci + j + 2 * L);
            c3.intoArray(c, ci + j + 3 * L);
        }
        for (; j <= j1 - L; j += L) {
            FloatVector c0 = start(c, ci + j, accumulate);
            for (int k = 0, row = bOff + j; k < K; k++, row += ldb) {
                c0 = FloatVector.broadcast(SPECIES, a[ai + k]).fma(FloatVector.fromArray(SPECIES, b, row), c0);
            }
            c0.intoArray(c, ci + j);
        }
        for (; j < j1; j++) {
            float sum = accumulate ? c[ci + j] : 0f;
            for (int k = 0; k < K; k++) {
                sum = Math.fma(a[ai + k], b[bOff + k * ldb + j], sum);
            }
            c[ci + j] = sum;
        }
    }

    /** c[j] (+)= sum_k a[k] b[j, k]: eight columns' chains at a time, so their fused multiply-adds overlap. */
    private static void dots(int K, float[] a, int ai, float[] b, int bOff, int ldb, float[] c, int ci,
                             boolean accumulate, int j0, int j1) {
        int j = j0;
        for (; j <= j1 - 8; j += 8) {
            float s0 = accumulate ? c[ci + j] : 0f, s1 = accumulate ? c[ci + j + 1] : 0f;
            float s2 = accumulate ? c[ci + j + 2] : 0f, s3 = accumulate ? c[ci + j + 3] : 0f;
            float s4 = accumulate ? c[ci + j + 4] : 0f, s5 = accumulate ? c[ci + j + 5] : 0f;
            float s6 = accumulate ? c[ci + j + 6] : 0f, s7 = accumulate ? c[ci + j + 7] : 0f;
            int r = bOff + j * ldb;
            for (int k = 0; k < K; k++, r++) {
                float ak = a[ai + k];
                s0 = Math.fma(ak, b[r], s0);
                s1 = Math.fma(ak, b[r + ldb], s1);
                s2 = Math.fma(ak, b[r + 2 * ldb], s2);
                s3 = Math.fma(ak, b[r + 3 * ldb], s3);
                s4 = Math.fma(ak, b[r + 4 * ldb], s4);
                s5 = Math.fma(ak, b[r + 5 * ldb], s5);
                s6 = Math.fma(ak, b[r + 6 * ldb], s6);
                s7 = Math.fma(ak, b[r + 7 * ldb], s7);
            }
            c[ci + j] = s0;
            c[ci + j + 1] = s1;
            c[ci + j + 2] = s2;
            c[ci + j + 3] = s3;
            c[ci + j + 4] = s4;
            c[ci + j + 5] = s5;
            c[ci + j + 6] = s6;
            c[ci + j + 7] = s7;
        }
        for (; j < j1; j++) {
            float sum = accumulate ? c[ci + j] : 0f;
            for (int k = 0, r = bOff + j * ldb; k < K; k++) {
                sum = Math.fma(a[ai + k], b[r + k], sum);
            }
            c[ci + j] = sum;
        }
    }

    private static FloatVector start(float[] c, int at, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(SPECIES, c, at) : FloatVector.zero(SPECIES);
    }
}
