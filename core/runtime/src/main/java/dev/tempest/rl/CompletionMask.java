package dev.tempest.rl;

/**
 * Which tokens of S completions, each padded to T tokens, carry loss: {@code counted} is (S*T),
 * row-major, true for a completion's own tokens, false for padding (and for whatever a stage
 * leaves out, such as a truncated completion). Every per-token array of this package has this
 * layout, and every per-token function reads and writes only the counted tokens: the others
 * come back 0, whatever the input held there.
 */
public record CompletionMask(boolean[] counted, int sequences, int length) {

    public CompletionMask {
        if (sequences < 0 || length < 0 || counted.length != sequences * length) {
            throw new IllegalArgumentException("a mask of " + sequences + " completions of " + length + " tokens needs "
                    + sequences * length + " flags; got " + counted.length);
        }
    }

    /** Right-padded completions: the first {@code lengths[s]} tokens of completion s count. */
    public static CompletionMask ofLengths(int[] lengths, int length) {
        boolean[] counted = new boolean[lengths.length * length];
        for (int s = 0; s < lengths.length; s++) {
            if (lengths[s] < 0 || lengths[s] > length) {
                throw new IllegalArgumentException("completion " + s + " has " + lengths[s] + " tokens; the batch holds "
                        + length);
            }
            for (int t = 0; t < lengths[s]; t++) {
                counted[s * length + t] = true;
            }
        }
        return new CompletionMask(counted, lengths.length, length);
    }

    public boolean counts(int token) {
        return counted[token];
    }

    /** The number of counted tokens in the whole batch. */
    public int tokens() {
        int count = 0;
        for (boolean c : counted) {
            count += c ? 1 : 0;
        }
        return count;
    }

    /** The number of counted tokens of completion {@code s}. */
    public int tokens(int s) {
        int count = 0;
        for (int t = s * length; t < (s + 1) * length; t++) {
            count += counted[t] ? 1 : 0;
        }
        return count;
    }

    /** The same batch with every token of the completions flagged in {@code dropped} (S) left out. */
    public CompletionMask without(boolean[] dropped) {
        checkSequences(dropped.length, "dropped");
        boolean[] kept = counted.clone();
        for (int i = 0; i < kept.length; i++) {
            kept[i] &= !dropped[i / length];
        }
        return new CompletionMask(kept, sequences, length);
    }

    /** Each completion's value (S) on each of its counted tokens (S*T), 0 elsewhere. */
    public double[] spread(double[] perSequence) {
        checkSequences(perSequence.length, "per-completion values");
        double[] perToken = new double[counted.length];
        for (int i = 0; i < perToken.length; i++) {
            perToken[i] = counted[i] ? perSequence[i / length] : 0;
        }
        return perToken;
    }

    /** The mean of {@code perToken} (S*T) over the counted tokens; 0 when none counts. */
    public double mean(double[] perToken) {
        checkTokens(perToken.length);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < perToken.length; i++) {
            if (counted[i]) {
                sum += perToken[i];
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** The population variance of {@code perToken} (S*T) over the counted tokens: mean squared deviation. */
    public double variance(double[] perToken) {
        double mean = mean(perToken);
        double[] squares = new double[perToken.length];
        for (int i = 0; i < squares.length; i++) {
            double centred = perToken[i] - mean;
            squares[i] = centred * centred;
        }
        return mean(squares);
    }

    /** Refuses per-token arrays of another batch, given their lengths. */
    void checkTokens(int... lengths) {
        for (int tokens : lengths) {
            if (tokens != counted.length) {
                throw new IllegalArgumentException("per-token values of " + sequences + " completions of " + length
                        + " tokens need " + counted.length + " values; got " + tokens);
            }
        }
    }

    private void checkSequences(int values, String what) {
        if (values != sequences) {
            throw new IllegalArgumentException(what + ": " + values + " values for " + sequences + " completions");
        }
    }
}
