package dev.tempest.rl;

import java.util.Map;

/**
 * A loss over P preference pairs, averaged over the pairs, with its derivative with respect to
 * each pair's two scores: the reward model's rewards (Bradley-Terry), or the policy's summed
 * completion log-probs (DPO), where d loss / d pi_c is the weight of every token of the chosen
 * completion (the sum's derivative is 1 for each of its tokens), and likewise for the rejected.
 *
 * @param dChosen   (P) d loss / d chosen score
 * @param dRejected (P) d loss / d rejected score
 * @param metrics   what TRL's trainer logs of the batch, under TRL's names, in a fixed order
 */
public record PairLoss(double loss, double[] dChosen, double[] dRejected, Map<String, Double> metrics) {

    /**
     * DPO's per-token weights for {@code Ops.tokenLogProbs}'s gradient, in the layout TRL batches
     * pairs in: the P chosen completions, then the P rejected ones (2P*T); each completion's
     * derivative on its counted tokens.
     */
    public float[] tokenGradient(CompletionMask chosenThenRejected) {
        if (chosenThenRejected.sequences() != 2 * dChosen.length) {
            throw new IllegalArgumentException("a mask of " + chosenThenRejected.sequences() + " completions for "
                    + dChosen.length + " pairs: it needs the chosen ones, then the rejected ones");
        }
        double[] perSequence = new double[2 * dChosen.length];
        System.arraycopy(dChosen, 0, perSequence, 0, dChosen.length);
        System.arraycopy(dRejected, 0, perSequence, dChosen.length, dRejected.length);
        double[] perToken = chosenThenRejected.spread(perSequence);
        float[] gradient = new float[perToken.length];
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = (float) perToken[i];
        }
        return gradient;
    }
}
