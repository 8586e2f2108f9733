package dev.tempest.accelerator.kernels;

/** Table lookup: token embeddings, and position embeddings when the ids are positions. */
public final class Embedding {

    private Embedding() {
    }

    /** out[i] (C) = table[ids[i]] (C), or += when {@code accumulate}, for rows i in [from, to). */
    public static void forward(float[] out, int outOff, int[] ids, float[] table, int tableOff, int C,
                               boolean accumulate, int from, int to) {
        for (int i = from; i < to; i++) {
            int src = tableOff + ids[i] * C;
            int dst = outOff + i * C;
            for (int c = 0; c < C; c++) {
                out[dst + c] = accumulate ? out[dst + c] + table[src + c] : table[src + c];
            }
        }
    }

    /**
     * dtable[ids[i]] += dout[i] for every row i of {@code ids}, touching only the table rows in
     * [rowFrom, rowTo): threads own disjoint table rows, so none races and the order is fixed.
     */
    public static void backward(float[] dtable, int dtableOff, int[] ids, float[] dout, int doutOff, int C,
                                int rowFrom, int rowTo) {
        for (int i = 0; i < ids.length; i++) {
            int row = ids[i];
            if (row < rowFrom || row >= rowTo) {
                continue;
            }
            int dst = dtableOff + row * C;
            int src = doutOff + i * C;
            for (int c = 0; c < C; c++) {
                dtable[dst + c] += dout[src + c];
            }
        }
    }
}
