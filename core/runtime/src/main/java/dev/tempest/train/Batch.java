package dev.tempest.train;

import dev.tempest.model.TokenPositions;

/**
 * B rows of T tokens, the token each position should predict (-1: nothing, no loss there), and
 * where each token sits in its own sequence ({@code at}: several examples may share a row, a
 * row may end in padding). inputs and targets are (B*T), row-major; {@code tokens} counts the
 * inputs that are not padding, what throughput is measured in. A batch of sequences scored in
 * pairs (a reward model's) has no targets (all -1) and names its {@link Pairs}; others have none
 * (null).
 */
public record Batch(int[] inputs, int[] targets, TokenPositions at, int tokens, Pairs pairs) {

    public Batch {
        if (inputs.length != at.B() * at.T() || targets.length != inputs.length || tokens > inputs.length) {
            throw new IllegalArgumentException("a (" + at.B() + ", " + at.T() + ") batch needs " + at.B() * at.T()
                    + " inputs and targets");
        }
    }

    /** A batch of next-token targets, no pairs. */
    public Batch(int[] inputs, int[] targets, TokenPositions at, int tokens) {
        this(inputs, targets, at, tokens, null);
    }

    /** Rows that are each one sequence from position 0, every token predicting the next. */
    public static Batch rows(int[] inputs, int[] targets, int B, int T) {
        return new Batch(inputs, targets, TokenPositions.rows(B, T, 0), B * T);
    }

    public int B() {
        return at.B();
    }

    public int T() {
        return at.T();
    }
}
