package dev.tempest.generate;

import java.util.Arrays;

/**
 * One sequence's new tokens after its prompt.
 *
 * @param tokens   (n) the new tokens, an end token included as the last when it ended the sequence
 * @param logProbs (n) each token's log-probability under the temperature-scaled distribution it was
 *                 drawn from, before top-k and top-p cut it (what a policy-gradient stage compares against)
 * @param stop     why the sequence ended
 */
public record Generation(int[] tokens, float[] logProbs, StopReason stop) {

    public Generation {
        if (tokens.length != logProbs.length) {
            throw new IllegalArgumentException(tokens.length + " tokens with " + logProbs.length + " log-probabilities");
        }
    }

    /** The tokens without a final end token: the text to show. */
    public int[] withoutEndToken() {
        return stop == StopReason.END_TOKEN ? Arrays.copyOf(tokens, tokens.length - 1) : tokens.clone();
    }
}
