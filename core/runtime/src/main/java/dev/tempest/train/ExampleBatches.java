package dev.tempest.train;

import dev.tempest.model.TokenPositions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batches of whole examples of different lengths, in an order shuffled anew each epoch from a
 * seed. Examples come in groups that stay together in one batch, in order: one example each for
 * SFT, a chosen and a rejected answer for preference stages. {@link Layout#PADDED}: B groups a
 * batch, each example its own row, padded on the right to the longest. {@link Layout#PACKED}
 * (padding-free, as TRL's collator): rows of T tokens filled with as many whole examples as fit,
 * each attending only to itself and counting its positions from 0. Either way a token is
 * predicted only where its example says so; padding and the step from one packed example to the
 * next predict nothing; and each token knows its example ({@link Batch#sources()}). The whole
 * state is how many groups were taken, which a checkpoint saves.
 */
public final class ExampleBatches implements Batches {

    /** How examples of different lengths share a batch. */
    public enum Layout { PADDED, PACKED }

    private static final int PAD = 0; // any id: padding is never a target and never attended to

    private final List<Example> examples;
    private final int groupSize;
    private final EpochOrder<Integer> groups;  // each group's first example
    private final int B;
    private final int T;
    private final Layout layout;

    /** One example a group: B examples (padded) or B rows (packed) a batch. */
    public ExampleBatches(List<Example> examples, int B, int T, Layout layout, long seed) {
        this(examples, 1, B, T, layout, seed);
    }

    /**
     * @param examples  each with at least one trained token, at most T + 1 tokens long (T inputs,
     *                  the last token only a target); consecutive runs of {@code groupSize} are groups
     * @param B         groups a batch (padded), or rows (packed)
     */
    public ExampleBatches(List<Example> examples, int groupSize, int B, int T, Layout layout, long seed) {
        this(examples, groupSize, allGroups(examples.size(), groupSize), B, T, layout, seed);
    }

    /**
     * Batches of the groups of {@code examples} that start at {@code groups}, their tokens' sources
     * indices into the whole list: a training and a held-out share of one list, whose per-example
     * values (DPO's reference log-probs) are then computed once, for the list.
     */
    public ExampleBatches(List<Example> examples, int groupSize, List<Integer> groups, int B, int T, Layout layout,
                          long seed) {
        if (groups.isEmpty() || examples.size() % groupSize != 0) {
            throw new IllegalArgumentException(examples.size() + " examples are no whole number of groups of " + groupSize);
        }
        for (int first : groups) {
            for (Example example : examples.subList(first, first + groupSize)) {
                if (example.tokens().length > T + 1 || !example.trainsAnything()) {
                    throw new IllegalArgumentException("an example of " + example.tokens().length
                            + " tokens does not fit rows of " + T + " or trains nothing");
                }
            }
        }
        this.examples = List.copyOf(examples);
        this.groupSize = groupSize;
        this.groups = new EpochOrder<>(groups, seed);
        this.B = B;
        this.T = T;
        this.layout = layout;
    }

    /** The first example of every group of {@code examples} examples. */
    private static List<Integer> allGroups(int examples, int groupSize) {
        List<Integer> firsts = new ArrayList<>();
        for (int first = 0; first < examples; first += groupSize) {
            firsts.add(first);
        }
        return firsts;
    }

    @Override
    public Batch next() {
        return layout == Layout.PADDED ? padded() : packed();
    }

    /** B groups, an example a row, right-padded to the longest: causal attention never sees the padding. */
    private Batch padded() {
        int[] chosen = new int[B * groupSize];  // the example of each row
        for (int g = 0; g < B; g++) {
            int first = groups.take();
            for (int m = 0; m < groupSize; m++) {
                chosen[g * groupSize + m] = first + m;
            }
        }
        return padded(examples, chosen);
    }

    /**
     * The examples {@code chosen} of {@code examples}, one a row in that order, right-padded to
     * the longest; each token's source is its example's index in {@code examples}.
     */
    public static Batch padded(List<Example> examples, int[] chosen) {
        int rows = chosen.length;
        int width = 1;
        int tokens = 0;
        for (int index : chosen) {
            width = Math.max(width, examples.get(index).tokens().length - 1);
            tokens += examples.get(index).tokens().length - 1;
        }
        int[] inputs = new int[rows * width];
        int[] targets = new int[rows * width];
        int[] sources = new int[rows * width];
        Arrays.fill(targets, -1);
        Arrays.fill(sources, -1);
        for (int r = 0; r < rows; r++) {
            place(examples, chosen[r], inputs, targets, sources, r * width);
        }
        return new Batch(inputs, targets, TokenPositions.rows(rows, width, 0), tokens, sources);
    }

    /** B rows of T, each holding whole examples one after another, then padding. */
    private Batch packed() {
        int[] inputs = new int[B * T];
        int[] targets = new int[B * T];
        int[] sources = new int[B * T];
        int[] positions = new int[B * T];  // padding: 0 each, a one-token sequence of its own
        Arrays.fill(targets, -1);
        Arrays.fill(sources, -1);
        int tokens = 0;
        for (int b = 0; b < B; b++) {
            int used = 0;
            while (used + groupLength(groups.peek()) <= T) {
                int first = groups.take();
                for (int m = 0; m < groupSize; m++) {
                    int n = examples.get(first + m).tokens().length - 1;
                    place(examples, first + m, inputs, targets, sources, b * T + used);
                    for (int t = 0; t < n; t++) {
                        positions[b * T + used + t] = t;
                    }
                    used += n;
                }
            }
            Arrays.fill(inputs, b * T + used, (b + 1) * T, PAD);
            tokens += used;
        }
        return new Batch(inputs, targets, TokenPositions.packed(B, T, positions), tokens, sources);
    }

    /** Inputs a group takes in a packed row. */
    private int groupLength(int first) {
        int length = 0;
        for (int m = 0; m < groupSize; m++) {
            length += examples.get(first + m).tokens().length - 1;
        }
        return length;
    }

    /**
     * Writes example {@code index}'s inputs (all tokens but its last), its targets (each next token
     * the loss covers) and its index as their source, at {@code at}.
     */
    private static void place(List<Example> examples, int index, int[] inputs, int[] targets, int[] sources, int at) {
        Example example = examples.get(index);
        int[] tokens = example.tokens();
        for (int t = 0; t + 1 < tokens.length; t++) {
            inputs[at + t] = tokens[t];
            targets[at + t] = example.trained()[t + 1] ? tokens[t + 1] : -1;
            sources[at + t] = index;
        }
    }

    /** Groups handed out so far, over all epochs. */
    @Override
    public long position() {
        return groups.taken();
    }

    @Override
    public void seek(long position) {
        groups.seek(position);
    }
}
