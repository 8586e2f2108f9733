package dev.tempest.model;

/**
 * Where each token of a batch of B rows of T sits in its own sequence, which is all it attends
 * to: {@code positions} (B*T) count from the sequence's first token, and {@code firstKeys} (B*T)
 * are the row positions of those first tokens, the earliest keys each token sees (null: every row
 * is one sequence from 0). Examples packed in one row restart at position 0; the tokens of a
 * left-padded row count from its first real token.
 */
public record TokenPositions(int B, int T, int[] positions, int[] firstKeys) {

    public TokenPositions {
        if (positions.length != B * T || (firstKeys != null && firstKeys.length != B * T)) {
            throw new IllegalArgumentException(positions.length + " positions for " + B + " rows of " + T);
        }
    }

    /** Every row one sequence, at positions start..start+T-1 (a KV cache continuing at start). */
    public static TokenPositions rows(int B, int T, int start) {
        int[] positions = new int[B * T];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = start + i % T;
        }
        return new TokenPositions(B, T, positions, null);
    }

    /**
     * Rows holding several sequences each: {@code positions} (B*T) restart at 0 where a sequence
     * starts, and rise by one per token within it. A padding token takes position 0, a sequence
     * of its own: it attends to itself alone.
     */
    public static TokenPositions packed(int B, int T, int[] positions) {
        int[] firstKeys = new int[B * T];
        for (int r = 0; r < B * T; r++) {
            int t = r % T;
            if (positions[r] < 0 || positions[r] > t || (positions[r] > 0 && positions[r] != positions[r - 1] + 1)) {
                throw new IllegalArgumentException("position " + positions[r] + " at row " + r / T + ", column " + t
                        + ": a sequence starts at 0 and rises by one per token");
            }
            firstKeys[r] = t - positions[r];
        }
        return new TokenPositions(B, T, positions, firstKeys);
    }

    /** The largest position, which a model with learned positions must have a row for. */
    public int last() {
        int last = 0;
        for (int position : positions) {
            last = Math.max(last, position);
        }
        return last;
    }
}
