package dev.tempest.accelerator.kernels;

/**
 * The per-token log-likelihood, the one loss primitive of every training stage, per row of
 * logits (rows, V): logp = logits[target] - logsumexp(logits). Backward takes a weight per token
 * (d loss / d logp): cross-entropy's -1/count, SFT's masks, DPO's sequence terms, PPO's and
 * GRPO's advantages. A negative target (-100 by convention) masks the row: logp 0, no gradient.
 */
public final class TokenLogProbs {

    private TokenLogProbs() {
    }

    /** logp[r] and lse[r] (the row's log-sum-exp, kept for backward) for rows [from, to). */
    public static void forward(float[] logp, int logpOff, float[] lse, int lseOff, float[] logits, int logitsOff,
                               int[] targets, int V, int from, int to) {
        for (int r = from; r < to; r++) {
            int row = logitsOff + r * V;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < V; i++) {
                max = Math.max(max, logits[row + i]);
            }
            double sum = 0;
            for (int i = 0; i < V; i++) {
                sum += Math.exp(logits[row + i] - max);
            }
            float rowLse = (float) (max + Math.log(sum));
            lse[lseOff + r] = rowLse;
            logp[logpOff + r] = targets[r] < 0 ? 0 : logits[row + targets[r]] - rowLse;
        }
    }

    /** dlogits += dlogp[r] * (onehot(target) - softmax(logits)) per unmasked row r of [from, to). */
    public static void backward(float[] dlogits, int dlogitsOff, float[] dlogp, int dlogpOff, float[] logits,
                                int logitsOff, float[] lse, int lseOff, int[] targets, int V, int from, int to) {
        for (int r = from; r < to; r++) {
            if (targets[r] < 0) {
                continue;
            }
            int row = r * V;
            float rowLse = lse[lseOff + r];
            float weight = dlogp[dlogpOff + r];
            for (int i = 0; i < V; i++) {
                float p = (float) Math.exp(logits[logitsOff + row + i] - rowLse);
                dlogits[dlogitsOff + row + i] += weight * (i == targets[r] ? 1 - p : -p);
            }
        }
    }
}
