package dev.tempest.bench;

import dev.tempest.accelerator.cpu.CpuGemm;
import dev.tempest.accelerator.cpu.Parallel;
import dev.tempest.accelerator.kernels.Gemm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * GFLOP/s of {@link CpuGemm} against numpy/OpenBLAS on the same shapes, threads and timing.
 *
 * <p>Usage: {@code GemmBench [--threads 2] [--seconds 1.0] [--numpy-script benchmarks/numpy_gemm.py]}
 */
public final class GemmBench {

    /** (M, K, N): two squares, and a transformer layer with B·T = 1024 rows, C = 256, QKV 3C and MLP 4C. */
    private static final int[][] SHAPES = {{512, 512, 512}, {1024, 1024, 1024}, {1024, 256, 768}, {1024, 256, 1024}};

    /** The three products of a linear layer: forward x·Wᵀ-style A·B, backward dx A·Bᵀ, backward dW Aᵀ·B. */
    private static final Variant[] VARIANTS = {
            new Variant("A*B", false, false), new Variant("A*Bt", false, true), new Variant("At*B", true, false)};

    private record Variant(String name, boolean transA, boolean transB) {
    }

    private GemmBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int threads = 2;
        double seconds = 1.0;
        Path script = Path.of("benchmarks", "numpy_gemm.py");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--numpy-script" -> script = Path.of(args[++i]);
                default -> throw new IllegalArgumentException(
                        "unknown option " + args[i] + "; expected --threads N, --seconds S, --numpy-script PATH");
            }
        }
        if (!Files.isRegularFile(script) && Files.isRegularFile(Path.of("numpy_gemm.py"))) {
            script = Path.of("numpy_gemm.py"); // run from inside benchmarks/
        }

        Map<String, Double> tempest = new HashMap<>();
        Map<String, Double> numpy = new HashMap<>();
        try (Parallel parallel = new Parallel(threads)) {
            CpuGemm gemm = new CpuGemm(parallel);
            warmUpJit(gemm);
            // Shape by shape, each side right after the other, so load from other processes on a
            // shared machine hits both columns alike.
            for (int[] shape : SHAPES) {
                for (Variant v : VARIANTS) {
                    tempest.put(key(shape, v), measure(gemm, shape, v, seconds));
                }
                numpy.putAll(runNumpy(script, shape, threads, seconds, shape == SHAPES[0]));
            }
        }

        System.out.printf("%nCpuGemm vs numpy, %d threads, best GFLOP/s (2·M·N·K / time)%n", threads);
        System.out.printf("%-16s %-6s %10s %10s %7s%n", "M x K x N", "op", "tempest", "numpy", "ratio");
        for (int[] shape : SHAPES) {
            for (Variant v : VARIANTS) {
                double t = tempest.get(key(shape, v));
                Double n = numpy.get(key(shape, v));
                System.out.printf("%-16s %-6s %10.1f %10s %7s%n", name(shape), v.name(), t,
                        n == null ? "-" : String.format("%.1f", n), n == null ? "-" : String.format("%.2f", t / n));
            }
        }
    }

    /** Runs every code path (transposes, edge tiles, accumulate) until C2 has compiled the kernels. */
    private static void warmUpJit(CpuGemm gemm) {
        long end = System.nanoTime() + 2_000_000_000L;
        Random random = new Random(1);
        float[] a = random(random, 300 * 300), b = random(random, 300 * 300), c = new float[300 * 300];
        for (int round = 0; System.nanoTime() < end; round++) {
            Variant v = VARIANTS[round % VARIANTS.length];
            gemm.gemm(v.transA(), v.transB(), 300, 300, 300, a, 0, 300, b, 0, 300, c, 0, 300, round % 2 == 0, true);
        }
    }

    /**
     * Best GFLOP/s over repetitions filling {@code seconds}, after a warm-up of a third of that;
     * the best, not the median, because on a shared machine the slow runs measure the neighbours.
     * Checks the answer before reporting.
     */
    private static double measure(CpuGemm gemm, int[] shape, Variant v, double seconds) {
        int M = shape[0], K = shape[1], N = shape[2];
        Random random = new Random(M * 31L + N);
        float[] a = random(random, M * K); // (M, K), or (K, M) when transA
        float[] b = random(random, K * N); // (K, N), or (N, K) when transB
        float[] c = new float[M * N];      // (M, N)
        int lda = v.transA() ? M : K, ldb = v.transB() ? K : N;
        Runnable product = () -> gemm.gemm(v.transA(), v.transB(), M, N, K, a, 0, lda, b, 0, ldb, c, 0, N, false, true);

        long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        while (System.nanoTime() < warmEnd) {
            product.run();
        }
        long best = Long.MAX_VALUE;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int reps = 0; System.nanoTime() < end || reps < 5; reps++) {
            long start = System.nanoTime();
            product.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        check(v, M, N, K, a, lda, b, ldb, c);
        return 2.0 * M * N * K / best;
    }

    /**
     * Compares the first and last 8 rows of C with the scalar oracle, so a speed is never reported
     * for a wrong answer. Float32 sums of K terms differ from the double-accumulated oracle by at
     * most about K · 2^-24 · sum |a·b|; 1e-5 · sqrt(K) · sum |a·b| covers that up to K ~ 27,000 and
     * is far below one wrong or missing term.
     */
    private static void check(Variant v, int M, int N, int K, float[] a, int lda, float[] b, int ldb, float[] c) {
        float[] absA = abs(a), absB = abs(b);
        for (int i0 : new int[] {0, M - 8}) {
            float[] expected = new float[8 * N];  // (8, N)
            float[] magnitude = new float[8 * N]; // (8, N): sum over p of |a_ip · b_pj|
            int aOff = v.transA() ? i0 : i0 * lda; // row i0 of op(A) is column i0 of A when transposed
            Gemm.gemm(v.transA(), v.transB(), 8, N, K, a, aOff, lda, b, 0, ldb, expected, 0, N, false);
            Gemm.gemm(v.transA(), v.transB(), 8, N, K, absA, aOff, lda, absB, 0, ldb, magnitude, 0, N, false);
            for (int at = 0; at < expected.length; at++) {
                float actual = c[i0 * N + at];
                if (!(Math.abs(actual - expected[at]) <= 1e-5 * Math.sqrt(K) * magnitude[at])) {
                    throw new IllegalStateException(String.format("%s %dx%dx%d: C[%d][%d] = %s, expected %s",
                            v.name(), M, K, N, i0 + at / N, at % N, actual, expected[at]));
                }
            }
        }
    }

    private static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return y;
    }

    /**
     * Runs the numpy script on one shape with OpenBLAS on {@code threads} threads and its default
     * kernel; echoes what it says about its OpenBLAS when {@code showConfig}, or when it fails.
     */
    private static Map<String, Double> runNumpy(Path script, int[] shape, int threads, double seconds,
                                                boolean showConfig) throws IOException, InterruptedException {
        PythonBaseline.Output out = PythonBaseline.run("python3", script,
                List.of("--seconds", String.valueOf(seconds), "--shapes", name(shape)), threads, null);
        Map<String, Double> results = new HashMap<>();
        for (String[] f : out.results()) {
            results.put(f[0] + " " + f[1], Double.parseDouble(f[2]));
        }
        if (showConfig || out.exit() != 0) {
            out.said().forEach(line -> System.out.println("numpy: " + line));
        }
        if (out.exit() != 0) {
            System.out.println("numpy: " + script + " exited with " + out.exit() + "; its column is incomplete");
        }
        return results;
    }

    private static String key(int[] shape, Variant v) {
        return name(shape) + " " + v.name();
    }

    private static String name(int[] shape) {
        return shape[0] + "x" + shape[1] + "x" + shape[2];
    }

    private static float[] random(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        return x;
    }
}
