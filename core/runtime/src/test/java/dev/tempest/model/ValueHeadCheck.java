package dev.tempest.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.scalar.ScalarBackend;
import dev.tempest.autograd.Tape;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.checkpoint.SafetensorsReader;
import dev.tempest.nn.Ops;
import dev.tempest.random.SeededRandom;
import dev.tempest.rl.PpoObjective;
import dev.tempest.train.Batch;
import dev.tempest.train.Example;
import dev.tempest.train.ExampleBatches;
import dev.tempest.train.PolicyTokens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Checks a family's policy with a value head, PPO's actor and critic on one backbone: the policy
 * is the model it was put on, trains as part of the larger model, and is saved with the head in
 * TRL's layout; PPO's loss sends its gradient through the head and the backbone as finite
 * differences say.
 */
public final class ValueHeadCheck {

    private static final PpoObjective OBJECTIVE = new PpoObjective(0.2, 0.2, 0.5, 0.7f, 4);

    private ValueHeadCheck() {
    }

    /**
     * The policy of a value head put on the fixture's model gives its logits exactly; a change to
     * the larger model's parameters is a change to the policy's (one arena); the head is (1, C) and
     * (1), saved beside the policy's tensors, and loads back.
     */
    public static void thePolicyIsTheModelItWasPutOn(ModelFamily family, String fixtureName, Path dir) throws IOException {
        try (Backend backend = new ScalarBackend()) {
            LanguageModel lm = fixtureModel(family, fixtureName, backend);
            ValueHeadModel model = ValueHeadModel.attach(lm, family, new SeededRandom(5));
            int[] tokens = {3, 1, 4, 1, 5, 9};
            assertArrayEquals(logits(lm, tokens), logits(model.policy(), tokens), 0);
            int C = lm.parameters().parameters().values().iterator().next().dim(1);
            assertArrayEquals(new int[] {1, C}, model.parameters().get(ValueHeadModel.WEIGHT).shape());
            assertArrayEquals(new float[1], model.parameters().read(ValueHeadModel.BIAS), 0);

            String first = lm.parameters().parameters().keySet().iterator().next();
            float[] changed = model.parameters().read(first);
            changed[0] += 1;
            model.parameters().write(first, changed);
            assertArrayEquals(changed, model.policy().parameters().read(first), 0, "the policy's tensors are the model's");

            HfCheckpoint.save(model, dir);
            List<String> saved = List.copyOf(SafetensorsReader.open(dir.resolve("model.safetensors")).names());
            assertTrue(saved.containsAll(List.of(ValueHeadModel.WEIGHT, ValueHeadModel.BIAS)), saved.toString());
            assertEquals(model.parameters().parameters().size(), saved.size());
            ValueHeadModel loaded = ValueHeadModel.attach(fixtureModel(family, fixtureName, backend), family,
                    new SeededRandom(6));
            HfCheckpoint.loadWeights(loaded, dir);
            assertArrayEquals(model.parameters().read(ValueHeadModel.WEIGHT), loaded.parameters().read(ValueHeadModel.WEIGHT), 0);
            assertArrayEquals(changed, loaded.parameters().read(first), 0);
        }
    }

    /**
     * PPO's loss (clipped policy term plus the weighted value term) on a padded batch of two
     * prompt-and-completion rows, differentiated through the tape, against central differences:
     * every element of the value head's weight, and the three largest-gradient elements of the
     * first tensor (reached through every layer, by both terms) and of the last backbone tensor.
     * The rollout's old log-probs and values lie within 0.1 of the current ones, so no token is
     * clipped and the loss is smooth within every step.
     */
    public static void ppoGradientMatchesFiniteDifferences(ModelFamily family, String fixtureName) throws IOException {
        try (Backend backend = new ScalarBackend()) {
            ValueHeadModel model = ValueHeadModel.attach(fixtureModel(family, fixtureName, backend), family,
                    new SeededRandom(2));
            SeededRandom random = new SeededRandom(3);
            float[] head = new float[model.parameters().get(ValueHeadModel.WEIGHT).size()];
            for (int i = 0; i < head.length; i++) {
                head[i] = (float) random.nextGaussian();  // N(0, 1): the backbone's share must not be tiny
            }
            model.parameters().write(ValueHeadModel.WEIGHT, head);
            Batch batch = rollout(model, random);

            backend.fill(model.parameters().grads(), 0);
            Tape tape = new Tape();
            OBJECTIVE.loss(new Ops(backend, tape), model, batch, 1f);
            tape.backward();

            DoubleSupplier loss = () -> OBJECTIVE.loss(new Ops(backend, null), model, batch, 1f).value();
            ParameterGradients.check(model, ValueHeadModel.WEIGHT, ParameterGradients.allOf(model, ValueHeadModel.WEIGHT), loss);
            List<String> backbone = List.copyOf(model.policy().parameters().parameters().keySet());
            for (String name : List.of(backbone.get(0), backbone.get(backbone.size() - 1))) {
                ParameterGradients.check(model, name, ParameterGradients.largest(model, name, 3), loss);
            }
        }
    }

    /** Two prompts (2 and 3 tokens) with completions of 4 and 2, padded; old log-probs and values near the current ones. */
    private static Batch rollout(ValueHeadModel model, SeededRandom random) {
        List<Example> examples = List.of(
                new Example(new int[] {5, 17, 42, 8, 90, 3}, new boolean[] {false, false, true, true, true, true}),
                new Example(new int[] {61, 3, 3, 7, 12}, new boolean[] {false, false, false, true, true}));
        Batch padded = ExampleBatches.padded(examples, new int[] {0, 1});
        Ops ops = new Ops(model.parameters().backend(), null);
        float[] logp = ops.read(ops.tokenLogProbs(ops.scale(model.forward(ops, padded.inputs(), padded.at(), null),
                1 / 0.7f), padded.targets()));
        float[] values = ops.read(model.values(ops, model.hiddenStates(ops, padded.inputs(), padded.at(), null)));
        int n = padded.inputs().length;
        float[] old = new float[n];
        float[] oldValues = new float[n];
        float[] advantages = new float[n];
        float[] returns = new float[n];
        for (int i = 0; i < n; i++) {
            if (padded.targets()[i] >= 0) {
                old[i] = (float) (logp[i] + 0.1 * (2 * random.nextDouble() - 1));
                oldValues[i] = (float) (values[i] + 0.1 * (2 * random.nextDouble() - 1));
                advantages[i] = (float) random.nextGaussian();
                returns[i] = (float) (values[i] + random.nextGaussian());
            }
        }
        return new Batch(padded.inputs(), padded.targets(), padded.at(), padded.tokens(), padded.sources(),
                new PolicyTokens(old, null, advantages, oldValues, returns), Map.of());
    }

    private static LanguageModel fixtureModel(ModelFamily family, String fixtureName, Backend backend) throws IOException {
        Path dir = ReferenceCheck.fixture(fixtureName);
        LanguageModel lm = family.create(backend, HfCheckpoint.readConfig(dir));
        HfCheckpoint.loadWeights(lm, dir);
        return lm;
    }

    private static float[] logits(LanguageModel model, int[] tokens) {
        Ops ops = new Ops(model.parameters().backend(), null);
        return ops.read(model.forward(ops, tokens, TokenPositions.rows(1, tokens.length, 0), null));
    }
}
