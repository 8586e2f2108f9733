package dev.tempest.accelerator;

/**
 * A compute device and every kernel a transformer needs, forward and backward, on buffers that
 * stay on the device. Backward kernels accumulate (+=) into their gradient buffers, so a tensor
 * used twice gets both contributions. Only {@link #read}, {@link #sumOfSquares} and
 * {@link #sampleTokens} bring data back to the host.
 *
 * <p>Shape letters: B = batch, T = time, C = channels, V = vocabulary, H = heads, D = head dim.
 * Matrices are row-major. Token ids, targets, positions and first key positions are host
 * arrays: they come from the host each step and are small.
 */
public interface Backend extends AutoCloseable {

    /** The backend's name, as device specs start with: {@code scalar}, {@code cpu}. */
    String name();

    /**
     * The backend with what else decides the rounding of its results, such as a host backend's
     * thread count: a run resumed where this differs continues, but not to the bit.
     */
    default String describe() {
        return name();
    }

    /** A new buffer of {@code length} zeros. */
    Buffer allocate(int length);

    /** Copies {@code dst.length()} floats from {@code src}, starting at {@code srcOff}, to the device. */
    void write(Buffer dst, float[] src, int srcOff);

    /** Copies {@code src.length()} floats from the device into {@code dst} at {@code dstOff}. */
    void read(Buffer src, float[] dst, int dstOff);

    void fill(Buffer x, float value);

    /** c (M, N) = op(a) op(b), or += when {@code accumulate}; op(a) is (M, K), stored (K, M) when transA; op(b) is (K, N), stored (N, K) when transB. */
    void matmul(Buffer c, Buffer a, boolean transA, Buffer b, boolean transB, int M, int N, int K, boolean accumulate);

    /** out (rows, N) += bias (N) on every row. */
    void addBias(Buffer out, Buffer bias, int rows, int N);

    /** dbias (N) += column sums of dout (rows, N). */
    void biasBackward(Buffer dbias, Buffer dout, int rows, int N);

    /** out (ids.length, C) = table[ids] (V, C), or += when {@code accumulate} (position embeddings on top of tokens). */
    void embeddingForward(Buffer out, int[] ids, Buffer table, int C, boolean accumulate);

    /** dtable[ids[i]] += dout[i]. */
    void embeddingBackward(Buffer dtable, int[] ids, Buffer dout, int C);

    /** out (rows, C) = layernorm(x) * w + b; mean and rstd (rows) are kept for backward. */
    void layerNormForward(Buffer out, Buffer mean, Buffer rstd, Buffer x, Buffer w, Buffer b, int rows, int C, float eps);

    void layerNormBackward(Buffer dx, Buffer dw, Buffer db, Buffer dout, Buffer x, Buffer w, Buffer mean, Buffer rstd,
                           int rows, int C);

    /** out (rows, C) = x * rsqrt(mean(x^2) + eps) * w; rstd (rows) is kept for backward. */
    void rmsNormForward(Buffer out, Buffer rstd, Buffer x, Buffer w, int rows, int C, float eps);

    void rmsNormBackward(Buffer dx, Buffer dw, Buffer dout, Buffer x, Buffer w, Buffer rstd, int rows, int C);

    /** out = gelu(x), the tanh form, elementwise over x.length(). */
    void geluForward(Buffer out, Buffer x);

    void geluBackward(Buffer dx, Buffer x, Buffer dout);

    /** out = x * sigmoid(x). */
    void siluForward(Buffer out, Buffer x);

    void siluBackward(Buffer dx, Buffer x, Buffer dout);

    /** out = silu(gate) * up. */
    void swigluForward(Buffer out, Buffer gate, Buffer up);

    void swigluBackward(Buffer dgate, Buffer dup, Buffer gate, Buffer up, Buffer dout);

    /** out (rows, heads*D) = x rotated, rotate_half pairs; row r at position positions[r] (rows = positions.length). */
    void ropeForward(Buffer out, Buffer x, int[] positions, int heads, int D, float theta);

    void ropeBackward(Buffer dx, Buffer dout, int[] positions, int heads, int D, float theta);

    /**
     * out (B, T, H*D) = causal softmax(q k^T / sqrt(D)) v per head; lse (B, H, T) kept for
     * backward. Rows of q are {@code qStride} apart, rows of k and v {@code kvStride} apart. Query
     * row t of sequence b sees the keys [first, t] of its row, first = firstKeys[b*T + t] (B*T
     * host ints; null: 0 for every row), so examples packed in one row attend only within
     * themselves; a first past t (a padding row) sees t alone.
     */
    void attentionForward(Buffer out, Buffer lse, Buffer q, int qStride, Buffer k, Buffer v, int kvStride,
                          AttentionShape shape, int[] firstKeys);

    /** dq, dk, dv laid out like q, k, v; firstKeys as in forward. */
    void attentionBackward(Buffer dq, Buffer dk, Buffer dv, Buffer dout, Buffer q, int qStride, Buffer k, Buffer v,
                           int kvStride, Buffer out, Buffer lse, AttentionShape shape, int[] firstKeys);

    /**
     * Inference with a KV cache: out (B*T, H*D) for the T new queries q (rows qStride apart) at positions
     * start..start+T-1, each attending to the cached keys and values (B, Tmax, Hkv*D) at the
     * positions [firstKeys[b], own] of its sequence (B host ints, a left-padded sequence's first
     * real token; null: 0; a first past the query's position sees that position alone). The caller
     * has written the new keys and values into the cache.
     */
    void attentionForwardCached(Buffer out, Buffer q, int qStride, Buffer kCache, Buffer vCache, AttentionShape shape,
                                int start, int Tmax, int[] firstKeys);

    /** dst = src, both of the same length. */
    void copy(Buffer dst, Buffer src);

    /**
     * Row r of dst (rows, width), {@code dstStride} apart, = row r of src, {@code srcStride} apart:
     * strided rows in one launch (a KV cache's new keys, the last logits of each sequence). Rows
     * must not overlap. This default copies row by row, for backends without the kernel.
     */
    default void copyRows(Buffer dst, int dstStride, Buffer src, int srcStride, int rows, int width) {
        for (int r = 0; r < rows; r++) {
            copy(dst.slice(r * dstStride, width), src.slice(r * srcStride, width));
        }
    }

    /**
     * logp (rows) = logits[target] - logsumexp(logits) per row of logits (rows, V), 0 where the
     * target is negative (a masked row); lse (rows) kept for backward. Every training loss is a
     * function of these per-token log-likelihoods.
     */
    void tokenLogProbsForward(Buffer logp, Buffer lse, Buffer logits, int[] targets, int rows, int V);

    /** dlogits (rows, V) += dlogp[r] * (onehot(target) - softmax(logits)) per row; dlogp (rows) weighs each token; masked rows get nothing. */
    void tokenLogProbsBackward(Buffer dlogits, Buffer dlogp, Buffer logits, Buffer lse, int[] targets, int rows, int V);

    /** entropy (rows) = -sum p log p of p = softmax(logits (rows, V)), from the rows' lse (rows) that the forward above kept. */
    void tokenEntropy(Buffer entropy, Buffer logits, Buffer lse, int rows, int V);

    /**
     * Draws one token per row of logits (rows, V), to the host: ids (rows) and logProbs (rows),
     * each chosen token's log-probability under softmax(z), z = (logits - max) / temperature
     * (temperature 0: z = logits - max), untruncated. uniforms (rows) are the host's draws in
     * [0, 1). Temperature 0 picks the largest logit, the lowest index on ties. Otherwise, with
     * w_i = exp(z_i), z rounded to float as written:
     * <ol>
     * <li>top-k keeps K = {i : logits_i >= the k-th largest logit} (every tie of the k-th; all
     *     when k is 0 or at least V);</li>
     * <li>top-p (when below 1) then keeps {i in K : logits_i >= tau}, tau the largest logit value
     *     for which the weight of {i in K : logits_i >= tau} reaches top-p times the weight of K
     *     (every tie of tau kept);</li>
     * <li>the token is the first kept i, in index order, whose cumulative kept weight exceeds u
     *     times the kept weight (the last kept i if rounding leaves none).</li>
     * </ol>
     * The kept set depends only on comparisons of logits, so backends differ only where u, or
     * top-p, lies within float round-off of a cumulative weight. Only ids and log-probabilities
     * leave the device.
     */
    void sampleTokens(int[] ids, float[] logProbs, Buffer logits, float[] uniforms, int rows, int V,
                      SamplingSettings settings);

    /** out = a + b. */
    void add(Buffer out, Buffer a, Buffer b);

    /** dst += src. */
    void accumulate(Buffer dst, Buffer src);

    /** x *= factor. */
    void scale(Buffer x, float factor);

    /** The sum of x^2, to the host: what a global gradient-norm clip needs. */
    double sumOfSquares(Buffer x);

    /** One AdamW step on params, with grads and the moments m and v, all the same length; {@code step} counts from 1. */
    void adamw(Buffer params, Buffer grads, Buffer m, Buffer v, AdamWSettings settings, int step);

    /**
     * Returns once every kernel called so far has finished. Backends that run each call to the
     * end before returning (cpu, scalar) have nothing to wait for; device queues do. Only
     * timing needs it: {@link #read} already waits for what it reads.
     */
    default void synchronize() {
    }

    @Override
    void close();
}
