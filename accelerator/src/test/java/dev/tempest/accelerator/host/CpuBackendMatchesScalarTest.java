package dev.tempest.accelerator.host;

import dev.tempest.accelerator.AdamWSettings;
import dev.tempest.accelerator.AttentionShape;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.accelerator.scalar.ScalarBackend;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel of the cpu backend against the scalar oracle, on random sizes that are not
 * multiples of the vector width, with 1, 2 and 3 threads.
 */
class CpuBackendMatchesScalarTest {

    /** Float32 round-off of sums reordered across threads or SIMD lanes, with headroom. */
    private static final double ROUND_OFF = 1e-5;

    static IntStream threads() {
        return IntStream.of(1, 2, 3);
    }

    @ParameterizedTest(name = "{0} threads")
    @MethodSource("threads")
    void matmulInEveryTransposeAgrees(int threads) {
        try (Backend scalar = new ScalarBackend(); Backend cpu = new CpuBackend(threads)) {
            BackendAgreement on = new BackendAgreement(scalar, cpu, 1);
            Random sizes = new Random(threads);
            for (int round = 0; round < 6; round++) {
                int M = 1 + sizes.nextInt(70);
                int N = 1 + sizes.nextInt(70);
                int K = 1 + sizes.nextInt(70);
                for (boolean transA : new boolean[] {false, true}) {
                    for (boolean transB : new boolean[] {false, true}) {
                        BackendAgreement.Pair a = on.random(M * K);
                        BackendAgreement.Pair b = on.random(K * N);
                        BackendAgreement.Pair c = on.random(M * N);
                        scalar.matmul(c.oracle(), a.oracle(), transA, b.oracle(), transB, M, N, K, round % 2 == 0);
                        cpu.matmul(c.tested(), a.tested(), transA, b.tested(), transB, M, N, K, round % 2 == 0);
                        on.assertAgree("matmul " + M + "x" + N + "x" + K + " transA=" + transA + " transB=" + transB,
                                c, ROUND_OFF * Math.sqrt(K));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @MethodSource("threads")
    void layerKernelsAgreeForwardAndBackward(int threads) {
        try (Backend scalar = new ScalarBackend(); Backend cpu = new CpuBackend(threads)) {
            BackendAgreement on = new BackendAgreement(scalar, cpu, 2);
            int rows = 23;
            int C = 37;
            int V = 29;

            int[] ids = on.ids(rows, V);
            BackendAgreement.Pair table = on.random(V * C);
            BackendAgreement.Pair embedded = on.zeros(rows * C);
            both(scalar, cpu, b -> b.embeddingForward(pick(b, scalar, embedded), ids, pick(b, scalar, table), C, false));
            on.assertAgree("embedding forward", embedded, 0);
            BackendAgreement.Pair dtable = on.random(V * C);
            BackendAgreement.Pair dout = on.random(rows * C);
            both(scalar, cpu, b -> b.embeddingBackward(pick(b, scalar, dtable), ids, pick(b, scalar, dout), C));
            on.assertAgree("embedding backward", dtable, 0);

            BackendAgreement.Pair x = on.random(rows * C);
            BackendAgreement.Pair w = on.random(C);
            BackendAgreement.Pair bias = on.random(C);
            BackendAgreement.Pair out = on.zeros(rows * C);
            BackendAgreement.Pair mean = on.zeros(rows);
            BackendAgreement.Pair rstd = on.zeros(rows);
            both(scalar, cpu, b -> b.layerNormForward(pick(b, scalar, out), pick(b, scalar, mean), pick(b, scalar, rstd),
                    pick(b, scalar, x), pick(b, scalar, w), pick(b, scalar, bias), rows, C, 1e-5f));
            on.assertAgree("layernorm forward", out, 0);
            BackendAgreement.Pair dx = on.random(rows * C);
            BackendAgreement.Pair dw = on.random(C);
            BackendAgreement.Pair db = on.random(C);
            both(scalar, cpu, b -> b.layerNormBackward(pick(b, scalar, dx), pick(b, scalar, dw), pick(b, scalar, db),
                    pick(b, scalar, dout), pick(b, scalar, x), pick(b, scalar, w), pick(b, scalar, mean),
                    pick(b, scalar, rstd), rows, C));
            on.assertAgree("layernorm backward dx", dx, 0);
            on.assertAgree("layernorm backward dw", dw, ROUND_OFF);
            on.assertAgree("layernorm backward db", db, ROUND_OFF);

            both(scalar, cpu, b -> b.rmsNormForward(pick(b, scalar, out), pick(b, scalar, rstd), pick(b, scalar, x),
                    pick(b, scalar, w), rows, C, 1e-5f));
            on.assertAgree("rmsnorm forward", out, 0);
            both(scalar, cpu, b -> b.rmsNormBackward(pick(b, scalar, dx), pick(b, scalar, dw), pick(b, scalar, dout),
                    pick(b, scalar, x), pick(b, scalar, w), pick(b, scalar, rstd), rows, C));
            on.assertAgree("rmsnorm backward dx", dx, 0);
            on.assertAgree("rmsnorm backward dw", dw, ROUND_OFF);

            both(scalar, cpu, b -> b.addBias(pick(b, scalar, out), pick(b, scalar, bias), rows, C));
            on.assertAgree("add bias", out, 0);
            BackendAgreement.Pair dbias = on.random(C);
            both(scalar, cpu, b -> b.biasBackward(pick(b, scalar, dbias), pick(b, scalar, dout), rows, C));
            on.assertAgree("bias backward", dbias, 0);
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @MethodSource("threads")
    void elementwiseKernelsAgree(int threads) {
        try (Backend scalar = new ScalarBackend(); Backend cpu = new CpuBackend(threads)) {
            BackendAgreement on = new BackendAgreement(scalar, cpu, 3);
            int n = 1001;
            BackendAgreement.Pair x = on.random(n);
            BackendAgreement.Pair y = on.random(n);
            BackendAgreement.Pair out = on.zeros(n);
            BackendAgreement.Pair dout = on.random(n);
            BackendAgreement.Pair dx = on.random(n);
            BackendAgreement.Pair dy = on.random(n);
            both(scalar, cpu, b -> b.geluForward(pick(b, scalar, out), pick(b, scalar, x)));
            on.assertAgree("gelu forward", out, 0);
            both(scalar, cpu, b -> b.geluBackward(pick(b, scalar, dx), pick(b, scalar, x), pick(b, scalar, dout)));
            on.assertAgree("gelu backward", dx, 0);
            both(scalar, cpu, b -> b.siluForward(pick(b, scalar, out), pick(b, scalar, x)));
            on.assertAgree("silu forward", out, 0);
            both(scalar, cpu, b -> b.siluBackward(pick(b, scalar, dx), pick(b, scalar, x), pick(b, scalar, dout)));
            on.assertAgree("silu backward", dx, 0);
            both(scalar, cpu, b -> b.swigluForward(pick(b, scalar, out), pick(b, scalar, x), pick(b, scalar, y)));
            on.assertAgree("swiglu forward", out, 0);
            both(scalar, cpu, b -> b.swigluBackward(pick(b, scalar, dx), pick(b, scalar, dy), pick(b, scalar, x),
                    pick(b, scalar, y), pick(b, scalar, dout)));
            on.assertAgree("swiglu backward dgate", dx, 0);
            on.assertAgree("swiglu backward dup", dy, 0);
            both(scalar, cpu, b -> b.add(pick(b, scalar, out), pick(b, scalar, x), pick(b, scalar, y)));
            on.assertAgree("add", out, 0);
            both(scalar, cpu, b -> b.accumulate(pick(b, scalar, out), pick(b, scalar, dout)));
            on.assertAgree("accumulate", out, 0);
            both(scalar, cpu, b -> b.scale(pick(b, scalar, out), 0.37f));
            on.assertAgree("scale", out, 0);
            on.assertAgree("sum of squares", scalar.sumOfSquares(out.oracle()), cpu.sumOfSquares(out.tested()), 1e-12);

            BackendAgreement.Pair params = on.random(n);
            BackendAgreement.Pair m = on.random(n);
            BackendAgreement.Pair v = on.positive(n);
            AdamWSettings settings = new AdamWSettings(1e-3f, 0.9f, 0.95f, 1e-8f, 0.1f);
            both(scalar, cpu, b -> b.adamw(pick(b, scalar, params), pick(b, scalar, dout), pick(b, scalar, m),
                    pick(b, scalar, v), settings, 7));
            on.assertAgree("adamw params", params, 0);
            on.assertAgree("adamw m", m, 0);
            on.assertAgree("adamw v", v, 0);
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @MethodSource("threads")
    void ropeAttentionAndCrossEntropyAgree(int threads) {
        try (Backend scalar = new ScalarBackend(); Backend cpu = new CpuBackend(threads)) {
            BackendAgreement on = new BackendAgreement(scalar, cpu, 4);
            AttentionShape s = new AttentionShape(3, 7, 6, 2, 5);
            int rows = s.B() * s.T();
            int qWidth = s.H() * s.D();
            int kvWidth = s.Hkv() * s.D();

            int ropeD = 4; // rotary pairs need an even head dim
            BackendAgreement.Pair x = on.random(rows * s.H() * ropeD);
            BackendAgreement.Pair rotated = on.zeros(rows * s.H() * ropeD);
            both(scalar, cpu, b -> b.ropeForward(pick(b, scalar, rotated), pick(b, scalar, x), rows, s.T(), s.H(), ropeD,
                    10000f, 3));
            on.assertAgree("rope forward", rotated, 0);
            BackendAgreement.Pair dx = on.random(rows * s.H() * ropeD);
            both(scalar, cpu, b -> b.ropeBackward(pick(b, scalar, dx), pick(b, scalar, rotated), rows, s.T(), s.H(), ropeD,
                    10000f, 3));
            on.assertAgree("rope backward", dx, 0);

            BackendAgreement.Pair q = on.random(rows * qWidth);
            BackendAgreement.Pair dq = on.random(rows * qWidth);
            BackendAgreement.Pair k = on.random(rows * kvWidth);
            BackendAgreement.Pair v = on.random(rows * kvWidth);
            BackendAgreement.Pair out = on.zeros(rows * qWidth);
            BackendAgreement.Pair lse = on.zeros(s.B() * s.H() * s.T());
            both(scalar, cpu, b -> b.attentionForward(pick(b, scalar, out), pick(b, scalar, lse), pick(b, scalar, q), qWidth,
                    pick(b, scalar, k), pick(b, scalar, v), kvWidth, s));
            on.assertAgree("attention forward", out, ROUND_OFF);
            on.assertAgree("attention lse", lse, ROUND_OFF);
            BackendAgreement.Pair dout = on.random(rows * qWidth);
            BackendAgreement.Pair dk = on.random(rows * kvWidth);
            BackendAgreement.Pair dv = on.random(rows * kvWidth);
            both(scalar, cpu, b -> b.attentionBackward(pick(b, scalar, dq), pick(b, scalar, dk), pick(b, scalar, dv),
                    pick(b, scalar, dout), pick(b, scalar, q), qWidth, pick(b, scalar, k), pick(b, scalar, v), kvWidth,
                    pick(b, scalar, out), pick(b, scalar, lse), s));
            on.assertAgree("attention backward dq", dq, ROUND_OFF);
            on.assertAgree("attention backward dk", dk, ROUND_OFF);
            on.assertAgree("attention backward dv", dv, ROUND_OFF);

            int V = 53;
            int[] targets = on.ids(rows, V);
            targets[2] = -100;
            BackendAgreement.Pair logits = on.random(rows * V);
            BackendAgreement.Pair losses = on.zeros(rows);
            BackendAgreement.Pair rowLse = on.zeros(rows);
            both(scalar, cpu, b -> b.crossEntropyForward(pick(b, scalar, losses), pick(b, scalar, rowLse),
                    pick(b, scalar, logits), targets, rows, V));
            on.assertAgree("cross-entropy losses", losses, 0);
            BackendAgreement.Pair dlogits = on.random(rows * V);
            both(scalar, cpu, b -> b.crossEntropyBackward(pick(b, scalar, dlogits), pick(b, scalar, logits),
                    pick(b, scalar, rowLse), targets, 0.25f, rows, V));
            on.assertAgree("cross-entropy backward", dlogits, 0);
        }
    }

    private static void both(Backend scalar, Backend cpu, Consumer<Backend> kernel) {
        kernel.accept(scalar);
        kernel.accept(cpu);
    }

    private static Buffer pick(Backend which, Backend scalar, BackendAgreement.Pair pair) {
        return which == scalar ? pair.oracle() : pair.tested();
    }
}
