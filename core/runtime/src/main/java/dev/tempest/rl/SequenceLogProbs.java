package dev.tempest.rl;

import dev.tempest.model.LanguageModel;
import dev.tempest.nn.Ops;
import dev.tempest.tensor.Tensor;
import dev.tempest.train.Batch;
import dev.tempest.train.Example;
import dev.tempest.train.ExampleBatches;
import java.util.List;

/**
 * Each example's log-probability under a model, summed over the tokens its loss covers, and how
 * many those are: what DPO compares, and what its frozen reference gives once, before training.
 *
 * @param sums   (E) summed log-probs, in the examples' order
 * @param tokens (E) tokens summed
 */
public record SequenceLogProbs(double[] sums, int[] tokens) {

    /** Sequences a forward pass takes at once. */
    private static final int BATCH = 16;

    /** Under {@code model}, with no gradient: every example, in batches of right-padded rows of at most T tokens. */
    public static SequenceLogProbs of(LanguageModel model, List<Example> examples, int T) {
        double[] sums = new double[examples.size()];
        int[] tokens = new int[examples.size()];
        for (int from = 0; from < examples.size(); from += BATCH) {
            List<Example> chunk = examples.subList(from, Math.min(examples.size(), from + BATCH));
            Batch batch = new ExampleBatches(chunk, chunk.size(), T, ExampleBatches.Layout.PADDED, 0).next();
            Ops ops = new Ops(model.parameters().backend(), null);
            Tensor logits = model.forward(ops, batch.inputs(), batch.at(), null);
            SequenceLogProbs part = of(ops.read(ops.tokenLogProbs(logits, batch.targets())), batch, chunk.size());
            System.arraycopy(part.sums, 0, sums, from, chunk.size());
            System.arraycopy(part.tokens, 0, tokens, from, chunk.size());
        }
        return new SequenceLogProbs(sums, tokens);
    }

    /** The sums of per-token {@code logp} (B*T) over each of {@code examples} examples, by the batch's sources. */
    public static SequenceLogProbs of(float[] logp, Batch batch, int examples) {
        double[] sums = new double[examples];
        int[] tokens = new int[examples];
        for (int i = 0; i < logp.length; i++) {
            if (batch.targets()[i] >= 0) {
                sums[batch.sources()[i]] += logp[i];
                tokens[batch.sources()[i]]++;
            }
        }
        return new SequenceLogProbs(sums, tokens);
    }

    /**
     * These (the policy's) and {@code reference}'s values for the preference pairs numbered
     * {@code pairs}, in that order: examples 2p (chosen) and 2p + 1 (rejected) of both.
     */
    public PairLogProbs pairs(SequenceLogProbs reference, List<Integer> pairs) {
        int P = pairs.size();
        double[][] values = new double[4][P];  // policy chosen, policy rejected, reference chosen, reference rejected
        int[][] counts = new int[2][P];
        for (int p = 0; p < P; p++) {
            int chosen = 2 * pairs.get(p);
            values[0][p] = sums[chosen];
            values[1][p] = sums[chosen + 1];
            values[2][p] = reference.sums[chosen];
            values[3][p] = reference.sums[chosen + 1];
            counts[0][p] = tokens[chosen];
            counts[1][p] = tokens[chosen + 1];
        }
        return new PairLogProbs(values[0], values[1], values[2], values[3], counts[0], counts[1]);
    }
}
