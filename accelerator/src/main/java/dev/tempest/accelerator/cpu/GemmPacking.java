package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.GemmMicroKernel.L;
import static dev.tempest.accelerator.cpu.GemmMicroKernel.MR;
import static dev.tempest.accelerator.cpu.GemmMicroKernel.NR;
import static dev.tempest.accelerator.cpu.GemmMicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of op(A) and op(B) into the layout {@link GemmMicroKernel} reads: micro-panels
 * that the kernel walks front to back with unit stride. This is the one place that knows about
 * transposes and leading dimensions. Rows of A past M and columns of B past N are written as
 * zeros, so edge tiles run the same kernel; their extra outputs are thrown away.
 */
final class GemmPacking {

    private GemmPacking() {
    }

    /**
     * Packs op(A)[i0 : i0+mc, p0 : p0+kc] into {@code ap} as ceil(mc / MR) micro-panels, each
     * (kc, MR): micro-panel q holds rows i0 + q*MR .. + MR, column p's MR values side by side.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda,
                      int i0, int mc, int p0, int kc, float[] ap) {
        if (transA) {
            packATransposed(a, aOff, lda, i0, mc, p0, kc, ap);
            return;
        }
        // A is stored (M, K): read each row once, scattering it down its micro-panel with stride MR.
        for (int ir = 0, panel = 0; ir < mc; ir += MR, panel += MR * kc) {
            int rows = Math.min(MR, mc - ir);
            for (int r = 0; r < rows; r++) {
                int src = aOff + (i0 + ir + r) * lda + p0;
                for (int p = 0; p < kc; p++) {
                    ap[panel + p * MR + r] = a[src + p];
                }
            }
            for (int r = rows; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    ap[panel + p * MR + r] = 0f;
                }
            }
        }
    }

    /**
     * {@link #packA} when A is stored (K, M): op(A)'s column p is a run of A's row p. One micro-panel
     * takes only MR floats (half a cache line) from each of kc rows lda apart, so going panel by
     * panel would fetch every line twice and stride through kc pages per panel; instead sweep A's
     * rows once, dealing each row's run out to all the micro-panels (2x faster measured).
     */
    private static void packATransposed(float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] ap) {
        for (int p = 0; p < kc; p++) {
            int src = aOff + (p0 + p) * lda + i0;
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int dst = ir * kc + p * MR;
                if (rows == MR) {
                    System.arraycopy(a, src + ir, ap, dst, MR); // a constant 8 floats: C2 emits one vector move
                    continue;
                }
                for (int r = 0; r < rows; r++) {
                    ap[dst + r] = a[src + ir + r];
                }
                for (int r = rows; r < MR; r++) {
                    ap[dst + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 : p0+kc, j0 : j0+nc] into {@code bp} as ceil(nc / NR) micro-panels, each
     * (kc, NR): micro-panel q holds columns j0 + q*NR .. + NR, row p's NR values side by side.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb,
                      int p0, int kc, int j0, int nc, float[] bp) {
        for (int jr = 0, panel = 0; jr < nc; jr += NR, panel += NR * kc) {
            int cols = Math.min(NR, nc - jr);
            if (transB) {
                // B is stored (N, K): op(B)'s column j is a contiguous run of B's row j.
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) {
                        bp[panel + p * NR + j] = b[src + p];
                    }
                }
                for (int j = cols; j < NR; j++) {
                    for (int p = 0; p < kc; p++) {
                        bp[panel + p * NR + j] = 0f;
                    }
                }
            } else if (cols == NR) {
                // B is stored (K, N) and the panel is full: a row of it is two vector copies.
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    int dst = panel + p * NR;
                    FloatVector.fromArray(SPECIES, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(SPECIES, b, src + L).intoArray(bp, dst + L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    int dst = panel + p * NR;
                    for (int j = 0; j < cols; j++) {
                        bp[dst + j] = b[src + j];
                    }
                    for (int j = cols; j < NR; j++) {
                        bp[dst + j] = 0f;
                    }
                }
            }
        }
    }
}
