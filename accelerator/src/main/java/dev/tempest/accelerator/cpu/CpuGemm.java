package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.GemmMicroKernel.MR;
import static dev.tempest.accelerator.cpu.GemmMicroKernel.NR;

import java.util.Arrays;

/**
 * A cache-blocked, packed SIMD GEMM in the GotoBLAS/BLIS shape, with the contract of
 * {@link dev.tempest.accelerator.kernels.Gemm#gemm}: row-major C (M, N) = or += op(A) · op(B).
 *
 * <p>Loops, outermost first: columns of C in NC blocks; the shared dimension in KC slices, each
 * packing a (KC, NC) block of op(B); rows of C in MC blocks, each packing an (MC, KC) block of
 * op(A); then (MR, NR) tiles, NR-column micro-panels outer so that one B micro-panel stays in L1
 * while the kernel streams every A micro-panel of the block past it.
 *
 * <p>Every C element is computed by one thread, summing over k in a fixed order (KC slices in
 * order, ascending within a slice), so the result is bit-identical from run to run, and it does
 * not even depend on the thread count or on {@code parallel}.
 */
public final class CpuGemm {

    // Sweeps of KC over 128..512 and MC over 96..512 (Zen 5, 2 threads) stayed within the 5-10% noise
    // of a shared machine: the kernel is near peak once the working sets below fit their caches.

    /** Depth of a packed slice: a (KC, NR) B micro-panel is 32 KB at NR = 32, inside a 48 KB L1. */
    static final int KC = 256;
    /** Rows of a packed A block: (MC, KC) is 256 KB, a quarter of a 1 MB L2, so it stays resident. */
    static final int MC = 256;
    /** Columns of a packed B block: (KC, NC) is 4 MB, re-read once per A block from L2/L3. */
    static final int NC = 4096;

    /**
     * Below this many rows of a non-transposed A, C is computed row by row without packing: one
     * decoding step of a small batch. Packing B costs about one pass over it per call, which a
     * single row's product does not repay.
     */
    static final int ROWS_UNPACKED = 4;
    /** Multiply-adds below which the unpacked rows stay on the calling thread: a hand-off costs more. */
    static final long ROWS_PARALLEL_WORK = 1 << 19;

    private final Parallel parallel;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    public CpuGemm(Parallel parallel) {
        this.parallel = parallel;
    }

    /**
     * Same contract as {@link dev.tempest.accelerator.kernels.Gemm#gemm}; {@code parallel=false}
     * runs on the calling thread only (it is called from inside other parallel tasks, e.g. per
     * attention head).
     */
    public void gemm(boolean transA, boolean transB, int M, int N, int K,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
        if (M <= 0 || N <= 0) {
            return;
        }
        if (K <= 0) {
            if (!accumulate) {
                for (int i = 0; i < M; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + N, 0f);
                }
            }
            return;
        }
        if (!transA && M < ROWS_UNPACKED) {
            rows(transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, parallel);
            return;
        }
        Operands ops = new Operands(transA, transB, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        int rowPanels = (M + MR - 1) / MR;
        int colPanels = (N + NR - 1) / NR;
        if (!parallel || this.parallel.threads() == 1) {
            block(ops, 0, M, 0, N);
        } else if (splitColumns(transA, transB, M, N, rowPanels, colPanels)) {
            // Chunks of whole NR micro-panels, so only the last chunk has an edge.
            this.parallel.forRange(colPanels, (chunk, from, to) ->
                    block(ops, 0, M, from * NR, Math.min(N, to * NR)));
        } else {
            this.parallel.forRange(rowPanels, (chunk, from, to) ->
                    block(ops, from * MR, Math.min(M, to * MR), 0, N));
        }
    }

    /** {@link GemmRows} over column chunks, split over the threads only where the product is worth a hand-off. */
    private void rows(boolean transB, int M, int N, int K, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
        if (!parallel || (long) M * N * K < ROWS_PARALLEL_WORK) {
            GemmRows.gemm(transB, M, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, 0, N);
            return;
        }
        int panels = (N + NR - 1) / NR;
        this.parallel.forRange(panels, (chunk, from, to) -> GemmRows.gemm(transB, M, K, a, aOff, lda, b, bOff, ldb,
                c, cOff, ldc, accumulate, from * NR, Math.min(N, to * NR)));
    }

    /**
     * Each thread packs the whole of the operand it does not split, so split the dimension that
     * makes that duplicated packing cheaper: columns duplicate A's M·K, rows duplicate B's K·N, and
     * packing a transposed operand costs about twice as much per element (it reads across rows);
     * but never split a dimension too short to give every thread at least two micro-panels.
     */
    private boolean splitColumns(boolean transA, boolean transB, int M, int N, int rowPanels, int colPanels) {
        int threads = this.parallel.threads();
        boolean enoughColumns = colPanels >= 2 * threads;
        boolean enoughRows = rowPanels >= 2 * threads;
        if (enoughColumns != enoughRows) {
            return enoughColumns;
        }
        return (long) M * (transA ? 2 : 1) <= (long) N * (transB ? 2 : 1);
    }

    /** C[i0:i1, j0:j1] = or += op(A)[i0:i1, :] · op(B)[:, j0:j1], on the calling thread. */
    private void block(Operands o, int i0, int i1, int j0, int j1) {
        Workspace ws = workspaces.get();
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < o.K; pc += KC) {
                int kc = Math.min(KC, o.K - pc);
                // The first slice honours accumulate; later slices add to what the first wrote.
                boolean add = o.accumulate || pc > 0;
                float[] bp = ws.b(kc * roundUp(nc, NR));
                GemmPacking.packB(o.transB, o.b, o.bOff, o.ldb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    float[] ap = ws.a(kc * roundUp(mc, MR));
                    GemmPacking.packA(o.transA, o.a, o.aOff, o.lda, ic, mc, pc, kc, ap);
                    tiles(o, ws, ap, bp, ic, mc, jc, nc, kc, add);
                }
            }
        }
    }

    /** Runs the micro-kernel over the packed (mc, kc) A block and (kc, nc) B block. */
    private static void tiles(Operands o, Workspace ws, float[] ap, float[] bp,
                              int ic, int mc, int jc, int nc, int kc, boolean add) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int cAt = o.cOff + (ic + ir) * o.ldc + jc + jr;
                if (rows == MR && cols == NR) {
                    GemmMicroKernel.tile(kc, ap, ir * kc, bp, jr * kc, o.c, cAt, o.ldc, add);
                } else {
                    // An edge tile: run the full tile on a copy of the part inside C, then copy
                    // that part back; the same arithmetic as an interior tile.
                    float[] t = ws.tile;
                    for (int r = 0; r < rows && add; r++) {
                        System.arraycopy(o.c, cAt + r * o.ldc, t, r * NR, cols);
                    }
                    GemmMicroKernel.tile(kc, ap, ir * kc, bp, jr * kc, t, 0, NR, add);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(t, r * NR, o.c, cAt + r * o.ldc, cols);
                    }
                }
            }
        }
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    /** The arguments of one call, shared by the threads that split it. */
    private record Operands(boolean transA, boolean transB, int K,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
    }

    /**
     * One thread's packing buffers, grown on demand and reused across calls. A thread finishes its
     * {@code block} before it can run other work (nothing in it waits on the pool), so one set per
     * thread is never in use twice at once.
     */
    private static final class Workspace {
        private float[] a = new float[0];       // (MC, KC) at most, as MR micro-panels
        private float[] b = new float[0];       // (KC, NC) at most, as NR micro-panels
        final float[] tile = new float[MR * NR]; // (MR, NR), an edge tile before clipping

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }
}
