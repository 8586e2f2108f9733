package dev.tempest.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.autograd.Tape;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.nn.Ops;
import dev.tempest.tensor.Tensor;
import dev.tempest.train.Batch;
import dev.tempest.train.Example;
import dev.tempest.train.ExampleBatches;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks that batching examples of different lengths changes nothing: the summed loss over the
 * trained tokens of a padded batch, and of a packed one, and every parameter's gradient of it,
 * equal the sums over the examples run one by one. Agreement is to float round-off: the same
 * products are summed in other GEMM blocks (relative 1e-4 of the largest gradient, 1e-5 of the
 * loss). A check that a prompt token and padding carry weight would make them differ by far more.
 */
public final class BatchingCheck {

    private static final List<Example> EXAMPLES = List.of(
            example(new int[] {5, 17, 42, 8, 90, 3}, 3),           // a 3-token prompt, then the completion
            example(new int[] {61, 3, 3, 95, 7, 12, 40, 2, 9}, 6),
            example(new int[] {33, 1, 70}, 1));

    private BatchingCheck() {
    }

    /** Padded (one example a row) and packed (all in one row) batches give the one-by-one loss and gradients. */
    public static void paddingAndPackingChangeNothing(ModelFamily family, String fixtureName, Backend backend)
            throws IOException {
        try (backend) {
            LanguageModel model = model(family, fixtureName, backend);
            Result alone = new Result(0, new float[model.parameters().size()]);
            for (Example example : EXAMPLES) {
                alone = alone.plus(summedLoss(model, new ExampleBatches(List.of(example), 1, 8, ExampleBatches.Layout.PADDED, 0).next()));
            }
            Result padded = summedLoss(model, new ExampleBatches(EXAMPLES, 3, 8, ExampleBatches.Layout.PADDED, 0).next());
            Result packed = summedLoss(model, new ExampleBatches(EXAMPLES, 1, 16, ExampleBatches.Layout.PACKED, 0).next());

            assertSame(alone, padded, backend.name() + ", padded");
            assertSame(alone, packed, backend.name() + ", packed");
        }
    }

    /** The sum of -log p over a batch's trained tokens, and the parameters' gradient of it. */
    private static Result summedLoss(LanguageModel model, Batch batch) {
        Backend backend = model.parameters().backend();
        backend.fill(model.parameters().grads(), 0);
        Tape tape = new Tape();
        Ops ops = new Ops(backend, tape);
        Tensor logp = ops.tokenLogProbs(model.forward(ops, batch.inputs(), batch.at(), null), batch.targets());
        float[] perToken = new float[logp.size()];
        backend.read(logp.data(), perToken, 0);
        double loss = 0;
        for (float value : perToken) {
            loss -= value;
        }
        backend.fill(logp.grad(), -1);  // masked rows get no gradient whatever their weight
        tape.backward();
        float[] grads = new float[model.parameters().size()];
        backend.read(model.parameters().grads(), grads, 0);
        return new Result(loss, grads);
    }

    private static void assertSame(Result expected, Result actual, String what) {
        assertEquals(expected.loss(), actual.loss(), 1e-5 * Math.abs(expected.loss()), what + ": summed loss");
        float largest = 0;
        float worst = 0;
        for (int i = 0; i < expected.grads().length; i++) {
            largest = Math.max(largest, Math.abs(expected.grads()[i]));
            worst = Math.max(worst, Math.abs(expected.grads()[i] - actual.grads()[i]));
        }
        assertTrue(largest > 0.1f, what + ": the gradient is not trivially small");
        assertTrue(worst <= 1e-4f * largest, what + ": gradients differ by " + worst + " of " + largest);
    }

    /** An example whose first {@code promptTokens} are prompt (no loss) and the rest completion. */
    private static Example example(int[] tokens, int promptTokens) {
        boolean[] trained = new boolean[tokens.length];
        for (int i = promptTokens; i < tokens.length; i++) {
            trained[i] = true;
        }
        return new Example(tokens, trained);
    }

    private static LanguageModel model(ModelFamily family, String fixtureName, Backend backend) throws IOException {
        Path dir = ReferenceCheck.fixture(fixtureName);
        LanguageModel model = family.create(backend, HfCheckpoint.readConfig(dir));
        HfCheckpoint.loadWeights(model, dir);
        return model;
    }

    private record Result(double loss, float[] grads) {
        Result plus(Result other) {
            float[] sum = grads.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += other.grads[i];
            }
            return new Result(loss + other.loss, sum);
        }
    }
}
