package dev.tempest.model;

import dev.tempest.nn.Ops;
import dev.tempest.random.SeededRandom;
import dev.tempest.tensor.Tensor;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A sequence classifier's head ({@link SequenceClassification}): {@code score.weight} (labels, C)
 * applied to the final hidden state of one row per sequence, and the classifier made from a
 * language model by putting a fresh head on its backbone.
 */
public final class ScoreHead {

    private ScoreHead() {
    }

    /**
     * The scores (n, labels) of the sequences of {@code inputs} (B*T) at {@code at}, each read at
     * its row of {@code rows} (n, of B*T; see {@link ScoredSequences}). Recorded on the ops' tape
     * like any op, so a loss on the scores trains the head and the backbone under it.
     */
    public static Tensor scores(Ops ops, LanguageModel classifier, int[] inputs, TokenPositions at, int[] rows) {
        Tensor hidden = classifier.hiddenStates(ops, inputs, at, null);                    // (B*T, C)
        Tensor read = ops.gatherRows(hidden, rows);                                         // (n, C)
        return ops.linear(read, classifier.parameters().get(SequenceClassification.SCORE), null); // (n, labels)
    }

    /**
     * A one-label classifier (a reward model) on the backbone of {@code lm}, on lm's backend:
     * every backbone tensor copied from lm (found by its name, or by the name without the
     * backbone's prefix, since a family's classifier may keep its backbone under one, as GPT-2's
     * does under {@code transformer.}), lm's head left behind, and {@code score.weight} drawn from
     * N(0, 0.02) as Hugging Face initialises a new head; {@code padTokenId} goes to its config
     * ({@link SequenceClassification#rewardModelConfig}).
     *
     * @throws IllegalArgumentException when the family has no sequence-classification variant
     */
    public static LanguageModel attach(LanguageModel lm, ModelFamily family, OptionalInt padTokenId, SeededRandom random) {
        String architecture = family.sequenceClassifier(lm.config()).orElseThrow(() -> new IllegalArgumentException(
                "model family " + family.id() + " has no sequence-classification variant"));
        LanguageModel classifier = family.create(lm.parameters().backend(),
                SequenceClassification.rewardModelConfig(lm.config(), architecture, padTokenId));
        Map<String, Tensor> backbone = lm.parameters().parameters();
        for (String name : classifier.parameters().parameters().keySet()) {
            if (name.equals(SequenceClassification.SCORE)) {
                classifier.parameters().write(name, random.normal(classifier.parameters().get(name).size(), 0.02));
            } else {
                String unprefixed = name.substring(name.indexOf('.') + 1);
                classifier.parameters().write(name, lm.parameters().read(backbone.containsKey(name) ? name : unprefixed));
            }
        }
        return classifier;
    }
}
