package dev.tempest.rl;

/**
 * Where a batch's completion tokens are: a batch holds B rows of T tokens, each a prompt then its
 * completion then padding, and the RL functions of this package read completions S x maxTokens
 * (one a row from column 0, as {@link CompletionMask} lays them out). A completion's tokens are
 * those of its row with a target, one run at the end of the example.
 */
public final class CompletionLayout {

    private final int[] rowToCompletion;  // (B*T) the completion-layout index of each batch token, -1: none
    private final CompletionMask mask;

    private CompletionLayout(int[] rowToCompletion, CompletionMask mask) {
        this.rowToCompletion = rowToCompletion;
        this.mask = mask;
    }

    /** The layout of a batch whose {@code targets} (B*T) are negative except on the completions' tokens. */
    public static CompletionLayout of(int[] targets, int B, int T, int maxTokens) {
        int[] rowToCompletion = new int[B * T];
        int[] lengths = new int[B];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int i = b * T + t;
                if (targets[i] < 0) {
                    rowToCompletion[i] = -1;
                    continue;
                }
                if (lengths[b] == maxTokens) {
                    throw new IllegalArgumentException("row " + b + " has more than " + maxTokens + " completion tokens");
                }
                rowToCompletion[i] = b * maxTokens + lengths[b]++;
            }
        }
        return new CompletionLayout(rowToCompletion, CompletionMask.ofLengths(lengths, maxTokens));
    }

    public CompletionMask mask() {
        return mask;
    }

    /** Batch-layout values (B*T) in completion layout (S*maxTokens), 0 where no token is. */
    public float[] gather(float[] batch) {
        float[] completions = new float[mask.sequences() * mask.length()];
        for (int i = 0; i < rowToCompletion.length; i++) {
            if (rowToCompletion[i] >= 0) {
                completions[rowToCompletion[i]] = batch[i];
            }
        }
        return completions;
    }

    public double[] gatherDouble(float[] batch) {
        float[] gathered = gather(batch);
        double[] values = new double[gathered.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = gathered[i];
        }
        return values;
    }

    /** Completion-layout values back in batch layout (B*T), 0 at prompt and padding tokens. */
    public float[] scatter(float[] completions) {
        float[] batch = new float[rowToCompletion.length];
        for (int i = 0; i < batch.length; i++) {
            if (rowToCompletion[i] >= 0) {
                batch[i] = completions[rowToCompletion[i]];
            }
        }
        return batch;
    }

    /** The mean of batch-layout values over the completions' tokens. */
    public double mean(float[] batch) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < batch.length; i++) {
            if (rowToCompletion[i] >= 0) {
                sum += batch[i];
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }
}
