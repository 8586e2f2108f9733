package dev.tempest.nn;

import dev.tempest.accelerator.AttentionShape;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.autograd.Tape;
import dev.tempest.model.KvCache;
import dev.tempest.tensor.Tensor;
import java.util.Arrays;

/**
 * The coarse ops a transformer is built from, llm.c style: each runs its forward kernel on the
 * backend and, when a tape is given, records its hand-written backward. Outputs get gradient
 * storage only when recording, so inference allocates no gradients. Outputs, gradients and the
 * scratch kept for backward come from an {@link ActivationArena}: a training loop passes the same
 * arena to every step's Ops and allocates its activations once.
 *
 * <p>Shapes: B = batch, T = time, C = channels, V = vocabulary; a (B, T, C) activation is
 * handled as (B*T, C) rows.
 */
public final class Ops {

    private final Backend backend;
    private final Tape tape; // null: inference, nothing recorded
    private final ActivationArena arena;

    /** Ops whose every buffer is newly allocated. */
    public Ops(Backend backend, Tape tape) {
        this(backend, tape, new ActivationArena(backend));
    }

    /** Ops that start a new pass in {@code arena}: the tensors of its previous pass are reused, so dead. */
    public Ops(Backend backend, Tape tape, ActivationArena arena) {
        this.backend = backend;
        this.tape = tape;
        this.arena = arena;
        arena.reset();
    }

    public Backend backend() {
        return backend;
    }

    /**
     * An op's output, with gradient storage (zeros) when recording. Its data is not cleared: it may
     * hold a previous pass's values, so the op must write every element.
     */
    private Tensor output(int... shape) {
        int size = Tensor.size(shape);
        return new Tensor(arena.data(size), tape == null ? null : arena.grad(size), shape);
    }

    /** out (N, C) = table[ids] (+ positions[positionIds] when given): token and position embeddings. */
    public Tensor embedding(int[] ids, Tensor table, int[] positionIds, Tensor positions) {
        int C = table.dim(1);
        Tensor out = output(ids.length, C);
        backend.embeddingForward(out.data(), ids, table.data(), C, false);
        if (positions != null) {
            backend.embeddingForward(out.data(), positionIds, positions.data(), C, true);
        }
        record(() -> {
            backend.embeddingBackward(table.grad(), ids, out.grad(), C);
            if (positions != null) {
                backend.embeddingBackward(positions.grad(), positionIds, out.grad(), C);
            }
        });
        return out;
    }

    /** y (M, N) = x (M, K) w^T + b, with w (N, K) as torch.nn.Linear stores it; b may be null. */
    public Tensor linear(Tensor x, Tensor w, Tensor b) {
        int M = x.dim(0);
        int K = x.dim(1);
        int N = w.dim(0);
        Tensor y = output(M, N);
        backend.matmul(y.data(), x.data(), false, w.data(), true, M, N, K, false);
        addBias(y, b, M, N);
        record(() -> {
            backend.matmul(x.grad(), y.grad(), false, w.data(), false, M, K, N, true); // dx += dy w
            backend.matmul(w.grad(), y.grad(), true, x.data(), false, N, K, M, true);  // dw += dy^T x
            biasBackward(b, y, M, N);
        });
        return y;
    }

    /** y (M, N) = x (M, K) w + b, with w (K, N) as GPT-2's Conv1D stores it. */
    public Tensor conv1d(Tensor x, Tensor w, Tensor b) {
        int M = x.dim(0);
        int K = x.dim(1);
        int N = w.dim(1);
        Tensor y = output(M, N);
        backend.matmul(y.data(), x.data(), false, w.data(), false, M, N, K, false);
        addBias(y, b, M, N);
        record(() -> {
            backend.matmul(x.grad(), y.grad(), false, w.data(), true, M, K, N, true); // dx += dy w^T
            backend.matmul(w.grad(), x.data(), true, y.grad(), false, K, N, M, true); // dw += x^T dy
            biasBackward(b, y, M, N);
        });
        return y;
    }

    /** LayerNorm over the last dimension of x (rows, C). */
    public Tensor layerNorm(Tensor x, Tensor w, Tensor b, float eps) {
        int rows = x.dim(0);
        int C = x.dim(1);
        Tensor out = output(rows, C);
        Buffer mean = arena.data(rows);
        Buffer rstd = arena.data(rows);
        backend.layerNormForward(out.data(), mean, rstd, x.data(), w.data(), b.data(), rows, C, eps);
        record(() -> backend.layerNormBackward(x.grad(), w.grad(), b.grad(), out.grad(), x.data(), w.data(),
                mean, rstd, rows, C));
        return out;
    }

    /** RMSNorm over the last dimension of x (rows, C). */
    public Tensor rmsNorm(Tensor x, Tensor w, float eps) {
        int rows = x.dim(0);
        int C = x.dim(1);
        Tensor out = output(rows, C);
        Buffer rstd = arena.data(rows);
        backend.rmsNormForward(out.data(), rstd, x.data(), w.data(), rows, C, eps);
        record(() -> backend.rmsNormBackward(x.grad(), w.grad(), out.grad(), x.data(), w.data(), rstd, rows, C));
        return out;
    }

    /** GELU, tanh form. */
    public Tensor gelu(Tensor x) {
        Tensor out = output(x.shape());
        backend.geluForward(out.data(), x.data());
        record(() -> backend.geluBackward(x.grad(), x.data(), out.grad()));
        return out;
    }

    /** silu(gate) * up: the gated MLP of Llama. */
    public Tensor swiglu(Tensor gate, Tensor up) {
        Tensor out = output(gate.shape());
        backend.swigluForward(out.data(), gate.data(), up.data());
        record(() -> backend.swigluBackward(gate.grad(), up.grad(), gate.data(), up.data(), out.grad()));
        return out;
    }

    /** Rotary embedding of x (rows, heads*D), row r at position positions[r]. */
    public Tensor rope(Tensor x, int[] positions, int heads, int D, float theta) {
        Tensor out = output(x.shape());
        backend.ropeForward(out.data(), x.data(), positions, heads, D, theta);
        record(() -> backend.ropeBackward(x.grad(), out.grad(), positions, heads, D, theta));
        return out;
    }

    /** a + b: the residual connection. */
    public Tensor add(Tensor a, Tensor b) {
        Tensor out = output(a.shape());
        backend.add(out.data(), a.data(), b.data());
        record(() -> {
            backend.accumulate(a.grad(), out.grad());
            backend.accumulate(b.grad(), out.grad());
        });
        return out;
    }

    /**
     * Causal self-attention on a packed qkv (B*T, (H + 2*Hkv) * D) = [q | k | v] per row;
     * out (B*T, H*D). Query row r sees the keys of its row from position firstKeys[r] (B*T; null:
     * 0), so packed examples attend only within themselves. With a cache (inference), the new keys
     * and values go into layer {@code layer} of it and the queries attend to the cached positions
     * of their sequence, from where the cache says it starts (firstKeys must then be null).
     */
    public Tensor attention(Tensor qkv, AttentionShape s, int[] firstKeys, KvCache cache, int layer) {
        int stride = (s.H() + 2 * s.Hkv()) * s.D();
        int kAt = s.H() * s.D();
        int vAt = (s.H() + s.Hkv()) * s.D();
        if (cache != null) {
            return cachedAttention(qkv.data(), stride, tail(qkv.data(), kAt), tail(qkv.data(), vAt), stride, s,
                    firstKeys, cache, layer);
        }
        return attention(qkv, 0, stride, qkv, kAt, qkv, vAt, stride, s, firstKeys);
    }

    /** Causal self-attention on q (B*T, H*D), k and v (B*T, Hkv*D); out (B*T, H*D); first keys and a cache as above. */
    public Tensor attention(Tensor q, Tensor k, Tensor v, AttentionShape s, int[] firstKeys, KvCache cache, int layer) {
        if (cache != null) {
            return cachedAttention(q.data(), s.H() * s.D(), k.data(), v.data(), s.Hkv() * s.D(), s, firstKeys, cache,
                    layer);
        }
        return attention(q, 0, s.H() * s.D(), k, 0, v, 0, s.Hkv() * s.D(), s, firstKeys);
    }

    private Tensor cachedAttention(Buffer q, int qStride, Buffer k, Buffer v, int kvStride, AttentionShape s,
                                   int[] firstKeys, KvCache cache, int layer) {
        if (tape != null) {
            throw new IllegalStateException("a KV cache is for inference; training recomputes every position");
        }
        if (firstKeys != null) {
            throw new IllegalArgumentException("with a KV cache, where each sequence starts is the cache's (padLeft)");
        }
        cache.append(layer, k, v, kvStride, s.T());
        Tensor out = output(s.B() * s.T(), s.H() * s.D());
        backend.attentionForwardCached(out.data(), q, qStride, cache.keys(layer), cache.values(layer), s,
                cache.length(), cache.capacity(), cache.firstKeys());
        return out;
    }

    private Tensor attention(Tensor q, int qAt, int qStride, Tensor k, int kAt, Tensor v, int vAt, int kvStride,
                             AttentionShape s, int[] firstKeys) {
        int rows = s.B() * s.T();
        Tensor out = output(rows, s.H() * s.D());
        Buffer lse = arena.data(s.B() * s.H() * s.T());
        Buffer qData = tail(q.data(), qAt);
        Buffer kData = tail(k.data(), kAt);
        Buffer vData = tail(v.data(), vAt);
        backend.attentionForward(out.data(), lse, qData, qStride, kData, vData, kvStride, s, firstKeys);
        record(() -> backend.attentionBackward(tail(q.grad(), qAt), tail(k.grad(), kAt), tail(v.grad(), vAt),
                out.grad(), qData, qStride, kData, vData, kvStride, out.data(), lse, s, firstKeys));
        return out;
    }

    /**
     * The last of each sequence's T rows of x (B*T, C): (B, C), inference only. Generation samples
     * only from each sequence's last position, so the head runs on those rows alone.
     */
    public Tensor lastRows(Tensor x, int B, int T) {
        if (tape != null) {
            throw new IllegalStateException("the last rows are for inference; training computes every position");
        }
        if (T == 1) {
            return x;
        }
        int C = x.dim(1);
        Tensor out = output(B, C);
        backend.copyRows(out.data(), C, tail(x.data(), (T - 1) * C), T * C, B, C);
        return out;
    }

    /**
     * Rows {@code rows} (n) of x (R, C): out (n, C), out[i] = x[rows[i]]; backward adds out's
     * gradient back into those rows. A reward model reads its score at one token per sequence
     * (each sequence's last), so the head runs on those rows alone. It is the embedding lookup,
     * with x as the table: the kernels already gather rows and scatter-add into them, repeats
     * included.
     */
    public Tensor gatherRows(Tensor x, int[] rows) {
        int C = x.dim(1);
        for (int row : rows) {
            if (row < 0 || row >= x.dim(0)) {
                throw new IllegalArgumentException("row " + row + " of " + x.dim(0));
            }
        }
        Tensor out = output(rows.length, C);
        backend.embeddingForward(out.data(), rows, x.data(), C, false);
        record(() -> backend.embeddingBackward(x.grad(), rows, out.grad(), C));
        return out;
    }

    /**
     * Starts backward at {@code out} with d loss / d out computed on the host ({@code dOut}, its
     * size): for a loss that an objective computes from out's values, such as the Bradley-Terry
     * loss of rewards or a DPO or GRPO loss of the per-token log-likelihoods. Recorded last, it
     * runs first.
     */
    public void backwardFrom(Tensor out, float[] dOut) {
        if (dOut.length != out.size()) {
            throw new IllegalArgumentException(dOut.length + " gradients for a tensor of " + out.size());
        }
        record(() -> backend.write(out.grad(), dOut, 0));
    }

    /**
     * The log-likelihood of each row's target under softmax(logits (rows, V)): logp (rows), 0
     * where the target is negative (masked). Its gradient is backward's per-token weight (d loss /
     * d logp): an objective reads logp, computes its loss on the host, and writes those weights
     * into logp's gradient (or composes further ops on logp) before the tape runs backward.
     */
    public Tensor tokenLogProbs(Tensor logits, int[] targets) {
        int rows = logits.dim(0);
        int V = logits.dim(1);
        Tensor logp = output(rows);
        Buffer lse = arena.data(rows);
        backend.tokenLogProbsForward(logp.data(), lse, logits.data(), targets, rows, V);
        record(() -> backend.tokenLogProbsBackward(logits.grad(), logp.grad(), logits.data(), lse, targets, rows, V));
        return logp;
    }

    /** {@code t}'s values, on the host, where a loss over them is computed. */
    public float[] read(Tensor t) {
        float[] values = new float[t.size()];
        backend.read(t.data(), values, 0);
        return values;
    }

    /** out = x * factor: logits divided by a sampling temperature, so training sees what sampling saw. */
    public Tensor scale(Tensor x, float factor) {
        Tensor out = output(x.shape());
        backend.copy(out.data(), x.data());
        backend.scale(out.data(), factor);
        record(() -> {
            Buffer scaled = arena.data(x.size());
            backend.copy(scaled, out.grad());
            backend.scale(scaled, factor);
            backend.accumulate(x.grad(), scaled);
        });
        return out;
    }

    /** The entropy of softmax(logits (rows, V)) per row, to the host, for a log: no gradient. */
    public float[] entropy(Tensor logits) {
        int rows = logits.dim(0);
        int V = logits.dim(1);
        Buffer lse = arena.data(rows);
        int[] none = new int[rows];
        Arrays.fill(none, -1);  // every row masked: only the log-sum-exp is wanted
        backend.tokenLogProbsForward(arena.data(rows), lse, logits.data(), none, rows, V);
        Buffer entropy = arena.data(rows);
        backend.tokenEntropy(entropy, logits.data(), lse, rows, V);
        float[] values = new float[rows];
        backend.read(entropy, values, 0);
        return values;
    }

    /**
     * The mean cross-entropy of logits (rows, V) against targets (rows; negative = masked), to
     * the host: the mean of -logp over the unmasked rows. Backward from it starts the tape: it
     * seeds each token's weight with -lossScale/count ({@code lossScale} 1 for a plain mean;
     * 1/steps when gradients accumulate over micro-batches).
     */
    public float crossEntropy(Tensor logits, int[] targets, float lossScale) {
        Tensor logp = tokenLogProbs(logits, targets);
        int counted = 0;
        for (int target : targets) {
            counted += target < 0 ? 0 : 1;
        }
        double sum = 0;
        for (float rowLogp : read(logp)) {
            sum -= rowLogp;
        }
        int count = Math.max(counted, 1);
        record(() -> backend.fill(logp.grad(), -(lossScale / count)));
        return (float) (sum / count);
    }

    private void addBias(Tensor y, Tensor b, int M, int N) {
        if (b != null) {
            backend.addBias(y.data(), b.data(), M, N);
        }
    }

    private void biasBackward(Tensor b, Tensor y, int M, int N) {
        if (b != null) {
            backend.biasBackward(b.grad(), y.grad(), M, N);
        }
    }

    private static Buffer tail(Buffer buffer, int from) {
        return buffer.slice(from, buffer.length() - from);
    }

    private void record(Runnable backwardStep) {
        if (tape != null) {
            tape.record(backwardStep);
        }
    }
}
