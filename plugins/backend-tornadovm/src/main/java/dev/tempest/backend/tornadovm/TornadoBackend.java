package dev.tempest.backend.tornadovm;

import dev.tempest.accelerator.AdamWSettings;
import dev.tempest.accelerator.AttentionShape;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.SamplingSettings;
import dev.tempest.backend.tornadovm.kernels.AttentionKernels;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/**
 * Every kernel of the SPI on one TornadoVM device. Buffers are ranges of one device heap
 * ({@link DeviceHeap}, {@link KernelPlan}) that stays on the device: a kernel launch sends only
 * offsets, sizes and scalars, and the host ids of the kernels that take them. Methods check
 * their arguments here, then launch the kernels of {@code kernels/} (one work-item per element,
 * row or column; shapes as in {@link Backend}).
 */
final class TornadoBackend implements Backend {

    private static final int ID_CAPACITY = 1 << 16;
    private static final int STAGING_CAPACITY = 1 << 18;
    /** sumOfSquares sums at most this many partial sums on the host. */
    private static final int PARTS = 1024;
    /** Sampled ids travel back as floats, exact up to here. */
    private static final int LARGEST_EXACT_ID = 1 << 24;
    private static final int[] NO_IDS = new int[0];

    private final String spec;
    private final DeviceHeap heap;
    private final KernelPlan plan;

    TornadoBackend(String spec) {
        TornadoDevice device = TornadoDevices.find(spec);
        int capacity = HeapSize.floats(device.getMaxAllocMemory());
        this.spec = spec;
        this.heap = new DeviceHeap(spec, capacity);
        this.plan = new KernelPlan(spec, device, capacity, ID_CAPACITY, STAGING_CAPACITY);
    }

    @Override
    public String name() {
        return spec;
    }

    @Override
    public TornadoBuffer allocate(int length) {
        DeviceHeap.Allocation allocation = heap.allocate(length);
        TornadoBuffer buffer = new TornadoBuffer(heap, allocation, allocation.start, length);
        fill(buffer, 0f); // a freed range holds what its last owner left
        return buffer;
    }

    @Override
    public void write(Buffer dst, float[] src, int srcOff) {
        TornadoBuffer d = tornado(dst);
        plan.upload(d.offset, src, srcOff, d.length());
    }

    @Override
    public void read(Buffer src, float[] dst, int dstOff) {
        TornadoBuffer s = tornado(src);
        plan.download(s.offset, dst, dstOff, s.length());
    }

    @Override
    public void fill(Buffer x, float value) {
        TornadoBuffer b = tornado(x);
        launch(Kernel.FILL, b.length(), new float[] {value}, b.length(), b.offset);
    }

    @Override
    public void matmul(Buffer c, Buffer a, boolean transA, Buffer b, boolean transB, int M, int N, int K,
                       boolean accumulate) {
        TornadoBuffer tc = check(tornado(c), (long) M * N, "c");
        TornadoBuffer ta = check(tornado(a), (long) M * K, "a");
        TornadoBuffer tb = check(tornado(b), (long) K * N, "b");
        if (M == 0 || N == 0) {
            return;
        }
        // op(a)[i][p] = a[i*aRow + p*aCol]: a is (M, K), or (K, M) when transposed; likewise b.
        int aRow = transA ? 1 : K;
        int aCol = transA ? M : 1;
        int bRow = transB ? 1 : N;
        int bCol = transB ? K : 1;
        plan.launch(Kernel.MATMUL, N, M, null, M, N, K, tc.offset, ta.offset, tb.offset, aRow, aCol, bRow, bCol,
                accumulate ? 1 : 0);
    }

    @Override
    public void addBias(Buffer out, Buffer bias, int rows, int N) {
        launch(Kernel.ADD_BIAS, rows * N, rows * N, tornado(out).offset, tornado(bias).offset, N);
    }

    @Override
    public void biasBackward(Buffer dbias, Buffer dout, int rows, int N) {
        launch(Kernel.BIAS_BACKWARD, N, N, tornado(dbias).offset, tornado(dout).offset, rows);
    }

    @Override
    public void embeddingForward(Buffer out, int[] ids, Buffer table, int C, boolean accumulate) {
        TornadoBuffer o = check(tornado(out), (long) ids.length * C, "out");
        TornadoBuffer t = tornado(table);
        for (int from = 0; from < ids.length; from += plan.idCapacity()) {
            int n = Math.min(plan.idCapacity(), ids.length - from);
            plan.launchWithIds(Kernel.EMBEDDING_FORWARD, ids, from, n, n * C, null, n * C, o.offset + from * C, t.offset,
                    C, accumulate ? 1 : 0);
        }
    }

    @Override
    public void embeddingBackward(Buffer dtable, int[] ids, Buffer dout, int C) {
        TornadoBuffer dt = tornado(dtable);
        TornadoBuffer d = check(tornado(dout), (long) ids.length * C, "dout");
        for (int from = 0; from < ids.length; from += plan.idCapacity()) {
            int n = Math.min(plan.idCapacity(), ids.length - from);
            plan.launchWithIds(Kernel.EMBEDDING_BACKWARD, ids, from, n, C, null, C, dt.offset, d.offset + from * C, n);
        }
    }

    @Override
    public void layerNormForward(Buffer out, Buffer mean, Buffer rstd, Buffer x, Buffer w, Buffer b, int rows, int C,
                                 float eps) {
        launch(Kernel.LAYER_NORM_FORWARD, rows, new float[] {eps}, rows, tornado(out).offset, tornado(mean).offset,
                tornado(rstd).offset, tornado(x).offset, tornado(w).offset, tornado(b).offset, C);
    }

    @Override
    public void layerNormBackward(Buffer dx, Buffer dw, Buffer db, Buffer dout, Buffer x, Buffer w, Buffer mean,
                                  Buffer rstd, int rows, int C) {
        launch(Kernel.LAYER_NORM_BACKWARD_INPUT, rows, rows, tornado(dx).offset, tornado(dout).offset,
                tornado(x).offset, tornado(w).offset, tornado(mean).offset, tornado(rstd).offset, C);
        launch(Kernel.LAYER_NORM_BACKWARD_PARAMS, C, C, tornado(dw).offset, tornado(db).offset, tornado(dout).offset,
                tornado(x).offset, tornado(mean).offset, tornado(rstd).offset, rows);
    }

    @Override
    public void rmsNormForward(Buffer out, Buffer rstd, Buffer x, Buffer w, int rows, int C, float eps) {
        launch(Kernel.RMS_NORM_FORWARD, rows, new float[] {eps}, rows, tornado(out).offset, tornado(rstd).offset,
                tornado(x).offset, tornado(w).offset, C);
    }

    @Override
    public void rmsNormBackward(Buffer dx, Buffer dw, Buffer dout, Buffer x, Buffer w, Buffer rstd, int rows, int C) {
        launch(Kernel.RMS_NORM_BACKWARD_INPUT, rows, rows, tornado(dx).offset, tornado(dout).offset,
                tornado(x).offset, tornado(w).offset, tornado(rstd).offset, C);
        launch(Kernel.RMS_NORM_BACKWARD_WEIGHT, C, C, tornado(dw).offset, tornado(dout).offset, tornado(x).offset,
                tornado(rstd).offset, rows);
    }

    @Override
    public void geluForward(Buffer out, Buffer x) {
        int n = x.length();
        launch(Kernel.GELU_FORWARD, n, n, tornado(out).offset, tornado(x).offset);
    }

    @Override
    public void geluBackward(Buffer dx, Buffer x, Buffer dout) {
        int n = x.length();
        launch(Kernel.GELU_BACKWARD, n, n, tornado(dx).offset, tornado(x).offset, tornado(dout).offset);
    }

    @Override
    public void siluForward(Buffer out, Buffer x) {
        int n = x.length();
        launch(Kernel.SILU_FORWARD, n, n, tornado(out).offset, tornado(x).offset);
    }

    @Override
    public void siluBackward(Buffer dx, Buffer x, Buffer dout) {
        int n = x.length();
        launch(Kernel.SILU_BACKWARD, n, n, tornado(dx).offset, tornado(x).offset, tornado(dout).offset);
    }

    @Override
    public void swigluForward(Buffer out, Buffer gate, Buffer up) {
        int n = gate.length();
        launch(Kernel.SWIGLU_FORWARD, n, n, tornado(out).offset, tornado(gate).offset, tornado(up).offset);
    }

    @Override
    public void swigluBackward(Buffer dgate, Buffer dup, Buffer gate, Buffer up, Buffer dout) {
        int n = gate.length();
        launch(Kernel.SWIGLU_BACKWARD, n, n, tornado(dgate).offset, tornado(dup).offset, tornado(gate).offset,
                tornado(up).offset, tornado(dout).offset);
    }

    @Override
    public void ropeForward(Buffer out, Buffer x, int[] positions, int heads, int D, float theta) {
        rope(tornado(out), tornado(x), positions, heads, D, theta, 0);
    }

    @Override
    public void ropeBackward(Buffer dx, Buffer dout, int[] positions, int heads, int D, float theta) {
        rope(tornado(dx), tornado(dout), positions, heads, D, theta, 1);
    }

    /** Rows in chunks of positions that fit one transfer of ids. */
    private void rope(TornadoBuffer out, TornadoBuffer x, int[] positions, int heads, int D, float theta, int backward) {
        int width = heads * D;
        for (int from = 0; from < positions.length; from += plan.idCapacity()) {
            int n = Math.min(plan.idCapacity(), positions.length - from);
            int pairs = n * heads * (D / 2);
            plan.launchWithIds(Kernel.ROPE, positions, from, n, pairs, new float[] {theta}, pairs,
                    out.offset + from * width, x.offset + from * width, heads, D, backward);
        }
    }

    @Override
    public void attentionForward(Buffer out, Buffer lse, Buffer q, int qStride, Buffer k, Buffer v, int kvStride,
                                 AttentionShape s, int[] firstKeys) {
        s.checkFirstKeys(firstKeys, false);
        TornadoBuffer o = tornado(out);
        TornadoBuffer l = tornado(lse);
        TornadoBuffer tq = tornado(q);
        TornadoBuffer tk = tornado(k);
        TornadoBuffer tv = tornado(v);
        int T = s.T();
        bySequences(firstKeys, s.B(), T, (b0, count, ids, idCount, mode) -> {
            int rows = count * s.H() * T;  // query rows (count, H, T), one work-item each
            plan.launchWithIds(Kernel.ATTENTION_FORWARD, ids, b0 * T, idCount, rows, null, rows,
                    o.offset + b0 * T * s.H() * s.D(), l.offset + b0 * s.H() * T, tq.offset + b0 * T * qStride, qStride,
                    tk.offset + b0 * T * kvStride, tv.offset + b0 * T * kvStride, kvStride, T, T, s.H(), s.Hkv(), s.D(),
                    0, mode);
        });
    }

    @Override
    public void attentionBackward(Buffer dq, Buffer dk, Buffer dv, Buffer dout, Buffer q, int qStride, Buffer k,
                                  Buffer v, int kvStride, Buffer out, Buffer lse, AttentionShape s, int[] firstKeys) {
        s.checkFirstKeys(firstKeys, false);
        TornadoBuffer tdq = tornado(dq);
        TornadoBuffer tdk = tornado(dk);
        TornadoBuffer tdv = tornado(dv);
        TornadoBuffer d = tornado(dout);
        TornadoBuffer tq = tornado(q);
        TornadoBuffer tk = tornado(k);
        TornadoBuffer tv = tornado(v);
        TornadoBuffer o = tornado(out);
        TornadoBuffer l = tornado(lse);
        int T = s.T();
        int width = s.H() * s.D();
        bySequences(firstKeys, s.B(), T, (b0, count, ids, idCount, mode) -> {
            int queryRows = count * s.H() * T;  // (count, H, T): each adds to its row of dq
            plan.launchWithIds(Kernel.ATTENTION_BACKWARD_QUERY, ids, b0 * T, idCount, queryRows, null, queryRows,
                    tdq.offset + b0 * T * qStride, d.offset + b0 * T * width, tq.offset + b0 * T * qStride, qStride,
                    tk.offset + b0 * T * kvStride, tv.offset + b0 * T * kvStride, kvStride, o.offset + b0 * T * width,
                    l.offset + b0 * s.H() * T, T, s.H(), s.Hkv(), s.D(), mode);
            int keyRows = count * s.Hkv() * T;  // (count, Hkv, T): each adds to its rows of dk and dv
            plan.launchWithIds(Kernel.ATTENTION_BACKWARD_KEY_VALUE, ids, b0 * T, idCount, keyRows, null, keyRows,
                    tdk.offset + b0 * T * kvStride, tdv.offset + b0 * T * kvStride, d.offset + b0 * T * width,
                    tq.offset + b0 * T * qStride, qStride, tk.offset + b0 * T * kvStride, tv.offset + b0 * T * kvStride,
                    kvStride, o.offset + b0 * T * width, l.offset + b0 * s.H() * T, T, s.H(), s.Hkv(), s.D(), mode);
        });
    }

    /** One launch over the sequences [b0, b0 + count), with its first keys in ids[from, from + idCount) by mode. */
    @FunctionalInterface
    private interface SequenceChunk {
        void launch(int b0, int count, int[] ids, int idCount, int mode);
    }

    /**
     * Runs {@code chunk} over all B sequences at once without first keys, else over as many whole
     * sequences as their first keys (T each) fit one transfer of ids.
     */
    private void bySequences(int[] firstKeys, int B, int T, SequenceChunk chunk) {
        if (firstKeys == null) {
            chunk.launch(0, B, NO_IDS, 0, AttentionKernels.NO_FIRST_KEYS);
            return;
        }
        if (T > plan.idCapacity()) {
            throw new IllegalArgumentException("first keys for sequences of " + T + " exceed the " + plan.idCapacity()
                    + " ids one launch takes");
        }
        int perLaunch = plan.idCapacity() / T;
        for (int b0 = 0; b0 < B; b0 += perLaunch) {
            int count = Math.min(perLaunch, B - b0);
            chunk.launch(b0, count, firstKeys, count * T, AttentionKernels.FIRST_KEY_PER_QUERY);
        }
    }

    @Override
    public void attentionForwardCached(Buffer out, Buffer q, int qStride, Buffer kCache, Buffer vCache,
                                       AttentionShape s, int start, int Tmax, int[] firstKeys) {
        s.checkFirstKeys(firstKeys, true);
        if (start + s.T() > Tmax) {
            throw new IllegalArgumentException("positions up to " + (start + s.T()) + " exceed the cache's " + Tmax);
        }
        if (s.B() > plan.idCapacity()) {
            throw new IllegalArgumentException(s.B() + " sequences exceed the " + plan.idCapacity() + " ids one launch takes");
        }
        int rows = s.B() * s.H() * s.T();  // the new query rows (B, H, T)
        int width = s.Hkv() * s.D();       // a cache row: (B, Tmax, Hkv*D)
        int[] ids = firstKeys == null ? NO_IDS : firstKeys;
        int mode = firstKeys == null ? AttentionKernels.NO_FIRST_KEYS : AttentionKernels.FIRST_KEY_PER_SEQUENCE;
        plan.launchWithIds(Kernel.ATTENTION_FORWARD, ids, 0, ids.length, rows, null, rows, tornado(out).offset, -1,
                tornado(q).offset, qStride, tornado(kCache).offset, tornado(vCache).offset, width, Tmax, s.T(), s.H(),
                s.Hkv(), s.D(), start, mode);
    }

    @Override
    public void copy(Buffer dst, Buffer src) {
        TornadoBuffer d = tornado(dst);
        TornadoBuffer s = tornado(src);
        if (d.length() != s.length()) {
            throw new IllegalArgumentException("copy of " + s.length() + " floats into " + d.length());
        }
        if (d.offset < s.offset + s.length() && s.offset < d.offset + d.length() && d.offset != s.offset) {
            copy(d, copyOf(s)); // overlapping ranges: through a fresh buffer, as work-items run in no order
            return;
        }
        launch(Kernel.COPY, d.length(), d.length(), d.offset, s.offset);
    }

    private TornadoBuffer copyOf(TornadoBuffer src) {
        TornadoBuffer temp = allocate(src.length());
        copy(temp, src);
        return temp;
    }

    @Override
    public void tokenLogProbsForward(Buffer logp, Buffer lse, Buffer logits, int[] targets, int rows, int V) {
        TornadoBuffer p = tornado(logp);
        TornadoBuffer s = tornado(lse);
        TornadoBuffer x = tornado(logits);
        for (int from = 0; from < rows; from += plan.idCapacity()) {
            int n = Math.min(plan.idCapacity(), rows - from);
            plan.launchWithIds(Kernel.TOKEN_LOG_PROBS_FORWARD, targets, from, n, n, null, n, p.offset + from,
                    s.offset + from, x.offset + from * V, V);
        }
    }

    @Override
    public void tokenLogProbsBackward(Buffer dlogits, Buffer dlogp, Buffer logits, Buffer lse, int[] targets, int rows,
                                      int V) {
        TornadoBuffer d = tornado(dlogits);
        TornadoBuffer w = tornado(dlogp);
        TornadoBuffer x = tornado(logits);
        TornadoBuffer s = tornado(lse);
        for (int from = 0; from < rows; from += plan.idCapacity()) {
            int n = Math.min(plan.idCapacity(), rows - from);
            plan.launchWithIds(Kernel.TOKEN_LOG_PROBS_BACKWARD, targets, from, n, n * V, null, n * V,
                    d.offset + from * V, x.offset + from * V, s.offset + from, V, w.offset + from);
        }
    }

    @Override
    public void tokenEntropy(Buffer entropy, Buffer logits, Buffer lse, int rows, int V) {
        launch(Kernel.TOKEN_ENTROPY, rows, rows, tornado(entropy).offset, tornado(logits).offset, tornado(lse).offset, V);
    }

    @Override
    public void sampleTokens(int[] ids, float[] logProbs, Buffer logits, float[] uniforms, int rows, int V,
                             SamplingSettings settings) {
        TornadoBuffer x = check(tornado(logits), (long) rows * V, "logits");
        if (V > LARGEST_EXACT_ID) {
            throw new IllegalArgumentException("a vocabulary of " + V + " exceeds the " + LARGEST_EXACT_ID
                    + " ids the device sampler returns exactly");
        }
        TornadoBuffer draws = allocate(3 * rows);  // (3, rows): uniforms, ids, log-probs
        write(draws.slice(0, rows), uniforms, 0);
        boolean cuts = !settings.greedy() && (settings.cutsTopK(V) || settings.cutsTopP());
        TornadoBuffer sorted = cuts ? allocate(rows * V) : draws;  // (rows, V), only where read
        if (cuts) {
            launch(Kernel.SORT_LOGIT_ROWS, rows, rows, x.offset, sorted.offset, V);
        }
        launch(Kernel.SAMPLE_TOKENS, rows, new float[] {settings.temperature(), settings.topP()}, rows, x.offset,
                draws.offset, V, settings.topK(), sorted.offset, cuts ? 1 : 0);
        float[] drawn = new float[2 * rows];
        read(draws.slice(rows, 2 * rows), drawn, 0);
        for (int r = 0; r < rows; r++) {
            ids[r] = (int) drawn[r];
        }
        System.arraycopy(drawn, rows, logProbs, 0, rows);
    }

    @Override
    public void add(Buffer out, Buffer a, Buffer b) {
        int n = out.length();
        launch(Kernel.ADD, n, n, tornado(out).offset, tornado(a).offset, tornado(b).offset);
    }

    @Override
    public void accumulate(Buffer dst, Buffer src) {
        int n = dst.length();
        launch(Kernel.ACCUMULATE, n, n, tornado(dst).offset, tornado(src).offset);
    }

    @Override
    public void scale(Buffer x, float factor) {
        int n = x.length();
        launch(Kernel.SCALE, n, new float[] {factor}, n, tornado(x).offset);
    }

    @Override
    public double sumOfSquares(Buffer x) {
        TornadoBuffer t = tornado(x);
        int n = t.length();
        int chunk = Math.max(1, (n + PARTS - 1) / PARTS);
        int parts = (n + chunk - 1) / chunk;
        TornadoBuffer partial = allocate(Math.max(parts, 1));
        launch(Kernel.SUM_OF_SQUARES, parts, parts, partial.offset, t.offset, n, chunk);
        float[] sums = new float[parts];
        read(partial.slice(0, parts), sums, 0);
        double sum = 0;
        for (float part : sums) {
            sum += part;
        }
        return sum;
    }

    @Override
    public void adamw(Buffer params, Buffer grads, Buffer m, Buffer v, AdamWSettings a, int step) {
        int n = params.length();
        launch(Kernel.ADAMW, n, new float[] {a.beta1(), a.beta2(), a.eps(), a.stepSize(step),
                a.secondMomentCorrection(step), a.decay()}, n,
                tornado(params).offset, tornado(grads).offset, tornado(m).offset, tornado(v).offset);
    }

    @Override
    public void close() {
        plan.close();
    }

    private void launch(Kernel kernel, int items, int... args) {
        if (items > 0) {
            plan.launch(kernel, items, args);
        }
    }

    private void launch(Kernel kernel, int items, float[] scalars, int... args) {
        if (items > 0) {
            plan.launch(kernel, items, 1, scalars, args);
        }
    }

    private TornadoBuffer tornado(Buffer buffer) {
        if (buffer instanceof TornadoBuffer t && t.heap == heap) {
            return t;
        }
        throw new IllegalArgumentException(spec + " cannot use " + buffer + ": it belongs to another backend");
    }

    private static TornadoBuffer check(TornadoBuffer buffer, long expected, String name) {
        if (buffer.length() < expected) {
            throw new IllegalArgumentException(name + " holds " + buffer.length() + " floats, needs " + expected);
        }
        return buffer;
    }
}
