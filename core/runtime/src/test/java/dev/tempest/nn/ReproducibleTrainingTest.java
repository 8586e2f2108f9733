package dev.tempest.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.autograd.Tape;
import dev.tempest.optim.AdamW;
import dev.tempest.random.SeededRandom;
import dev.tempest.tensor.Tensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A seeded run repeats to the last bit on the same backend and thread count. */
class ReproducibleTrainingTest {

    static Stream<TestBackends.Named> backends() {
        return TestBackends.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void twoRunsFromTheSameSeedEndWithIdenticalParameters(TestBackends.Named backend) throws IOException {
        float[] first = train(backend, 1234);
        float[] second = train(backend, 1234);
        float[] otherSeed = train(backend, 1235);

        assertArrayEquals(first, second);
        assertTrue(!Arrays.equals(first, otherSeed), "another seed must give another model");
    }

    /** Five AdamW steps of a GPT-2 initialised from {@code seed}; returns the final parameters. */
    private static float[] train(TestBackends.Named named, long seed) throws IOException {
        try (Backend backend = named.create()) {
            Fixture f = Fixture.load("gpt2-tiny", backend);
            SeededRandom random = new SeededRandom(seed);
            for (Tensor parameter : f.parameters.parameters().values()) {
                float[] values = new float[parameter.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (0.02 * random.nextGaussian());
                }
                backend.write(parameter.data(), values, 0);
            }
            AdamW adamw = new AdamW(backend, f.parameters, 0.9f, 0.95f, 1e-8f, 0.1f);
            float firstLoss = Float.NaN;
            float loss = Float.NaN;
            for (int step = 0; step < 5; step++) {
                Tape tape = new Tape();
                Ops ops = new Ops(backend, tape);
                backend.fill(f.parameters.grads(), 0);
                loss = ops.crossEntropy(TinyGpt2.forward(ops, f), f.targets, 1f);
                firstLoss = step == 0 ? loss : firstLoss;
                tape.backward();
                adamw.step(1e-2f);
            }
            assertTrue(loss < firstLoss, "training on one batch lowers its loss: " + firstLoss + " -> " + loss);
            float[] parameters = new float[f.parameters.size()];
            backend.read(f.parameters.data(), parameters, 0);
            return parameters;
        }
    }
}
