package dev.tempest.model.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.accelerator.scalar.ScalarBackend;
import dev.tempest.autograd.Tape;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ReferenceCheck;
import dev.tempest.nn.Ops;
import dev.tempest.optim.AdamW;
import dev.tempest.random.SeededRandom;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A seeded run repeats to the last bit on the same backend and thread count. */
class ReproducibleTrainingTest {

    static Stream<Supplier<Backend>> backends() {
        return Stream.of(ScalarBackend::new, () -> new CpuBackend(2));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void twoRunsFromTheSameSeedEndWithIdenticalParameters(Supplier<Backend> backend) throws IOException {
        Map<String, Object> config = HfCheckpoint.readConfig(ReferenceCheck.fixture("gpt2-tiny"));
        float[] first = train(backend, config, 1234);
        float[] second = train(backend, config, 1234);
        float[] otherSeed = train(backend, config, 1235);

        assertArrayEquals(first, second);
        assertFalse(Arrays.equals(first, otherSeed), "another seed must give another model");
    }

    /** Five AdamW steps of a GPT-2 initialised from {@code seed} on random token batches; the final parameters. */
    private static float[] train(Supplier<Backend> create, Map<String, Object> config, long seed) {
        try (Backend backend = create.get()) {
            LanguageModel model = new Gpt2Family().create(backend, config);
            SeededRandom random = new SeededRandom(seed);
            model.initialize(random);
            AdamW adamw = new AdamW(backend, model.parameters(), 0.9f, 0.95f, 1e-8f, 0.1f);
            int B = 2;
            int T = 16;
            int[] tokens = new int[B * T];
            int[] targets = new int[B * T];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = random.nextInt(model.vocabSize());
                targets[i] = random.nextInt(model.vocabSize());
            }
            float firstLoss = Float.NaN;
            float loss = Float.NaN;
            for (int step = 0; step < 5; step++) {
                Tape tape = new Tape();
                Ops ops = new Ops(backend, tape);
                backend.fill(model.parameters().grads(), 0);
                loss = ops.crossEntropy(model.forward(ops, tokens, B, T), targets, 1f);
                firstLoss = step == 0 ? loss : firstLoss;
                tape.backward();
                adamw.step(1e-2f);
            }
            assertTrue(loss < firstLoss, "training on one batch lowers its loss: " + firstLoss + " -> " + loss);
            float[] parameters = new float[model.parameters().size()];
            backend.read(model.parameters().data(), parameters, 0);
            return parameters;
        }
    }
}
