package dev.tempest.accelerator.kernels;

/**
 * The entropy of softmax(logits) per row of logits (rows, V), from the row's log-sum-exp that
 * {@link TokenLogProbs#forward} kept: what RL stages log to watch a policy collapse. Forward only.
 */
public final class TokenEntropy {

    private TokenEntropy() {
    }

    /**
     * entropy[r] = sum_i p_i (lse - logits_i), p_i = exp(logits_i - lse), for rows [from, to):
     * -sum p log p written as a sum of non-negative terms, so nothing cancels when logits are large;
     * a token of probability 0 (a logit of -inf) adds nothing.
     */
    public static void forward(float[] entropy, int entropyOff, float[] logits, int logitsOff, float[] lse, int lseOff,
                               int V, int from, int to) {
        for (int r = from; r < to; r++) {
            int row = logitsOff + r * V;
            float rowLse = lse[lseOff + r];
            double sum = 0;
            for (int i = 0; i < V; i++) {
                float surprise = rowLse - logits[row + i];
                double p = Math.exp(-surprise);
                if (p > 0) {
                    sum += p * surprise;
                }
            }
            entropy[entropyOff + r] = (float) sum;
        }
    }
}
