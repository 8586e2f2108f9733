package dev.tempest.accelerator.host;

import dev.tempest.accelerator.AdamWSettings;
import dev.tempest.accelerator.AttentionShape;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.SamplingSettings;
import dev.tempest.accelerator.cpu.Parallel;
import dev.tempest.accelerator.kernels.Activations;
import dev.tempest.accelerator.kernels.AdamW;
import dev.tempest.accelerator.kernels.Attention;
import dev.tempest.accelerator.kernels.Elementwise;
import dev.tempest.accelerator.kernels.Embedding;
import dev.tempest.accelerator.kernels.LayerNorm;
import dev.tempest.accelerator.kernels.RmsNorm;
import dev.tempest.accelerator.kernels.Rope;
import dev.tempest.accelerator.kernels.TokenEntropy;
import dev.tempest.accelerator.kernels.TokenLogProbs;
import dev.tempest.accelerator.kernels.TokenSampling;
import java.util.Arrays;

/**
 * A backend whose buffers are JVM float arrays: runs the kernels of
 * {@link dev.tempest.accelerator.kernels} over ranges that {@link Parallel} cuts, and a GEMM it
 * is given. With one thread and the reference GEMM it is the scalar oracle; with threads and
 * the SIMD GEMM it is the cpu backend. Kernels that sum over rows into one gradient (norm
 * weights) sum into one partial per chunk, added in chunk order, so results do not depend on
 * timing. The protected {@code ...Range}, {@code ...Rows} and {@code ...Groups} methods run one
 * chunk of a kernel with the oracle's loops; a subclass overrides them to put its own kernel,
 * with the same contract, behind the same buffer handling and split.
 */
public class HostBackend implements Backend {

    private final String name;
    private final Parallel parallel;
    private final GemmKernel gemm;

    public HostBackend(String name, Parallel parallel, GemmKernel gemm) {
        this.name = name;
        this.parallel = parallel;
        this.gemm = gemm;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return name + " with " + parallel.threads() + (parallel.threads() == 1 ? " thread" : " threads");
    }

    @Override
    public HostBuffer allocate(int length) {
        return new HostBuffer(new float[length], 0, length);
    }

    @Override
    public void write(Buffer dst, float[] src, int srcOff) {
        HostBuffer d = host(dst);
        System.arraycopy(src, srcOff, d.data, d.offset, d.length());
    }

    @Override
    public void read(Buffer src, float[] dst, int dstOff) {
        HostBuffer s = host(src);
        System.arraycopy(s.data, s.offset, dst, dstOff, s.length());
    }

    @Override
    public void fill(Buffer x, float value) {
        HostBuffer h = host(x);
        parallel.forRange(h.length(), (chunk, from, to) -> Arrays.fill(h.data, h.offset + from, h.offset + to, value));
    }

    @Override
    public void matmul(Buffer c, Buffer a, boolean transA, Buffer b, boolean transB, int M, int N, int K,
                       boolean accumulate) {
        HostBuffer hc = host(c);
        HostBuffer ha = host(a);
        HostBuffer hb = host(b);
        check(hc, M * N, "c");
        check(ha, M * K, "a");
        check(hb, K * N, "b");
        gemm.gemm(transA, transB, M, N, K, ha.data, ha.offset, transA ? M : K, hb.data, hb.offset, transB ? K : N,
                hc.data, hc.offset, N, accumulate);
    }

    @Override
    public void addBias(Buffer out, Buffer bias, int rows, int N) {
        HostBuffer o = host(out);
        HostBuffer b = host(bias);
        parallel.forRange(rows, (chunk, from, to) -> Elementwise.addBias(o.data, o.offset, b.data, b.offset, N, from, to));
    }

    @Override
    public void biasBackward(Buffer dbias, Buffer dout, int rows, int N) {
        HostBuffer db = host(dbias);
        HostBuffer d = host(dout);
        parallel.forRange(N, (chunk, from, to) ->
                biasBackwardColumns(db.data, db.offset, d.data, d.offset, rows, N, from, to));
    }

    /** {@link Elementwise#biasBackward} on the columns [from, to). */
    protected void biasBackwardColumns(float[] dbias, int dbiasOff, float[] dout, int doutOff, int rows, int N,
                                       int from, int to) {
        Elementwise.biasBackward(dbias, dbiasOff, dout, doutOff, rows, N, from, to);
    }

    @Override
    public void embeddingForward(Buffer out, int[] ids, Buffer table, int C, boolean accumulate) {
        HostBuffer o = host(out);
        HostBuffer t = host(table);
        check(o, ids.length * C, "out");
        parallel.forRange(ids.length, (chunk, from, to) ->
                Embedding.forward(o.data, o.offset, ids, t.data, t.offset, C, accumulate, from, to));
    }

    @Override
    public void embeddingBackward(Buffer dtable, int[] ids, Buffer dout, int C) {
        HostBuffer dt = host(dtable);
        HostBuffer d = host(dout);
        parallel.forRange(dt.length() / C, (chunk, from, to) ->
                Embedding.backward(dt.data, dt.offset, ids, d.data, d.offset, C, from, to));
    }

    @Override
    public void layerNormForward(Buffer out, Buffer mean, Buffer rstd, Buffer x, Buffer w, Buffer b, int rows, int C,
                                 float eps) {
        HostBuffer o = host(out);
        HostBuffer m = host(mean);
        HostBuffer s = host(rstd);
        HostBuffer hx = host(x);
        HostBuffer hw = host(w);
        HostBuffer hb = host(b);
        parallel.forRange(rows, (chunk, from, to) -> layerNormForwardRows(o.data, o.offset, m.data, m.offset,
                s.data, s.offset, hx.data, hx.offset, hw.data, hw.offset, hb.data, hb.offset, C, eps, from, to));
    }

    /** {@link LayerNorm#forward} on the rows [from, to). */
    protected void layerNormForwardRows(float[] out, int outOff, float[] mean, int meanOff, float[] rstd, int rstdOff,
                                        float[] x, int xOff, float[] w, int wOff, float[] b, int bOff,
                                        int C, float eps, int from, int to) {
        LayerNorm.forward(out, outOff, mean, meanOff, rstd, rstdOff, x, xOff, w, wOff, b, bOff, C, eps, from, to);
    }

    @Override
    public void layerNormBackward(Buffer dx, Buffer dw, Buffer db, Buffer dout, Buffer x, Buffer w, Buffer mean,
                                  Buffer rstd, int rows, int C) {
        HostBuffer hdx = host(dx);
        HostBuffer d = host(dout);
        HostBuffer hx = host(x);
        HostBuffer hw = host(w);
        HostBuffer m = host(mean);
        HostBuffer s = host(rstd);
        int chunks = parallel.chunks(rows);
        float[] dwParts = new float[chunks * C]; // (chunks, C)
        float[] dbParts = new float[chunks * C]; // (chunks, C)
        parallel.forRange(rows, (chunk, from, to) -> layerNormBackwardRows(hdx.data, hdx.offset, dwParts, chunk * C,
                dbParts, chunk * C, d.data, d.offset, hx.data, hx.offset, hw.data, hw.offset, m.data, m.offset,
                s.data, s.offset, C, from, to));
        addChunks(host(dw), dwParts, chunks, C);
        addChunks(host(db), dbParts, chunks, C);
    }

    /** {@link LayerNorm#backward} on the rows [from, to), dw and db into one chunk's partial sums. */
    protected void layerNormBackwardRows(float[] dx, int dxOff, float[] dw, int dwOff, float[] db, int dbOff,
                                         float[] dout, int doutOff, float[] x, int xOff, float[] w, int wOff,
                                         float[] mean, int meanOff, float[] rstd, int rstdOff, int C, int from, int to) {
        LayerNorm.backward(dx, dxOff, dw, dwOff, db, dbOff, dout, doutOff, x, xOff, w, wOff, mean, meanOff,
                rstd, rstdOff, C, from, to);
    }

    @Override
    public void rmsNormForward(Buffer out, Buffer rstd, Buffer x, Buffer w, int rows, int C, float eps) {
        HostBuffer o = host(out);
        HostBuffer s = host(rstd);
        HostBuffer hx = host(x);
        HostBuffer hw = host(w);
        parallel.forRange(rows, (chunk, from, to) -> RmsNorm.forward(o.data, o.offset, s.data, s.offset,
                hx.data, hx.offset, hw.data, hw.offset, C, eps, from, to));
    }

    @Override
    public void rmsNormBackward(Buffer dx, Buffer dw, Buffer dout, Buffer x, Buffer w, Buffer rstd, int rows, int C) {
        HostBuffer hdx = host(dx);
        HostBuffer d = host(dout);
        HostBuffer hx = host(x);
        HostBuffer hw = host(w);
        HostBuffer s = host(rstd);
        int chunks = parallel.chunks(rows);
        float[] dwParts = new float[chunks * C]; // (chunks, C)
        parallel.forRange(rows, (chunk, from, to) -> RmsNorm.backward(hdx.data, hdx.offset, dwParts, chunk * C,
                d.data, d.offset, hx.data, hx.offset, hw.data, hw.offset, s.data, s.offset, C, from, to));
        addChunks(host(dw), dwParts, chunks, C);
    }

    @Override
    public void geluForward(Buffer out, Buffer x) {
        HostBuffer o = host(out);
        HostBuffer hx = host(x);
        parallel.forRange(hx.length(), (chunk, from, to) -> geluForwardRange(o.data, o.offset, hx.data, hx.offset, from, to));
    }

    /** {@link Activations#geluForward} on the elements [from, to). */
    protected void geluForwardRange(float[] out, int outOff, float[] x, int xOff, int from, int to) {
        Activations.geluForward(out, outOff, x, xOff, from, to);
    }

    @Override
    public void geluBackward(Buffer dx, Buffer x, Buffer dout) {
        HostBuffer hdx = host(dx);
        HostBuffer hx = host(x);
        HostBuffer d = host(dout);
        parallel.forRange(hx.length(), (chunk, from, to) ->
                geluBackwardRange(hdx.data, hdx.offset, hx.data, hx.offset, d.data, d.offset, from, to));
    }

    /** {@link Activations#geluBackward} on the elements [from, to). */
    protected void geluBackwardRange(float[] dx, int dxOff, float[] x, int xOff, float[] dout, int doutOff,
                                     int from, int to) {
        Activations.geluBackward(dx, dxOff, x, xOff, dout, doutOff, from, to);
    }

    @Override
    public void siluForward(Buffer out, Buffer x) {
        HostBuffer o = host(out);
        HostBuffer hx = host(x);
        parallel.forRange(hx.length(), (chunk, from, to) -> Activations.siluForward(o.data, o.offset, hx.data, hx.offset, from, to));
    }

    @Override
    public void siluBackward(Buffer dx, Buffer x, Buffer dout) {
        HostBuffer hdx = host(dx);
        HostBuffer hx = host(x);
        HostBuffer d = host(dout);
        parallel.forRange(hx.length(), (chunk, from, to) ->
                Activations.siluBackward(hdx.data, hdx.offset, hx.data, hx.offset, d.data, d.offset, from, to));
    }

    @Override
    public void swigluForward(Buffer out, Buffer gate, Buffer up) {
        HostBuffer o = host(out);
        HostBuffer g = host(gate);
        HostBuffer u = host(up);
        parallel.forRange(g.length(), (chunk, from, to) ->
                Activations.swigluForward(o.data, o.offset, g.data, g.offset, u.data, u.offset, from, to));
    }

    @Override
    public void swigluBackward(Buffer dgate, Buffer dup, Buffer gate, Buffer up, Buffer dout) {
        HostBuffer dg = host(dgate);
        HostBuffer du = host(dup);
        HostBuffer g = host(gate);
        HostBuffer u = host(up);
        HostBuffer d = host(dout);
        parallel.forRange(g.length(), (chunk, from, to) -> Activations.swigluBackward(dg.data, dg.offset, du.data,
                du.offset, g.data, g.offset, u.data, u.offset, d.data, d.offset, from, to));
    }

    @Override
    public void ropeForward(Buffer out, Buffer x, int[] positions, int heads, int D, float theta) {
        HostBuffer o = host(out);
        HostBuffer hx = host(x);
        parallel.forRange(positions.length, (chunk, from, to) ->
                Rope.forward(o.data, o.offset, hx.data, hx.offset, positions, heads, D, theta, from, to));
    }

    @Override
    public void ropeBackward(Buffer dx, Buffer dout, int[] positions, int heads, int D, float theta) {
        HostBuffer hdx = host(dx);
        HostBuffer d = host(dout);
        parallel.forRange(positions.length, (chunk, from, to) ->
                Rope.backward(hdx.data, hdx.offset, d.data, d.offset, positions, heads, D, theta, from, to));
    }

    @Override
    public void attentionForward(Buffer out, Buffer lse, Buffer q, int qStride, Buffer k, Buffer v, int kvStride,
                                 AttentionShape s, int[] firstKeys) {
        s.checkFirstKeys(firstKeys, false);
        HostBuffer o = host(out);
        HostBuffer l = host(lse);
        HostBuffer hq = host(q);
        HostBuffer hk = host(k);
        HostBuffer hv = host(v);
        parallel.forRange(s.B() * s.Hkv(), (chunk, from, to) -> attentionForwardGroups(o.data, o.offset, l.data,
                l.offset, hq.data, hq.offset, qStride, hk.data, hk.offset, hv.data, hv.offset, kvStride,
                firstKeys, s.B(), s.T(), s.H(), s.Hkv(), s.D(), from, to));
    }

    /** {@link Attention#forward} for the (b, g) groups [from, to). */
    protected void attentionForwardGroups(float[] out, int outOff, float[] lse, int lseOff,
                                          float[] q, int qOff, int qStride, float[] k, int kOff, float[] v, int vOff,
                                          int kvStride, int[] firstKeys, int B, int T, int H, int Hkv, int D,
                                          int from, int to) {
        Attention.forward(out, outOff, lse, lseOff, q, qOff, qStride, k, kOff, v, vOff, kvStride, firstKeys,
                B, T, H, Hkv, D, from, to);
    }

    @Override
    public void attentionBackward(Buffer dq, Buffer dk, Buffer dv, Buffer dout, Buffer q, int qStride, Buffer k,
                                  Buffer v, int kvStride, Buffer out, Buffer lse, AttentionShape s, int[] firstKeys) {
        s.checkFirstKeys(firstKeys, false);
        HostBuffer hdq = host(dq);
        HostBuffer hdk = host(dk);
        HostBuffer hdv = host(dv);
        HostBuffer d = host(dout);
        HostBuffer hq = host(q);
        HostBuffer hk = host(k);
        HostBuffer hv = host(v);
        HostBuffer o = host(out);
        HostBuffer l = host(lse);
        parallel.forRange(s.B() * s.Hkv(), (chunk, from, to) -> attentionBackwardGroups(hdq.data, hdq.offset,
                hdk.data, hdk.offset, hdv.data, hdv.offset, d.data, d.offset, hq.data, hq.offset, qStride,
                hk.data, hk.offset, hv.data, hv.offset, kvStride, o.data, o.offset, l.data, l.offset,
                firstKeys, s.B(), s.T(), s.H(), s.Hkv(), s.D(), from, to));
    }

    /** {@link Attention#backward} for the (b, g) groups [from, to). */
    protected void attentionBackwardGroups(float[] dq, int dqOff, float[] dk, int dkOff, float[] dv, int dvOff,
                                           float[] dout, int doutOff, float[] q, int qOff, int qStride,
                                           float[] k, int kOff, float[] v, int vOff, int kvStride,
                                           float[] out, int outOff, float[] lse, int lseOff, int[] firstKeys,
                                           int B, int T, int H, int Hkv, int D, int from, int to) {
        Attention.backward(dq, dqOff, dk, dkOff, dv, dvOff, dout, doutOff, q, qOff, qStride, k, kOff, v, vOff,
                kvStride, out, outOff, lse, lseOff, firstKeys, B, T, H, Hkv, D, from, to);
    }

    @Override
    public void attentionForwardCached(Buffer out, Buffer q, int qStride, Buffer kCache, Buffer vCache, AttentionShape s,
                                       int start, int Tmax, int[] firstKeys) {
        s.checkFirstKeys(firstKeys, true);
        HostBuffer o = host(out);
        HostBuffer hq = host(q);
        HostBuffer hk = host(kCache);
        HostBuffer hv = host(vCache);
        if (start + s.T() > Tmax) {
            throw new IllegalArgumentException("positions up to " + (start + s.T()) + " exceed the cache's " + Tmax);
        }
        parallel.forRange(s.B() * s.Hkv(), (chunk, from, to) -> attentionForwardCachedGroups(o.data, o.offset, hq.data,
                hq.offset, qStride, hk.data, hk.offset, hv.data, hv.offset, firstKeys, s.B(), s.T(), start, Tmax, s.H(),
                s.Hkv(), s.D(), from, to));
    }

    /** {@link Attention#forwardCached} for the (b, g) groups [from, to). */
    protected void attentionForwardCachedGroups(float[] out, int outOff, float[] q, int qOff, int qStride,
                                                float[] kCache, int kOff, float[] vCache, int vOff, int[] firstKeys,
                                                int B, int Tq, int start, int Tmax, int H, int Hkv, int D,
                                                int from, int to) {
        Attention.forwardCached(out, outOff, q, qOff, qStride, kCache, kOff, vCache, vOff, firstKeys, B, Tq, start, Tmax,
                H, Hkv, D, from, to);
    }

    @Override
    public void copy(Buffer dst, Buffer src) {
        HostBuffer d = host(dst);
        HostBuffer s = host(src);
        if (d.length() != s.length()) {
            throw new IllegalArgumentException("copy of " + s.length() + " floats into " + d.length());
        }
        System.arraycopy(s.data, s.offset, d.data, d.offset, s.length());
    }

    @Override
    public void copyRows(Buffer dst, int dstStride, Buffer src, int srcStride, int rows, int width) {
        HostBuffer d = host(dst);
        HostBuffer s = host(src);
        check(d, rows == 0 ? 0 : (rows - 1) * dstStride + width, "dst");
        check(s, rows == 0 ? 0 : (rows - 1) * srcStride + width, "src");
        for (int r = 0; r < rows; r++) {
            System.arraycopy(s.data, s.offset + r * srcStride, d.data, d.offset + r * dstStride, width);
        }
    }

    @Override
    public void tokenLogProbsForward(Buffer logp, Buffer lse, Buffer logits, int[] targets, int rows, int V) {
        HostBuffer p = host(logp);
        HostBuffer l = host(lse);
        HostBuffer x = host(logits);
        parallel.forRange(rows, (chunk, from, to) ->
                tokenLogProbsForwardRows(p.data, p.offset, l.data, l.offset, x.data, x.offset, targets, V, from, to));
    }

    /** {@link TokenLogProbs#forward} on the rows [from, to). */
    protected void tokenLogProbsForwardRows(float[] logp, int logpOff, float[] lse, int lseOff,
                                            float[] logits, int logitsOff, int[] targets, int V, int from, int to) {
        TokenLogProbs.forward(logp, logpOff, lse, lseOff, logits, logitsOff, targets, V, from, to);
    }

    @Override
    public void tokenLogProbsBackward(Buffer dlogits, Buffer dlogp, Buffer logits, Buffer lse, int[] targets, int rows,
                                      int V) {
        HostBuffer dx = host(dlogits);
        HostBuffer dp = host(dlogp);
        HostBuffer x = host(logits);
        HostBuffer l = host(lse);
        parallel.forRange(rows, (chunk, from, to) -> tokenLogProbsBackwardRows(dx.data, dx.offset, dp.data, dp.offset,
                x.data, x.offset, l.data, l.offset, targets, V, from, to));
    }

    /** {@link TokenLogProbs#backward} on the rows [from, to). */
    protected void tokenLogProbsBackwardRows(float[] dlogits, int dlogitsOff, float[] dlogp, int dlogpOff,
                                             float[] logits, int logitsOff, float[] lse, int lseOff, int[] targets,
                                             int V, int from, int to) {
        TokenLogProbs.backward(dlogits, dlogitsOff, dlogp, dlogpOff, logits, logitsOff, lse, lseOff, targets, V, from, to);
    }

    @Override
    public void tokenEntropy(Buffer entropy, Buffer logits, Buffer lse, int rows, int V) {
        HostBuffer e = host(entropy);
        HostBuffer x = host(logits);
        HostBuffer l = host(lse);
        parallel.forRange(rows, (chunk, from, to) ->
                TokenEntropy.forward(e.data, e.offset, x.data, x.offset, l.data, l.offset, V, from, to));
    }

    @Override
    public void sampleTokens(int[] ids, float[] logProbs, Buffer logits, float[] uniforms, int rows, int V,
                             SamplingSettings settings) {
        HostBuffer x = host(logits);
        check(x, rows * V, "logits");
        parallel.forRange(rows, (chunk, from, to) ->
                sampleTokensRows(ids, logProbs, x.data, x.offset, uniforms, V, settings, from, to));
    }

    /** {@link TokenSampling#draw} on the rows [from, to). */
    protected void sampleTokensRows(int[] ids, float[] logProbs, float[] logits, int logitsOff, float[] uniforms, int V,
                                    SamplingSettings settings, int from, int to) {
        TokenSampling.draw(ids, logProbs, logits, logitsOff, uniforms, V, settings, from, to);
    }

    @Override
    public void add(Buffer out, Buffer a, Buffer b) {
        HostBuffer o = host(out);
        HostBuffer ha = host(a);
        HostBuffer hb = host(b);
        parallel.forRange(o.length(), (chunk, from, to) ->
                Elementwise.add(o.data, o.offset, ha.data, ha.offset, hb.data, hb.offset, from, to));
    }

    @Override
    public void accumulate(Buffer dst, Buffer src) {
        HostBuffer d = host(dst);
        HostBuffer s = host(src);
        parallel.forRange(d.length(), (chunk, from, to) -> Elementwise.accumulate(d.data, d.offset, s.data, s.offset, from, to));
    }

    @Override
    public void scale(Buffer x, float factor) {
        HostBuffer h = host(x);
        parallel.forRange(h.length(), (chunk, from, to) -> Elementwise.scale(h.data, h.offset, factor, from, to));
    }

    @Override
    public double sumOfSquares(Buffer x) {
        HostBuffer h = host(x);
        double[] parts = new double[parallel.chunks(h.length())];
        parallel.forRange(h.length(), (chunk, from, to) -> parts[chunk] = Elementwise.sumOfSquares(h.data, h.offset, from, to));
        double sum = 0;
        for (double part : parts) {
            sum += part;
        }
        return sum;
    }

    @Override
    public void adamw(Buffer params, Buffer grads, Buffer m, Buffer v, AdamWSettings a, int step) {
        HostBuffer p = host(params);
        HostBuffer g = host(grads);
        HostBuffer hm = host(m);
        HostBuffer hv = host(v);
        parallel.forRange(p.length(), (chunk, from, to) -> adamwRange(p.data, p.offset, g.data, g.offset,
                hm.data, hm.offset, hv.data, hv.offset, a, step, from, to));
    }

    /** {@link AdamW#step} on the elements [from, to). */
    protected void adamwRange(float[] params, int pOff, float[] grads, int gOff, float[] m, int mOff,
                              float[] v, int vOff, AdamWSettings a, int step, int from, int to) {
        AdamW.step(params, pOff, grads, gOff, m, mOff, v, vOff, a, step, from, to);
    }

    @Override
    public void close() {
        parallel.close();
    }

    /** dst (C) += the chunks' partial sums (chunks, C), in chunk order. */
    private static void addChunks(HostBuffer dst, float[] parts, int chunks, int C) {
        for (int chunk = 0; chunk < chunks; chunk++) {
            Elementwise.accumulate(dst.data, dst.offset, parts, chunk * C, 0, C);
        }
    }

    private static HostBuffer host(Buffer buffer) {
        if (buffer instanceof HostBuffer host) {
            return host;
        }
        throw new IllegalArgumentException("a host backend cannot use " + buffer + " from another backend");
    }

    private static void check(HostBuffer buffer, int expected, String name) {
        if (buffer.length() < expected) {
            throw new IllegalArgumentException(name + " holds " + buffer.length() + " floats, needs " + expected);
        }
    }
}
