package dev.tempest.train;

/**
 * Next-token batches cut from one token stream (documents already joined with their separator):
 * each row is T + 1 consecutive tokens, inputs the first T and targets the last T. Rows follow
 * each other through the stream and wrap around at its end, so the whole state is one position,
 * which a checkpoint saves to resume on the very next token.
 */
public final class PackedBatches implements Batches {

    private final int[] tokens;
    private final int B;
    private final int T;
    private long position;

    public PackedBatches(int[] tokens, int B, int T) {
        if (tokens.length < T + 1) {
            throw new IllegalArgumentException("a stream of " + tokens.length + " tokens is too short for sequences of " + T);
        }
        this.tokens = tokens;
        this.B = B;
        this.T = T;
    }

    @Override
    public Batch next() {
        int[] inputs = new int[B * T];
        int[] targets = new int[B * T];
        for (int b = 0; b < B; b++) {
            if (position + T + 1 > tokens.length) {
                position = 0;
            }
            int start = (int) position;
            System.arraycopy(tokens, start, inputs, b * T, T);
            System.arraycopy(tokens, start + 1, targets, b * T, T);
            position += T;
        }
        return Batch.rows(inputs, targets, B, T);
    }

    /** Where the next row starts. */
    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long position) {
        this.position = position;
    }

}
