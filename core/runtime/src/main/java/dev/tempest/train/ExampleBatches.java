package dev.tempest.train;

import dev.tempest.model.TokenPositions;
import java.util.Arrays;
import java.util.List;

/**
 * Batches of whole examples of different lengths, in an order shuffled anew each epoch from a
 * seed. {@link Layout#PADDED}: B examples a batch, each its own row, padded on the right to the
 * longest of them. {@link Layout#PACKED} (padding-free, as TRL's collator): rows of T tokens
 * filled with as many whole examples as fit, each attending only to itself and counting its
 * positions from 0. Either way a token is predicted only where its example says so; padding and
 * the step from one packed example to the next predict nothing. The whole state is how many
 * examples were taken, which a checkpoint saves.
 */
public final class ExampleBatches implements Batches {

    /** How examples of different lengths share a batch. */
    public enum Layout { PADDED, PACKED }

    private static final int PAD = 0; // any id: padding is never a target and never attended to

    private final EpochOrder<Example> examples;
    private final int B;
    private final int T;
    private final Layout layout;

    /**
     * @param examples each with at least one trained token, at most T + 1 tokens long (T inputs,
     *                 the last token only a target)
     */
    public ExampleBatches(List<Example> examples, int B, int T, Layout layout, long seed) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to batch");
        }
        for (Example example : examples) {
            if (example.tokens().length > T + 1 || !example.trainsAnything()) {
                throw new IllegalArgumentException("an example of " + example.tokens().length
                        + " tokens does not fit rows of " + T + " or trains nothing");
            }
        }
        this.examples = new EpochOrder<>(examples, seed);
        this.B = B;
        this.T = T;
        this.layout = layout;
    }

    @Override
    public Batch next() {
        return layout == Layout.PADDED ? padded() : packed();
    }

    /** B examples, one a row, right-padded to the longest: causal attention never sees the padding. */
    private Batch padded() {
        Example[] rows = new Example[B];
        int width = 1;
        int tokens = 0;
        for (int b = 0; b < B; b++) {
            rows[b] = examples.take();
            width = Math.max(width, rows[b].tokens().length - 1);
            tokens += rows[b].tokens().length - 1;
        }
        int[] inputs = new int[B * width];
        int[] targets = new int[B * width];
        Arrays.fill(targets, -1);
        for (int b = 0; b < B; b++) {
            place(rows[b], inputs, targets, b * width);
        }
        return new Batch(inputs, targets, TokenPositions.rows(B, width, 0), tokens);
    }

    /** B rows of T, each holding whole examples one after another, then padding. */
    private Batch packed() {
        int[] inputs = new int[B * T];
        int[] targets = new int[B * T];
        int[] positions = new int[B * T];  // padding: 0 each, a one-token sequence of its own
        Arrays.fill(targets, -1);
        int tokens = 0;
        for (int b = 0; b < B; b++) {
            int used = 0;
            while (used + examples.peek().tokens().length - 1 <= T) {
                Example example = examples.take();
                int n = example.tokens().length - 1;
                place(example, inputs, targets, b * T + used);
                for (int t = 0; t < n; t++) {
                    positions[b * T + used + t] = t;
                }
                used += n;
            }
            Arrays.fill(inputs, b * T + used, (b + 1) * T, PAD);
            tokens += used;
        }
        return new Batch(inputs, targets, TokenPositions.packed(B, T, positions), tokens);
    }

    /** Writes an example's inputs (all tokens but its last) and its targets (each next token the loss covers) at {@code at}. */
    private static void place(Example example, int[] inputs, int[] targets, int at) {
        int[] tokens = example.tokens();
        for (int t = 0; t + 1 < tokens.length; t++) {
            inputs[at + t] = tokens[t];
            targets[at + t] = example.trained()[t + 1] ? tokens[t + 1] : -1;
        }
    }

    /** Examples handed out so far, over all epochs. */
    @Override
    public long position() {
        return examples.taken();
    }

    @Override
    public void seek(long position) {
        examples.seek(position);
    }
}
