package dev.tempest.accelerator.kernels;

/**
 * Softmax and cross-entropy fused, per row of logits (rows, V): the loss of a row is
 * logsumexp(logits) - logits[target]. A negative target (-100 by convention) masks the row: no
 * loss, no gradient.
 */
public final class CrossEntropy {

    private CrossEntropy() {
    }

    /** losses[r] and lse[r] (the row's log-sum-exp, kept for backward) for rows [from, to). */
    public static void forward(float[] losses, int lossesOff, float[] lse, int lseOff, float[] logits, int logitsOff,
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
            losses[lossesOff + r] = targets[r] < 0 ? 0 : rowLse - logits[row + targets[r]];
        }
    }

    /** dlogits += scale * (softmax(logits) - onehot(target)) per unmasked row; scale is d loss / d row loss. */
    public static void backward(float[] dlogits, int dlogitsOff, float[] logits, int logitsOff,
                                float[] lse, int lseOff, int[] targets, float scale, int V, int from, int to) {
        for (int r = from; r < to; r++) {
            if (targets[r] < 0) {
                continue;
            }
            int row = r * V;
            float rowLse = lse[lseOff + r];
            for (int i = 0; i < V; i++) {
                float p = (float) Math.exp(logits[logitsOff + row + i] - rowLse);
                dlogits[dlogitsOff + row + i] += scale * (i == targets[r] ? p - 1 : p);
            }
        }
    }
}
