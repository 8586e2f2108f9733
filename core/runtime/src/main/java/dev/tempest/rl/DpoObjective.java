package dev.tempest.rl;

import dev.tempest.model.LanguageModel;
import dev.tempest.nn.Ops;
import dev.tempest.tensor.Tensor;
import dev.tempest.train.Batch;
import dev.tempest.train.Loss;
import dev.tempest.train.Objective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DPO's loss on a batch of preference pairs, each pair two examples in a row (chosen, then
 * rejected: examples 2p and 2p + 1 of the stage's list, both in the batch): their summed
 * log-probs under the policy from the per-token log-likelihoods, under the frozen reference from
 * the sums computed once before training ({@link SequenceLogProbs}), the loss and its derivative
 * per pair by {@link DpoLoss}, and that derivative as the weight of every token of the
 * completion. Logs TRL's rewards/chosen, rewards/rejected, rewards/margins and rewards/accuracies.
 */
public final class DpoObjective implements Objective {

    private final DpoLoss loss;
    private final SequenceLogProbs reference;  // (E) over every example of the stage's list

    public DpoObjective(DpoLoss loss, SequenceLogProbs reference) {
        this.loss = loss;
        this.reference = reference;
    }

    @Override
    public Loss loss(Ops ops, LanguageModel model, Batch batch, float lossScale) {
        Tensor logp = ops.tokenLogProbs(model.forward(ops, batch.inputs(), batch.at(), null), batch.targets());  // (B*T)
        float[] gradient = new float[logp.size()];
        PairLoss pairLoss = loss(ops.read(logp), batch, lossScale, gradient);
        ops.backwardFrom(logp, gradient);
        return new Loss((float) pairLoss.loss(), pairLoss.metrics());
    }

    /**
     * The loss of the batch whose tokens' log-likelihoods are {@code logp} (B*T), and into
     * {@code gradient} (B*T) its derivative with respect to each, times {@code lossScale}.
     */
    PairLoss loss(float[] logp, Batch batch, float lossScale, float[] gradient) {
        SequenceLogProbs policy = SequenceLogProbs.of(logp, batch, reference.sums().length);
        Map<Integer, Integer> places = new LinkedHashMap<>();  // a pair's number in the list -> its place in this batch
        for (int source : batch.sources()) {
            if (source >= 0) {
                places.putIfAbsent(source / 2, places.size());
            }
        }
        PairLoss pairLoss = loss.compute(policy.pairs(reference, new ArrayList<>(places.keySet())));
        for (int i = 0; i < gradient.length; i++) {
            int source = batch.sources()[i];
            if (source >= 0 && batch.targets()[i] >= 0) {
                int p = places.get(source / 2);
                gradient[i] = (float) ((source % 2 == 0 ? pairLoss.dChosen()[p] : pairLoss.dRejected()[p]) * lossScale);
            }
        }
        return pairLoss;
    }

    /** The loss on the first {@code pairs} pairs of the list, whose log-probs under the policy are {@code policy}. */
    public PairLoss heldOut(SequenceLogProbs policy, int pairs) {
        List<Integer> numbers = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            numbers.add(p);
        }
        return loss.compute(policy.pairs(reference, numbers));
    }
}
