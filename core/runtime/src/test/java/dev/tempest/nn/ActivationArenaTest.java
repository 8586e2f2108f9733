package dev.tempest.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.accelerator.AttentionShape;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.autograd.Tape;
import dev.tempest.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Passes through a reused arena give, to the bit, what passes with every buffer newly allocated
 * give: the arena's data is never cleared, so this is the proof that every op overwrites its
 * whole output and that gradients start from zero.
 */
class ActivationArenaTest {

    private static final int C = 12;  // channels: 3 heads of 4
    private static final int T = 5;
    private static final int V = 17;

    @Test
    void passesThroughAReusedArenaMatchFreshAllocationToTheBit() {
        try (Backend backend = new CpuBackend(2)) {
            ParameterArena parameters = ParameterArena.allocate(backend, Map.of(
                    "wte", new int[] {V, C}, "ln.w", new int[] {C}, "ln.b", new int[] {C},
                    "qkv", new int[] {3 * C, C}, "fc", new int[] {C, C}));
            Random random = new Random(3);
            for (String name : parameters.parameters().keySet()) {
                float[] values = new float[parameters.get(name).size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian() * 0.5f;
                }
                parameters.write(name, values);
            }
            ActivationArena arena = new ActivationArena(backend);
            // The first pass sizes the arena, the second runs in its clean backing, the third in the
            // backing dirty from the second and beyond it (so the arena grows), the fourth in the
            // grown backing, dirty from the third.
            for (int B : new int[] {2, 2, 3, 2}) {
                int[] tokens = random.ints(B * T, 0, V).toArray();
                int[] targets = random.ints(B * T, 0, V).toArray();
                float[] freshGrads = new float[parameters.size()];
                float freshLoss = pass(backend, null, parameters, tokens, targets, B, freshGrads);
                float[] arenaGrads = new float[parameters.size()];
                float arenaLoss = pass(backend, arena, parameters, tokens, targets, B, arenaGrads);
                assertEquals(freshLoss, arenaLoss, 0f, "loss with B = " + B);
                assertArrayEquals(freshGrads, arenaGrads, "parameter gradients with B = " + B);
            }
        }
    }

    /**
     * One forward and backward through most ops, in {@code arena} or (null) in fresh buffers; the
     * loss, and every parameter gradient into {@code grads}.
     */
    private static float pass(Backend backend, ActivationArena arena, ParameterArena p, int[] tokens, int[] targets,
                              int B, float[] grads) {
        Tape tape = new Tape();
        Ops ops = arena == null ? new Ops(backend, tape) : new Ops(backend, tape, arena);
        backend.fill(p.grads(), 0);
        Tensor x = ops.embedding(tokens, p.get("wte"), null, null);                       // (B*T, C)
        Tensor qkv = ops.linear(ops.layerNorm(x, p.get("ln.w"), p.get("ln.b"), 1e-5f), p.get("qkv"), null);
        Tensor attention = ops.attention(qkv, new AttentionShape(B, T, 3, 3, C / 3), null, null, 0);
        x = ops.add(x, ops.gelu(ops.linear(attention, p.get("fc"), null)));
        float loss = ops.crossEntropy(ops.linear(x, p.get("wte"), null), targets, 1f);   // (B*T, V), tied
        tape.backward();
        backend.read(p.grads(), grads, 0);
        return loss;
    }
}
