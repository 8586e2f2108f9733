package dev.tempest.bench;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.BackendFactory;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.CpuBackendProvider;
import dev.tempest.accelerator.opencl.OpenClBackendProvider;
import dev.tempest.api.DeviceInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * GEMM GFLOP/s through {@link Backend#matmul} on the cpu backend and on every OpenCL device, in
 * one run, with each device's answer checked against the cpu's. A device's time includes
 * waiting for its queue (one float is read back after each product), not the uploads.
 *
 * <p>Usage: {@code DeviceGemmBench [--threads 2] [--seconds 2]}.
 */
public final class DeviceGemmBench {

    private static final int[][] SHAPES = {{512, 512, 512}, {1024, 1024, 1024}, {1024, 256, 768}};
    private static final boolean[][] VARIANTS = {{false, false}, {false, true}, {true, false}}; // (transA, transB)

    private DeviceGemmBench() {
    }

    public static void main(String[] args) {
        int threads = 2;
        double seconds = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, BackendFactory> devices = new LinkedHashMap<>();
        devices.put("cpu", new CpuBackendProvider());
        OpenClBackendProvider openCl = new OpenClBackendProvider();
        for (DeviceInfo device : openCl.devices()) {
            devices.put(device.spec(), openCl);
            System.out.println(device.spec() + ": " + device.name());
        }
        if (devices.size() == 1) {
            System.out.println("no OpenCL device: " + openCl.unavailableReason());
        }

        List<String> header = new ArrayList<>(devices.keySet());
        System.out.printf("%nbest GFLOP/s (2·M·N·K / time), cpu with %d threads%n%-16s %-6s", threads, "M x K x N", "op");
        header.forEach(spec -> System.out.printf(" %12s", spec));
        System.out.printf(" %s%n", header.size() > 1 ? "ratio to cpu" : "");
        for (int[] shape : SHAPES) {
            for (boolean[] variant : VARIANTS) {
                float[] reference = null;
                List<Double> speeds = new ArrayList<>();
                for (Map.Entry<String, BackendFactory> device : devices.entrySet()) {
                    try (Backend backend = device.getValue().open(device.getKey(), threads)) {
                        Product product = new Product(backend, shape, variant[0], variant[1]);
                        speeds.add(product.bestGflops(seconds));
                        float[] c = product.result();
                        if (reference == null) {
                            reference = c;
                        } else {
                            product.check(reference, device.getKey());
                        }
                    }
                }
                System.out.printf("%-16s %-6s", shape[0] + "x" + shape[1] + "x" + shape[2],
                        (variant[0] ? "Aᵀ" : "A") + "·" + (variant[1] ? "Bᵀ" : "B"));
                speeds.forEach(speed -> System.out.printf(" %12.1f", speed));
                for (int i = 1; i < speeds.size(); i++) {
                    System.out.printf(" %.3f", speeds.get(i) / speeds.get(0));
                }
                System.out.println();
            }
        }
    }

    /** One GEMM shape on one backend: inputs uploaded once, the product timed. */
    private static final class Product {
        private final Backend backend;
        private final int M;
        private final int N;
        private final int K;
        private final boolean transA;
        private final boolean transB;
        private final Buffer a;   // (M, K), or (K, M) when transA
        private final Buffer b;   // (K, N), or (N, K) when transB
        private final Buffer c;   // (M, N)

        Product(Backend backend, int[] shape, boolean transA, boolean transB) {
            this.backend = backend;
            this.M = shape[0];
            this.K = shape[1];
            this.N = shape[2];
            this.transA = transA;
            this.transB = transB;
            Random random = new Random(M * 31L + N);
            this.a = upload(random, M * K);
            this.b = upload(random, K * N);
            this.c = backend.allocate(M * N);
        }

        /** Best GFLOP/s over repetitions filling {@code seconds}, after a third of that to warm up. */
        double bestGflops(double seconds) {
            float[] one = new float[1];
            long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
            while (System.nanoTime() < warmEnd) {
                run(one);
            }
            long best = Long.MAX_VALUE;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            for (int reps = 0; System.nanoTime() < end || reps < 3; reps++) {
                long start = System.nanoTime();
                run(one);
                best = Math.min(best, System.nanoTime() - start);
            }
            return 2.0 * M * N * K / best;
        }

        private void run(float[] one) {
            backend.matmul(c, a, transA, b, transB, M, N, K, false);
            backend.read(c.slice(M * N - 1, 1), one, 0);  // waits for the device to finish
        }

        float[] result() {
            float[] values = new float[M * N];
            backend.read(c, values, 0);
            return values;
        }

        /** The answer must match the cpu's to float32 round-off of K-term sums, so no speed is reported for a wrong one. */
        void check(float[] reference, String device) {
            float[] values = result();
            double worst = 0;
            for (int i = 0; i < values.length; i++) {
                worst = Math.max(worst, Math.abs(values[i] - reference[i]));
            }
            if (worst > 1e-5 * Math.sqrt(K) * Math.sqrt(K)) {  // entries are sums of K products of unit normals: ~sqrt(K)
                throw new IllegalStateException(device + " GEMM differs from the cpu's by " + worst);
            }
        }

        private Buffer upload(Random random, int n) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = (float) random.nextGaussian();
            }
            Buffer buffer = backend.allocate(n);
            backend.write(buffer, values, 0);
            return buffer;
        }
    }
}
