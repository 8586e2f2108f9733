package dev.tempest.accelerator.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tempest.accelerator.kernels.Gemm;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuGemmTest {

    /** (M, N, K): odd sizes off every vector width and tile edge, plus blocks past MC, KC and NC. */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {1, 17, 3}, {3, 1, 7}, {7, 33, 1}, {17, 3, 65}, {33, 65, 17},
            {65, 127, 33}, {127, 130, 7}, {130, 31, 127}, {8, 32, 16}, {16, 64, 256},
            {300, 70, 600},  // 2 MC blocks, 3 KC slices
            {9, 4200, 5},    // 2 NC blocks
            {5, 6, 0},       // empty sum: C = 0, or C unchanged when accumulating
    };

    @Test
    void matchesScalarOracleOnOddShapesTransposesAndPaddedOperands() {
        Random random = new Random(42);
        for (int threads = 1; threads <= 3; threads++) {
            try (Parallel parallel = new Parallel(threads)) {
                CpuGemm gemm = new CpuGemm(parallel);
                for (int[] shape : SHAPES) {
                    for (int variant = 0; variant < 8; variant++) {
                        boolean transA = (variant & 1) != 0;
                        boolean transB = (variant & 2) != 0;
                        boolean accumulate = (variant & 4) != 0;
                        // Vary the split mode and the padding with the case, to cover them without a product.
                        boolean useThreads = (variant + threads) % 2 == 0;
                        int pad = random.nextInt(3) * 5;
                        checkAgainstOracle(gemm, random, shape[0], shape[1], shape[2],
                                transA, transB, accumulate, useThreads, pad, threads);
                    }
                }
            }
        }
    }

    @Test
    void repeatedRunsAreBitIdentical() {
        try (Parallel parallel = new Parallel(3)) {
            CpuGemm gemm = new CpuGemm(parallel);
            float[] first = product(gemm, true, 1);
            float[] second = product(gemm, true, 1);
            assertArrayEquals(first, second);
        }
    }

    @Test
    void resultDoesNotDependOnThreadCountOrSplit() {
        float[] reference;
        try (Parallel one = new Parallel(1)) {
            reference = product(new CpuGemm(one), false, 7);
        }
        for (int threads = 2; threads <= 3; threads++) {
            try (Parallel parallel = new Parallel(threads)) {
                assertArrayEquals(reference, product(new CpuGemm(parallel), true, 7), threads + " threads");
            }
        }
    }

    /**
     * A row of C has the same bits whether it was one of a few rows (unpacked, {@link GemmRows})
     * or of many (packed): a sequence decoded alone and in a batch gets the same logits.
     */
    @Test
    void fewRowsEqualTheSameRowsOfALargerProductBitForBit() {
        Random random = new Random(5);
        int M = 9;
        try (Parallel parallel = new Parallel(2)) {
            CpuGemm gemm = new CpuGemm(parallel);
            for (int[] nk : new int[][] {{7, 5}, {70, 300}, {2100, 260}}) { // edges, two KC slices, a split product
                int N = nk[0], K = nk[1];
                for (int variant = 0; variant < 4; variant++) {
                    boolean transB = (variant & 1) != 0;
                    boolean accumulate = (variant & 2) != 0;
                    float[] a = randomArray(random, M * K);
                    float[] b = randomArray(random, N * K);
                    float[] start = randomArray(random, M * N);
                    float[] many = start.clone();
                    gemm.gemm(false, transB, M, N, K, a, 0, K, b, 0, transB ? K : N, many, 0, N, accumulate, true);
                    for (int rows = 1; rows < CpuGemm.ROWS_UNPACKED; rows++) {
                        float[] few = Arrays.copyOfRange(start, 2 * N, (2 + rows) * N);
                        gemm.gemm(false, transB, rows, N, K, a, 2 * K, K, b, 0, transB ? K : N, few, 0, N, accumulate,
                                true);
                        assertArrayEquals(Arrays.copyOfRange(many, 2 * N, (2 + rows) * N), few,
                                rows + " rows, N " + N + ", K " + K + ", transB " + transB + ", accumulate " + accumulate);
                    }
                }
            }
        }
    }

    /** A·Bᵀ += over a shape with edge tiles and two KC slices, from fixed data. */
    private static float[] product(CpuGemm gemm, boolean parallel, long seed) {
        int M = 133, N = 77, K = 300;
        Random random = new Random(seed);
        float[] a = randomArray(random, M * K);
        float[] b = randomArray(random, N * K);
        float[] c = randomArray(random, M * N);
        gemm.gemm(false, true, M, N, K, a, 0, K, b, 0, K, c, 0, N, true, parallel);
        return c;
    }

    /**
     * Runs one case on operands embedded in larger arrays (offsets, row strides {@code pad} wider
     * than the logical width), then checks every element of C against the double-accumulated
     * oracle and that nothing outside C's logical block was written.
     */
    private static void checkAgainstOracle(CpuGemm gemm, Random random, int M, int N, int K,
                                           boolean transA, boolean transB, boolean accumulate,
                                           boolean parallel, int pad, int threads) {
        int lda = (transA ? M : K) + pad;
        int ldb = (transB ? K : N) + pad;
        int ldc = N + pad;
        int aOff = pad + 1, bOff = 2 * pad + 3, cOff = pad + 2;
        float[] a = randomArray(random, aOff + (transA ? K : M) * lda);
        float[] b = randomArray(random, bOff + (transB ? N : K) * ldb);
        float[] c = randomArray(random, cOff + M * ldc);
        float[] expected = c.clone();
        float[] actual = c.clone();

        Gemm.gemm(transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, expected, cOff, ldc, accumulate);
        gemm.gemm(transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, actual, cOff, ldc, accumulate, parallel);

        String name = String.format("M=%d N=%d K=%d transA=%b transB=%b accumulate=%b parallel=%b pad=%d threads=%d",
                M, N, K, transA, transB, accumulate, parallel, pad, threads);
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                int at = cOff + i * ldc + j;
                // Float32 accumulation of K terms differs from the double-accumulated oracle by at
                // most about K * 2^-24 * (|c| + sum |a*b|); 1e-5 * sqrt(K + 1) covers that for any
                // K below ~27,000 yet is far below one misplaced term of the sum.
                double magnitude = accumulate ? Math.abs(c[at]) : 0;
                for (int p = 0; p < K; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    magnitude += Math.abs((double) aip * bpj);
                }
                double tolerance = 1e-5 * Math.sqrt(K + 1) * magnitude;
                if (Math.abs(actual[at] - expected[at]) > tolerance) {
                    fail(name + ": C[" + i + "][" + j + "] = " + actual[at] + ", expected " + expected[at]
                            + " within " + tolerance);
                }
            }
        }
        // Outside the logical block (offset prefix, padding columns) C must be untouched.
        for (int at = 0; at < c.length; at++) {
            int row = (at - cOff) / ldc, col = (at - cOff) % ldc;
            boolean inside = at >= cOff && row < M && col < N;
            if (!inside) {
                assertEquals(c[at], actual[at], name + ": wrote outside C at index " + at);
            }
        }
    }

    private static float[] randomArray(Random random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        return x;
    }
}
