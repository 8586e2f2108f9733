package dev.tempest.accelerator.opencl;

import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clEnqueueCopyBuffer;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;

import dev.tempest.accelerator.AdamWSettings;
import dev.tempest.accelerator.AttentionShape;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.DeviceException;
import dev.tempest.accelerator.SamplingSettings;
import dev.tempest.accelerator.opencl.ClKernels.LocalFloats;
import dev.tempest.accelerator.opencl.ClKernels.LocalInts;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;

/**
 * The Backend SPI on one OpenCL device: every kernel is OpenCL C (the .cl resources beside this
 * class), launched on one in-order queue. Buffers stay on the device; {@link #read},
 * {@link #sumOfSquares} and nothing else bring data back. Token ids and targets, which the SPI
 * takes as host arrays, go up through one reusable int buffer: its blocking write waits for the
 * kernels queued before it, so reusing it is safe.
 */
public final class OpenClBackend implements Backend {

    /** Work-groups of the sum-of-squares reduction; the host adds their partial sums. */
    private static final int REDUCTION_GROUPS = 64;
    /** attention.cl's modes of reading first key positions: none, one per query row, one per sequence. */
    private static final int FIRST_NONE = 0;
    private static final int FIRST_PER_QUERY = 1;
    private static final int FIRST_PER_SEQUENCE = 2;
    /** Sampled ids travel back as floats, exact up to here. */
    private static final int LARGEST_EXACT_ID = 1 << 24;

    private final ClDevice device;
    /** The GEMM in local-memory tiles (for GPUs), else the one in vector strips (for CPU devices). */
    private final boolean tiledGemm;
    private final ClKernels kernels;
    private final ClMemory.Pool pool;
    /** RoPE inverse frequencies per (theta, D), computed on the host as the oracle does. */
    private final Map<String, ClBuffer> ropeFrequencies = new HashMap<>();
    private ClBuffer ints = null;         // token ids, targets, positions or first keys of the current call
    private ClBuffer noInts = null;       // what a kernel gets for an int array the call left out (null)
    private ClBuffer scratch = null;      // attention's delta (B, H, T), the reduction's partials
    private ClBuffer draws = null;        // sampling's (3, rows): uniforms in, ids and log-probs out

    OpenClBackend(ClDevice device, boolean tiledGemm) {
        this.device = device;
        this.tiledGemm = tiledGemm;
        this.kernels = new ClKernels(device);
        this.pool = new ClMemory.Pool(device.context);
    }

    @Override
    public String name() {
        return device.spec;
    }

    @Override
    public ClBuffer allocate(int length) {
        ClBuffer buffer = new ClBuffer(pool.allocate(Math.max(1, (long) length) * Float.BYTES), 0, length);
        fill(buffer, 0);
        return buffer;
    }

    @Override
    public void write(Buffer dst, float[] src, int srcOff) {
        ClBuffer d = cl(dst);
        transfer(() -> clEnqueueWriteBuffer(kernels.queue, d.mem(), CL_TRUE, d.byteOffset(0),
                (long) d.length() * Float.BYTES, Pointer.to(src).withByteOffset((long) srcOff * Float.BYTES), 0, null, null),
                d.length(), "write");
    }

    @Override
    public void read(Buffer src, float[] dst, int dstOff) {
        ClBuffer s = cl(src);
        transfer(() -> clEnqueueReadBuffer(kernels.queue, s.mem(), CL_TRUE, s.byteOffset(0),
                (long) s.length() * Float.BYTES, Pointer.to(dst).withByteOffset((long) dstOff * Float.BYTES), 0, null, null),
                s.length(), "read");
    }

    @Override
    public void fill(Buffer x, float value) {
        ClBuffer b = cl(x);
        transfer(() -> clEnqueueFillBuffer(kernels.queue, b.mem(), Pointer.to(new float[] {value}), Float.BYTES,
                b.byteOffset(0), (long) b.length() * Float.BYTES, 0, null, null), b.length(), "fill");
    }

    @Override
    public void copy(Buffer dst, Buffer src) {
        ClBuffer d = cl(dst);
        ClBuffer s = cl(src);
        if (d.length() != s.length()) {
            throw new IllegalArgumentException("copy of " + s.length() + " floats into " + d.length());
        }
        transfer(() -> clEnqueueCopyBuffer(kernels.queue, s.mem(), d.mem(), s.byteOffset(0), d.byteOffset(0),
                (long) s.length() * Float.BYTES, 0, null, null), s.length(), "copy");
    }

    @Override
    public void copyRows(Buffer dst, int dstStride, Buffer src, int srcStride, int rows, int width) {
        if (rows == 0 || width == 0) {
            return;
        }
        check(dst, (long) (rows - 1) * dstStride + width, "dst");
        check(src, (long) (rows - 1) * srcStride + width, "src");
        kernels.run("copy_rows", new long[] {width, rows}, null, cl(dst), dstStride, cl(src), srcStride);
    }

    @Override
    public void matmul(Buffer c, Buffer a, boolean transA, Buffer b, boolean transB, int M, int N, int K,
                       boolean accumulate) {
        check(c, (long) M * N, "c");
        check(a, (long) M * K, "a");
        check(b, (long) K * N, "b");
        if (!tiledGemm) {
            ClBuffer kByN = cl(b);
            if (transB) {
                kByN = scratch(K * N);  // (K, N)
                kernels.run("transpose", new long[] {K, N}, null, kByN, cl(b), K);
            }
            kernels.run("gemm_strips", new long[] {ceilDiv(N, 16), ceilDiv(M, ClDevice.STRIP_ROWS)}, null,
                    cl(c), cl(a), transA, kByN, M, N, K, accumulate);
            return;
        }
        int local = device.gemmLocal;
        int tile = local * ClDevice.GEMM_WPT;
        kernels.run("gemm", new long[] {ceilDiv(N, tile) * local, ceilDiv(M, tile) * local},
                new long[] {local, local}, cl(c), cl(a), transA, cl(b), transB, M, N, K, accumulate);
    }

    @Override
    public void addBias(Buffer out, Buffer bias, int rows, int N) {
        kernels.run("add_bias", new long[] {N, rows}, null, cl(out), cl(bias), N);
    }

    @Override
    public void biasBackward(Buffer dbias, Buffer dout, int rows, int N) {
        kernels.run("bias_backward", N, cl(dbias), cl(dout), rows, N);
    }

    @Override
    public void embeddingForward(Buffer out, int[] ids, Buffer table, int C, boolean accumulate) {
        check(out, (long) ids.length * C, "out");
        kernels.run("embedding_forward", new long[] {C, ids.length}, null, cl(out), upload(ids), cl(table), C, accumulate);
    }

    @Override
    public void embeddingBackward(Buffer dtable, int[] ids, Buffer dout, int C) {
        kernels.run("embedding_backward", C, cl(dtable), upload(ids), ids.length, cl(dout), C);
    }

    @Override
    public void layerNormForward(Buffer out, Buffer mean, Buffer rstd, Buffer x, Buffer w, Buffer b, int rows, int C,
                                 float eps) {
        kernels.run("layernorm_forward", rows, cl(out), cl(mean), cl(rstd), cl(x), cl(w), cl(b), C, eps);
    }

    @Override
    public void layerNormBackward(Buffer dx, Buffer dw, Buffer db, Buffer dout, Buffer x, Buffer w, Buffer mean,
                                  Buffer rstd, int rows, int C) {
        kernels.run("layernorm_backward_dx", rows, cl(dx), cl(dout), cl(x), cl(w), cl(mean), cl(rstd), C);
        kernels.run("layernorm_backward_dwdb", C, cl(dw), cl(db), cl(dout), cl(x), cl(mean), cl(rstd), rows, C);
    }

    @Override
    public void rmsNormForward(Buffer out, Buffer rstd, Buffer x, Buffer w, int rows, int C, float eps) {
        kernels.run("rmsnorm_forward", rows, cl(out), cl(rstd), cl(x), cl(w), C, eps);
    }

    @Override
    public void rmsNormBackward(Buffer dx, Buffer dw, Buffer dout, Buffer x, Buffer w, Buffer rstd, int rows, int C) {
        kernels.run("rmsnorm_backward_dx", rows, cl(dx), cl(dout), cl(x), cl(w), cl(rstd), C);
        kernels.run("rmsnorm_backward_dw", C, cl(dw), cl(dout), cl(x), cl(rstd), rows, C);
    }

    @Override
    public void geluForward(Buffer out, Buffer x) {
        kernels.run("gelu_forward", x.length(), cl(out), cl(x));
    }

    @Override
    public void geluBackward(Buffer dx, Buffer x, Buffer dout) {
        kernels.run("gelu_backward", x.length(), cl(dx), cl(x), cl(dout));
    }

    @Override
    public void siluForward(Buffer out, Buffer x) {
        kernels.run("silu_forward", x.length(), cl(out), cl(x));
    }

    @Override
    public void siluBackward(Buffer dx, Buffer x, Buffer dout) {
        kernels.run("silu_backward", x.length(), cl(dx), cl(x), cl(dout));
    }

    @Override
    public void swigluForward(Buffer out, Buffer gate, Buffer up) {
        kernels.run("swiglu_forward", gate.length(), cl(out), cl(gate), cl(up));
    }

    @Override
    public void swigluBackward(Buffer dgate, Buffer dup, Buffer gate, Buffer up, Buffer dout) {
        kernels.run("swiglu_backward", gate.length(), cl(dgate), cl(dup), cl(gate), cl(up), cl(dout));
    }

    @Override
    public void ropeForward(Buffer out, Buffer x, int[] positions, int heads, int D, float theta) {
        kernels.run("rope", new long[] {D / 2, heads, positions.length}, null, cl(out), cl(x), frequencies(D, theta),
                upload(positions), heads, D, false);
    }

    @Override
    public void ropeBackward(Buffer dx, Buffer dout, int[] positions, int heads, int D, float theta) {
        kernels.run("rope", new long[] {D / 2, heads, positions.length}, null, cl(dx), cl(dout), frequencies(D, theta),
                upload(positions), heads, D, true);
    }

    @Override
    public void attentionForward(Buffer out, Buffer lse, Buffer q, int qStride, Buffer k, Buffer v, int kvStride,
                                 AttentionShape s, int[] firstKeys) {
        s.checkFirstKeys(firstKeys, false);
        kernels.run("attention_forward", new long[] {s.T(), s.H(), s.B()}, null, cl(out), cl(lse), true, cl(q), qStride,
                cl(k), cl(v), kvStride, uploadOrNone(firstKeys), firstMode(firstKeys, FIRST_PER_QUERY),
                s.H(), s.Hkv(), s.D(), s.T(), 0, scale(s));
    }

    @Override
    public void attentionBackward(Buffer dq, Buffer dk, Buffer dv, Buffer dout, Buffer q, int qStride, Buffer k,
                                  Buffer v, int kvStride, Buffer out, Buffer lse, AttentionShape s, int[] firstKeys) {
        s.checkFirstKeys(firstKeys, false);
        ClBuffer delta = scratch(s.B() * s.H() * s.T()); // (B, H, T)
        ClBuffer firsts = uploadOrNone(firstKeys);
        int mode = firstMode(firstKeys, FIRST_PER_QUERY);
        kernels.run("attention_backward_dq", new long[] {s.T(), s.H(), s.B()}, null, cl(dq), delta, cl(dout),
                cl(q), qStride, cl(k), cl(v), kvStride, cl(out), cl(lse), firsts, mode, s.H(), s.Hkv(), s.D(), scale(s));
        kernels.run("attention_backward_dkdv", new long[] {s.T(), s.Hkv(), s.B()}, null, cl(dk), cl(dv), delta,
                cl(dout), cl(q), qStride, cl(k), cl(v), kvStride, cl(lse), firsts, mode, s.H(), s.D(), scale(s));
    }

    @Override
    public void attentionForwardCached(Buffer out, Buffer q, int qStride, Buffer kCache, Buffer vCache,
                                       AttentionShape s, int start, int Tmax, int[] firstKeys) {
        s.checkFirstKeys(firstKeys, true);
        if (start + s.T() > Tmax) {
            throw new IllegalArgumentException("positions up to " + (start + s.T()) + " exceed the cache's " + Tmax);
        }
        kernels.run("attention_forward", new long[] {s.T(), s.H(), s.B()}, null, cl(out), cl(out), false, cl(q),
                qStride, cl(kCache), cl(vCache), s.Hkv() * s.D(), uploadOrNone(firstKeys),
                firstMode(firstKeys, FIRST_PER_SEQUENCE), s.H(), s.Hkv(), s.D(), Tmax, start, scale(s));
    }

    @Override
    public void tokenLogProbsForward(Buffer logp, Buffer lse, Buffer logits, int[] targets, int rows, int V) {
        kernels.run("token_log_probs_forward", rows, cl(logp), cl(lse), cl(logits), upload(targets), V);
    }

    @Override
    public void tokenLogProbsBackward(Buffer dlogits, Buffer dlogp, Buffer logits, Buffer lse, int[] targets, int rows,
                                      int V) {
        kernels.run("token_log_probs_backward", new long[] {V, rows}, null, cl(dlogits), cl(dlogp), cl(logits), cl(lse),
                upload(targets), V);
    }

    @Override
    public void tokenEntropy(Buffer entropy, Buffer logits, Buffer lse, int rows, int V) {
        kernels.run("token_entropy", rows, cl(entropy), cl(logits), cl(lse), V);
    }

    @Override
    public void sampleTokens(int[] ids, float[] logProbs, Buffer logits, float[] uniforms, int rows, int V,
                             SamplingSettings settings) {
        check(logits, (long) rows * V, "logits");
        if (V > LARGEST_EXACT_ID) {
            throw new IllegalArgumentException("a vocabulary of " + V + " exceeds the " + LARGEST_EXACT_ID
                    + " ids the device sampler returns exactly");
        }
        if (draws == null || draws.length() < 3 * rows) {
            draws = allocate(3 * rows);
        }
        ClBuffer columns = draws.slice(0, 3 * rows); // (3, rows): uniforms, ids, log-probs
        write(columns.slice(0, rows), uniforms, 0);
        int local = device.reductionLocal;
        kernels.run("sample_tokens", new long[] {(long) rows * local}, new long[] {local}, cl(logits), columns, rows, V,
                settings.temperature(), settings.topK(), settings.topP(), new LocalFloats(local), new LocalInts(local));
        float[] drawn = new float[2 * rows];
        read(columns.slice(rows, 2 * rows), drawn, 0);
        for (int r = 0; r < rows; r++) {
            ids[r] = (int) drawn[r];
        }
        System.arraycopy(drawn, rows, logProbs, 0, rows);
    }

    @Override
    public void add(Buffer out, Buffer a, Buffer b) {
        kernels.run("add", out.length(), cl(out), cl(a), cl(b));
    }

    @Override
    public void accumulate(Buffer dst, Buffer src) {
        kernels.run("accumulate", dst.length(), cl(dst), cl(src));
    }

    @Override
    public void scale(Buffer x, float factor) {
        kernels.run("scale", x.length(), cl(x), factor);
    }

    @Override
    public double sumOfSquares(Buffer x) {
        int local = device.reductionLocal;
        ClBuffer partials = scratch(REDUCTION_GROUPS);
        kernels.run("sum_of_squares", new long[] {(long) REDUCTION_GROUPS * local}, new long[] {local}, cl(x),
                x.length(), partials, new LocalFloats(local));
        float[] sums = new float[REDUCTION_GROUPS];
        read(partials, sums, 0);
        double sum = 0;
        for (float part : sums) {
            sum += part;
        }
        return sum;
    }

    @Override
    public void adamw(Buffer params, Buffer grads, Buffer m, Buffer v, AdamWSettings a, int step) {
        kernels.run("adamw", params.length(), cl(params), cl(grads), cl(m), cl(v), a.beta1(), a.beta2(), a.eps(),
                a.stepSize(step), a.secondMomentCorrection(step), a.decay());
    }

    @Override
    public void synchronize() {
        transfer(() -> clFinish(kernels.queue), 1, "finish");
    }

    @Override
    public void close() {
        kernels.close();
        pool.releaseAll();
    }

    /** The ids on the device, in the reusable int buffer. */
    private ClBuffer upload(int[] values) {
        if (ints == null || ints.length() < values.length) {
            ints = new ClBuffer(pool.allocate(Math.max(1, (long) values.length) * Integer.BYTES), 0, values.length);
        }
        ClBuffer target = ints;
        transfer(() -> clEnqueueWriteBuffer(kernels.queue, target.mem(), CL_TRUE, 0, (long) values.length * Sizeof.cl_int,
                Pointer.to(values), 0, null, null), values.length, "write ids");
        return ints;
    }

    /** The ints on the device, or a placeholder where the call gave none (the kernel is told not to read it). */
    private ClBuffer uploadOrNone(int[] values) {
        if (values != null) {
            return upload(values);
        }
        if (noInts == null) {
            noInts = new ClBuffer(pool.allocate(Integer.BYTES), 0, 1);
        }
        return noInts;
    }

    private static int firstMode(int[] firstKeys, int given) {
        return firstKeys == null ? FIRST_NONE : given;
    }

    /** A device buffer of at least {@code length} floats for a kernel's temporaries, reused call after call. */
    private ClBuffer scratch(int length) {
        if (scratch == null || scratch.length() < length) {
            scratch = allocate(length);
        }
        return scratch.slice(0, length);
    }

    /** 1 / theta^(2i/D) for i < D/2, rounded to float32 at each step as the oracle and Hugging Face do. */
    private ClBuffer frequencies(int D, float theta) {
        return ropeFrequencies.computeIfAbsent(D + "/" + theta, key -> {
            float[] inverse = new float[D / 2];
            for (int i = 0; i < inverse.length; i++) {
                inverse[i] = 1.0f / (float) Math.pow(theta, (float) (2 * i) / D);
            }
            ClBuffer buffer = allocate(inverse.length);
            write(buffer, inverse, 0);
            return buffer;
        });
    }

    private static float scale(AttentionShape s) {
        return (float) (1.0 / Math.sqrt(s.D()));
    }

    private void transfer(Runnable command, int floats, String what) {
        if (floats == 0) {
            return;
        }
        try {
            command.run();
        } catch (CLException e) {
            throw new DeviceException(device + ": " + what + " of " + floats + " floats failed: " + e.getMessage(), e);
        }
    }

    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }

    private static ClBuffer cl(Buffer buffer) {
        if (buffer instanceof ClBuffer cl) {
            return cl;
        }
        throw new IllegalArgumentException("the opencl backend cannot use " + buffer + " from another backend");
    }

    private static void check(Buffer buffer, long expected, String name) {
        if (buffer.length() < expected) {
            throw new IllegalArgumentException(name + " holds " + buffer.length() + " floats, needs " + expected);
        }
    }
}
