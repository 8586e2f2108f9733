package dev.tempest.model;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Sequences of different lengths in one batch for a sequence classifier: one a row, right-padded
 * to the longest (causal attention never sees the padding), and the row of B*T at which each is
 * read ({@link SequenceClassification#readIndex}). {@code tokens} counts the real ones.
 *
 * @param inputs (B*T) token ids, padding filled with the pad token (or 0 without one)
 * @param rows   (B) where each sequence's score is read, b*T + its read index
 */
public record ScoredSequences(int[] inputs, TokenPositions at, int[] rows, int tokens) {

    /** {@code sequences}, each at least one token, in order. */
    public static ScoredSequences of(List<int[]> sequences, OptionalInt padTokenId) {
        int B = sequences.size();
        int T = 1;
        int tokens = 0;
        for (int[] sequence : sequences) {
            if (sequence.length == 0) {
                throw new IllegalArgumentException("an empty sequence has no token to read a score at");
            }
            T = Math.max(T, sequence.length);
            tokens += sequence.length;
        }
        int[] inputs = new int[B * T];
        Arrays.fill(inputs, padTokenId.orElse(0));
        int[] rows = new int[B];
        for (int b = 0; b < B; b++) {
            int[] sequence = sequences.get(b);
            System.arraycopy(sequence, 0, inputs, b * T, sequence.length);
            rows[b] = b * T + SequenceClassification.readIndex(sequence, padTokenId);
        }
        return new ScoredSequences(inputs, TokenPositions.rows(B, T, 0), rows, tokens);
    }
}
