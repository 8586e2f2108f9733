package dev.tempest.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.scalar.ScalarBackend;
import dev.tempest.autograd.Tape;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.checkpoint.SafetensorsReader;
import dev.tempest.nn.Ops;
import dev.tempest.random.SeededRandom;
import dev.tempest.rl.RewardModelObjective;
import dev.tempest.tensor.Tensor;
import dev.tempest.train.Batch;
import dev.tempest.train.PairBatches;
import dev.tempest.train.PreferenceExample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * Checks a family's sequence-classification variant, the reward model's: the folder it is saved
 * in holds what Hugging Face's class loads, the Bradley-Terry gradient reaches the head and the
 * backbone as finite differences say, and sequences padded into one batch score as each alone.
 */
public final class ClassifierCheck {

    private static final int PAD = 95;  // below the fixtures' vocabulary of 96; stands for end-of-text
    /** Three pairs of different lengths, margins of each sign, sequences ending in the pad token among them. */
    private static final Batch BATCH = PairBatches.batch(List.of(
            new PreferenceExample(new int[] {5, 17, 42, 8, 90}, new int[] {5, 17, 9}, 0.5f),
            new PreferenceExample(new int[] {61, 3, 3, 95, 7, 12}, new int[] {61, 3, 2, PAD}, 0),
            new PreferenceExample(new int[] {33, 1, 70, PAD}, new int[] {33, 1, 71, 4, 4, 4, 4}, -1)),
            OptionalInt.of(PAD));
    private static final RewardModelObjective OBJECTIVE = new RewardModelObjective(0.1);

    private ClassifierCheck() {
    }

    /**
     * A reward model put on {@code lm}'s backbone and saved to {@code dir} holds exactly the
     * tensors {@code expected} (name to shape, as Hugging Face's {@code architecture} names them),
     * its config names the class, one label and the pad token, the backbone is lm's, and the
     * folder loads back to the same weights as a reward model, never as a language model.
     */
    public static void savedLayoutIsHuggingFaces(ModelFamily family, Map<String, Object> lmConfig, String architecture,
                                                 Map<String, List<Integer>> expected, Path dir) throws IOException {
        try (Backend backend = new ScalarBackend()) {
            LanguageModel lm = family.create(backend, lmConfig);
            lm.initialize(new SeededRandom(1));
            LanguageModel classifier = ScoreHead.attach(lm, family, OptionalInt.of(PAD), new SeededRandom(2));
            HfCheckpoint.save(classifier, dir);

            SafetensorsReader saved = SafetensorsReader.open(dir.resolve("model.safetensors"));
            Map<String, List<Integer>> layout = new LinkedHashMap<>();
            for (String name : saved.names()) {
                layout.put(name, Arrays.stream(saved.entry(name).shape()).boxed().toList());
            }
            assertEquals(new TreeMap<>(expected), new TreeMap<>(layout));
            Map<String, Object> config = HfCheckpoint.readConfig(dir);
            assertEquals(List.of(architecture), config.get("architectures"));
            assertEquals(1, config.get("num_labels"));
            assertEquals(Map.of("0", "LABEL_0"), config.get("id2label"));
            assertEquals(Map.of("LABEL_0", 0), config.get("label2id"));
            assertEquals(PAD, config.get("pad_token_id"));
            int[] tokens = {3, 1, 4, 1, 5};
            assertArrayEquals(hidden(lm, tokens), hidden(classifier, tokens), 0, "the backbone is lm's, every tensor of it");
            LanguageModel loaded = new ModelFolder(dir).loadRewardModel(family, backend);
            assertTrue(assertThrows(IOException.class, () -> new ModelFolder(dir).load(family, backend)).getMessage()
                    .endsWith("not a language model: it scores text and generates none; the reward-model plugin scores with it"));
            assertArrayEquals(classifier.parameters().read(SequenceClassification.SCORE),
                    loaded.parameters().read(SequenceClassification.SCORE), 0);
            assertThrows(IllegalStateException.class, () -> loaded.forward(new Ops(backend, null), new int[] {1}, 1, 1),
                    "a classifier has no language-model head");
        }
    }

    /**
     * The Bradley-Terry loss (margins and centring included) of a reward model on the fixture's
     * backbone, differentiated through the tape, against central differences (h = 1e-3) of the
     * same loss: every element of {@code score.weight}, and the three largest-gradient elements of
     * the first tensor, which reaches the loss through every layer, and the last (the final norm),
     * which is read only at the gathered rows; the backbone's gradient is not trivially small
     * (asserted). The tolerance, 1e-3 + 1e-2 relative, is float32
     * round-off of a loss near 1 over 2h, and far below a gradient sent to the wrong row.
     */
    public static void rewardGradientMatchesFiniteDifferences(ModelFamily family, String fixtureName) throws IOException {
        try (Backend backend = new ScalarBackend()) {
            LanguageModel model = rewardModel(family, fixtureName, backend);
            rewardGradient(model);

            List<String> names = List.copyOf(model.parameters().parameters().keySet());
            DoubleSupplier loss = () -> OBJECTIVE.loss(new Ops(backend, null), model, BATCH, 1f).value();
            ParameterGradients.check(model, SequenceClassification.SCORE,
                    ParameterGradients.allOf(model, SequenceClassification.SCORE), loss);
            for (String name : List.of(names.get(0), names.get(names.size() - 2))) {
                ParameterGradients.check(model, name, ParameterGradients.largest(model, name, 3), loss);
            }
        }
    }

    /**
     * The reward model's Bradley-Terry gradient on {@code backend} is the scalar oracle's, every
     * parameter of it, to 1e-4 of the largest (float round-off of GEMMs summed in other blocks; a
     * row gathered or scattered wrongly differs by far more): the gather and its scatter-add run on
     * every backend's kernels.
     */
    public static void rewardGradientMatchesTheOracle(ModelFamily family, String fixtureName, Backend backend)
            throws IOException {
        try (backend; Backend oracle = new ScalarBackend()) {
            float[] expected = rewardGradient(rewardModel(family, fixtureName, oracle));
            float[] actual = rewardGradient(rewardModel(family, fixtureName, backend));
            float largest = 0;
            float worst = 0;
            for (int i = 0; i < expected.length; i++) {
                largest = Math.max(largest, Math.abs(expected[i]));
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
            assertTrue(largest > 1e-2, "the gradient is not trivially small");
            assertTrue(worst <= 1e-4 * largest, backend.name() + ": gradients differ by " + worst + " of " + largest);
        }
    }

    /** Every parameter's gradient of the Bradley-Terry loss on {@link #BATCH}, also left in the model's gradients. */
    private static float[] rewardGradient(LanguageModel model) {
        Backend backend = model.parameters().backend();
        backend.fill(model.parameters().grads(), 0);
        Tape tape = new Tape();
        OBJECTIVE.loss(new Ops(backend, tape), model, BATCH, 1f);
        tape.backward();
        float[] grads = new float[model.parameters().size()];
        backend.read(model.parameters().grads(), grads, 0);
        return grads;
    }

    /** Pairs padded into one batch score as each sequence alone, to float round-off (1e-5 of the largest score). */
    public static void paddedSequencesScoreAsEachAlone(ModelFamily family, String fixtureName, Backend backend)
            throws IOException {
        try (backend) {
            LanguageModel model = rewardModel(family, fixtureName, backend);
            List<int[]> sequences = List.of(new int[] {5, 17, 42, 8, 90, PAD}, new int[] {61, 3}, new int[] {7, 7, 7, 7});
            float[] together = scores(model, ScoredSequences.of(sequences, OptionalInt.of(PAD)));
            float largest = 0;
            for (int i = 0; i < sequences.size(); i++) {
                float alone = scores(model, ScoredSequences.of(List.of(sequences.get(i)), OptionalInt.of(PAD)))[0];
                assertEquals(alone, together[i], 1e-5 * Math.max(1, Math.abs(alone)), "sequence " + i);
                largest = Math.max(largest, Math.abs(alone));
            }
            float[] unpadded = scores(model, ScoredSequences.of(List.of(new int[] {5, 17, 42, 8, 90}), OptionalInt.of(PAD)));
            assertEquals(unpadded[0], together[0], 1e-5 * Math.max(1, largest), "read before its end-of-text, as Hugging Face reads it");
        }
    }

    /**
     * A reward model on the fixture's backbone, its head then redrawn N(0, 1) from a fixed seed:
     * with a new head's N(0, 0.02) the backbone's gradient would be too small to check.
     */
    private static LanguageModel rewardModel(ModelFamily family, String fixtureName, Backend backend) throws IOException {
        Path dir = ReferenceCheck.fixture(fixtureName);
        LanguageModel lm = family.create(backend, HfCheckpoint.readConfig(dir));
        HfCheckpoint.loadWeights(lm, dir);
        LanguageModel model = ScoreHead.attach(lm, family, OptionalInt.of(PAD), new SeededRandom(2));
        float[] head = new float[model.parameters().get(SequenceClassification.SCORE).size()];
        SeededRandom random = new SeededRandom(3);
        for (int i = 0; i < head.length; i++) {
            head[i] = (float) random.nextGaussian();
        }
        model.parameters().write(SequenceClassification.SCORE, head);
        return model;
    }

    private static float[] hidden(LanguageModel model, int[] tokens) {
        Ops ops = new Ops(model.parameters().backend(), null);
        Tensor hidden = model.hiddenStates(ops, tokens, TokenPositions.rows(1, tokens.length, 0), null);
        float[] values = new float[hidden.size()];
        ops.backend().read(hidden.data(), values, 0);
        return values;
    }

    private static float[] scores(LanguageModel model, ScoredSequences batch) {
        Ops ops = new Ops(model.parameters().backend(), null);
        Tensor scores = ScoreHead.scores(ops, model, batch.inputs(), batch.at(), batch.rows());
        float[] values = new float[scores.size()];
        ops.backend().read(scores.data(), values, 0);
        return values;
    }
}
