package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * c (M, N) = op(a) op(b), or += when accumulating; row-major. The transposes arrive as strides:
 * op(a)[i][p] = a[i*aRow + p*aCol], op(b)[p][j] = b[p*bRow + j*bCol].
 */
public final class GemmKernels {

    /** Work-items per side of a work-group and of the tiles it shares; KernelPlan launches 16 x 16 groups. */
    public static final int TILE = 16;

    private GemmKernels() {
    }

    /**
     * One work-item per element of c (x = column j, y = row i), in 16 x 16 groups that step
     * through K a tile at a time: each work-item loads one float of op(a)'s tile and one of
     * op(b)'s into local memory (zeros past the edges), then every work-item reads 16 of each.
     * args: M, N, K, c, a, b, aRow, aCol, bRow, bCol, accumulate.
     */
    public static void matmul(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int M = args.get(0);
        int N = args.get(1);
        int K = args.get(2);
        int a = args.get(4);
        int b = args.get(5);
        int aRow = args.get(6);
        int aCol = args.get(7);
        int bRow = args.get(8);
        int bCol = args.get(9);
        int lx = context.localIdx;
        int ly = context.localIdy;
        int j = context.globalIdx;
        int i = context.globalIdy;
        float[] aTile = context.allocateFloatLocalArray(256); // (TILE, TILE): rows i, columns p
        float[] bTile = context.allocateFloatLocalArray(256); // (TILE, TILE): rows p, columns j
        float sum = 0f;
        for (int p0 = 0; p0 < K; p0 += 16) {
            int pa = p0 + lx;
            int pb = p0 + ly;
            if (i < M && pa < K) {
                aTile[ly * 16 + lx] = heap.get(a + i * aRow + pa * aCol);
            } else {
                aTile[ly * 16 + lx] = 0f;
            }
            if (pb < K && j < N) {
                bTile[ly * 16 + lx] = heap.get(b + pb * bRow + j * bCol);
            } else {
                bTile[ly * 16 + lx] = 0f;
            }
            context.localBarrier();
            for (int q = 0; q < 16; q++) {
                sum += aTile[ly * 16 + q] * bTile[q * 16 + lx];
            }
            context.localBarrier();
        }
        if (i < M && j < N) {
            int c = args.get(3) + i * N + j;
            if (args.get(10) == 1) {
                heap.set(c, heap.get(c) + sum);
            } else {
                heap.set(c, sum);
            }
        }
    }
}
