package dev.tempest.train;

import dev.tempest.model.TokenPositions;

/**
 * B rows of T tokens, the token each position should predict (-1: nothing, no loss there), and
 * where each token sits in its own sequence ({@code at}: several examples may share a row, a
 * row may end in padding). inputs and targets are (B*T), row-major; {@code tokens} counts the
 * inputs that are not padding, what throughput is measured in; {@code sources} (B*T), where
 * batches are cut from a list of examples, is the example each token belongs to (-1: padding),
 * what a loss over whole sequences (DPO's, a reward model's) sums by, else null.
 */
public record Batch(int[] inputs, int[] targets, TokenPositions at, int tokens, int[] sources) {

    public Batch {
        if (inputs.length != at.B() * at.T() || targets.length != inputs.length || tokens > inputs.length
                || (sources != null && sources.length != inputs.length)) {
            throw new IllegalArgumentException("a (" + at.B() + ", " + at.T() + ") batch needs " + at.B() * at.T()
                    + " inputs and targets");
        }
    }

    /** Rows that are each one sequence from position 0, every token predicting the next. */
    public static Batch rows(int[] inputs, int[] targets, int B, int T) {
        return new Batch(inputs, targets, TokenPositions.rows(B, T, 0), B * T, null);
    }

    public int B() {
        return at.B();
    }

    public int T() {
        return at.T();
    }
}
