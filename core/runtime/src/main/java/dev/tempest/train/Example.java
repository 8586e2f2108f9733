package dev.tempest.train;

import java.util.Arrays;

/**
 * One training example as tokens (n), and for each token whether the loss covers predicting it
 * (n): in SFT the completion's tokens and the end of its turn, not the prompt's.
 */
public record Example(int[] tokens, boolean[] trained) {

    public Example {
        if (tokens.length != trained.length) {
            throw new IllegalArgumentException(tokens.length + " tokens but " + trained.length + " loss flags");
        }
    }

    /** The first {@code length} tokens: what fits a row. */
    public Example truncate(int length) {
        return length >= tokens.length ? this
                : new Example(Arrays.copyOf(tokens, length), Arrays.copyOf(trained, length));
    }

    /** Whether the loss covers any token after the first (the first has nothing to be predicted from). */
    public boolean trainsAnything() {
        for (int i = 1; i < trained.length; i++) {
            if (trained[i]) {
                return true;
            }
        }
        return false;
    }

    /** How many tokens the loss covers. */
    public int trainedTokens() {
        int count = 0;
        for (int i = 1; i < trained.length; i++) {
            count += trained[i] ? 1 : 0;
        }
        return count;
    }
}
