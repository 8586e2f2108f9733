package dev.tempest.accelerator;

/**
 * A compute device and every kernel a transformer needs, forward and backward, on buffers that
 * stay on the device. Backward kernels accumulate (+=) into their gradient buffers, so a tensor
 * used twice gets both contributions. Only {@link #read} and {@link #sumOfSquares} bring data
 * back to the host.
 *
 * <p>Shape letters: B = batch, T = time, C = channels, V = vocabulary, H = heads, D = head dim.
 * Matrices are row-major. Token ids and targets are host arrays: they come from the host each
 * step and are small.
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

    /** out (B*T, heads*D) = x rotated, rotate_half pairs; row r is position r % T + start. */
    void ropeForward(Buffer out, Buffer x, int rows, int T, int heads, int D, float theta, int start);

    void ropeBackward(Buffer dx, Buffer dout, int rows, int T, int heads, int D, float theta, int start);

    /**
     * out (B, T, H*D) = causal softmax(q k^T / sqrt(D)) v per head; lse (B, H, T) kept for
     * backward. Rows of q are {@code qStride} apart, rows of k and v {@code kvStride} apart.
     */
    void attentionForward(Buffer out, Buffer lse, Buffer q, int qStride, Buffer k, Buffer v, int kvStride,
                          AttentionShape shape);

    /** dq, dk, dv laid out like q, k, v. */
    void attentionBackward(Buffer dq, Buffer dk, Buffer dv, Buffer dout, Buffer q, int qStride, Buffer k, Buffer v,
                           int kvStride, Buffer out, Buffer lse, AttentionShape shape);

    /**
     * Inference with a KV cache: out (B*T, H*D) for the T new queries q (rows qStride apart) at positions
     * start..start+T-1, each attending to the cached keys and values (B, Tmax, Hkv*D) at every
     * position up to its own (the caller has written the new keys and values into the cache).
     */
    void attentionForwardCached(Buffer out, Buffer q, int qStride, Buffer kCache, Buffer vCache, AttentionShape shape,
                                int start, int Tmax);

    /** dst = src, both of the same length. */
    void copy(Buffer dst, Buffer src);

    /** losses (rows) = logsumexp(logits) - logits[target] per row, 0 where target is negative; lse (rows) kept. */
    void crossEntropyForward(Buffer losses, Buffer lse, Buffer logits, int[] targets, int rows, int V);

    /** dlogits += scale * (softmax - onehot) on unmasked rows. */
    void crossEntropyBackward(Buffer dlogits, Buffer logits, Buffer lse, int[] targets, float scale, int rows, int V);

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
