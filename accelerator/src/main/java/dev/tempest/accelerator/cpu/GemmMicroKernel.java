package dev.tempest.accelerator.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner product of the packed GEMM: an (MR, NR) tile of C held in
 * MR × 2 vector registers while the kernel walks the shared dimension of one packed panel pair.
 *
 * <p>Per step p it loads one row of the B micro-panel as two vectors, broadcasts each of the MR
 * values of the A micro-panel's column p, and does MR × 2 fused multiply-adds: 16 FMAs for 10
 * loads, enough for the two FMA pipes to stay busy. 16 accumulators + 2 B vectors + a broadcast
 * fit in the 32 AVX-512 registers without spilling. Taller (12 × 2) or wider (8 × 3, 6 × 4) tiles
 * ran the same within noise (~200 GFLOP/s a Zen 5 core, near its peak); 8 × 2 keeps tiles small,
 * so fewer edge tiles, and NR = 32 divides the usual model widths.
 */
final class GemmMicroKernel {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int L = SPECIES.length();
    /** Rows of C per tile: the A micro-panel's height. */
    static final int MR = 8;
    /** Columns of C per tile: two vectors, the B micro-panel's width. */
    static final int NR = 2 * L;

    private GemmMicroKernel() {
    }

    /**
     * C tile (MR, NR) at {@code c[cOff]} with row stride {@code ldc} += (or =, when not
     * {@code add}) the product of the A micro-panel {@code ap[aOff..]} laid out (kc, MR) and the
     * B micro-panel {@code bp[bOff..]} laid out (kc, NR). Each element adds its kc terms to C in
     * ascending p, one FMA each, so its value depends only on its row of A and column of B.
     */
    static void tile(int kc, float[] ap, int aOff, float[] bp, int bOff,
                     float[] c, int cOff, int ldc, boolean add) {
        FloatVector c00, c01;
        FloatVector c10, c11;
        FloatVector c20, c21;
        FloatVector c30, c31;
        FloatVector c40, c41;
        FloatVector c50, c51;
        FloatVector c60, c61;
        FloatVector c70, c71;
        // One branch for the whole tile: per-register helpers would overflow C2's inlining budget,
        // and a vector op that is not inlined is boxed and runs ~100x slower.
        if (add) {
            c00 = FloatVector.fromArray(SPECIES, c, cOff);
            c01 = FloatVector.fromArray(SPECIES, c, cOff + L);
            c10 = FloatVector.fromArray(SPECIES, c, cOff + ldc);
            c11 = FloatVector.fromArray(SPECIES, c, cOff + ldc + L);
            c20 = FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc);
            c21 = FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + L);
            c30 = FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc);
            c31 = FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + L);
            c40 = FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc);
            c41 = FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + L);
            c50 = FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc);
            c51 = FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + L);
            c60 = FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc);
            c61 = FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc + L);
            c70 = FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc);
            c71 = FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc + L);
        } else {
            c00 = FloatVector.zero(SPECIES);
            c01 = FloatVector.zero(SPECIES);
            c10 = FloatVector.zero(SPECIES);
            c11 = FloatVector.zero(SPECIES);
            c20 = FloatVector.zero(SPECIES);
            c21 = FloatVector.zero(SPECIES);
            c30 = FloatVector.zero(SPECIES);
            c31 = FloatVector.zero(SPECIES);
            c40 = FloatVector.zero(SPECIES);
            c41 = FloatVector.zero(SPECIES);
            c50 = FloatVector.zero(SPECIES);
            c51 = FloatVector.zero(SPECIES);
            c60 = FloatVector.zero(SPECIES);
            c61 = FloatVector.zero(SPECIES);
            c70 = FloatVector.zero(SPECIES);
            c71 = FloatVector.zero(SPECIES);
        }
        for (int p = 0, a = aOff, b = bOff; p < kc; p++, a += MR, b += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, b);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, b + L);
            FloatVector ai = FloatVector.broadcast(SPECIES, ap[a]);
            c00 = ai.fma(b0, c00);
            c01 = ai.fma(b1, c01);
            ai = FloatVector.broadcast(SPECIES, ap[a + 1]);
            c10 = ai.fma(b0, c10);
            c11 = ai.fma(b1, c11);
            ai = FloatVector.broadcast(SPECIES, ap[a + 2]);
            c20 = ai.fma(b0, c20);
            c21 = ai.fma(b1, c21);
            ai = FloatVector.broadcast(SPECIES, ap[a + 3]);
            c30 = ai.fma(b0, c30);
            c31 = ai.fma(b1, c31);
            ai = FloatVector.broadcast(SPECIES, ap[a + 4]);
            c40 = ai.fma(b0, c40);
            c41 = ai.fma(b1, c41);
            ai = FloatVector.broadcast(SPECIES, ap[a + 5]);
            c50 = ai.fma(b0, c50);
            c51 = ai.fma(b1, c51);
            ai = FloatVector.broadcast(SPECIES, ap[a + 6]);
            c60 = ai.fma(b0, c60);
            c61 = ai.fma(b1, c61);
            ai = FloatVector.broadcast(SPECIES, ap[a + 7]);
            c70 = ai.fma(b0, c70);
            c71 = ai.fma(b1, c71);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
    }
}
