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
import dev.tempest.accelerator.opencl.ClKernels.LocalFloats;
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

    private final ClDevice device;
    /** The GEMM in local-memory tiles (for GPUs), else the one in vector strips (for CPU devices). */
    private final boolean tiledGemm;
    private final ClKernels kernels;
    private final ClMemory.Pool pool;
    /** RoPE inverse frequencies per (theta, D), computed on the host as the oracle does. */
    private final Map<String, ClBuffer> ropeFrequencies = new HashMap<>();
    private ClBuffer ints = null;         // token ids or targets of the current call
    private ClBuffer scratch = null;      // attention's delta (B, H, T), the reduction's partials

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
    public void ropeForward(Buffer out, Buffer x, int rows, int T, int heads, int D, float theta, int start) {
        kernels.run("rope", new long[] {D / 2, heads, rows}, null, cl(out), cl(x), frequencies(D, theta), T, heads, D,
                start, false);
    }

    @Override
    public void ropeBackward(Buffer dx, Buffer dout, int rows, int T, int heads, int D, float theta, int start) {
        kernels.run("rope", new long[] {D / 2, heads, rows}, null, cl(dx), cl(dout), frequencies(D, theta), T, heads, D,
                start, true);
    }

    @Override
    public void attentionForward(Buffer out, Buffer lse, Buffer q, int qStride, Buffer k, Buffer v, int kvStride,
                                 AttentionShape s) {
        kernels.run("attention_forward", new long[] {s.T(), s.H(), s.B()}, null, cl(out), cl(lse), true, cl(q), qStride,
                cl(k), cl(v), kvStride, s.H(), s.Hkv(), s.D(), s.T(), 0, scale(s));
    }

    @Override
    public void attentionBackward(Buffer dq, Buffer dk, Buffer dv, Buffer dout, Buffer q, int qStride, Buffer k,
                                  Buffer v, int kvStride, Buffer out, Buffer lse, AttentionShape s) {
        ClBuffer delta = scratch(s.B() * s.H() * s.T()); // (B, H, T)
        kernels.run("attention_backward_dq", new long[] {s.T(), s.H(), s.B()}, null, cl(dq), delta, cl(dout),
                cl(q), qStride, cl(k), cl(v), kvStride, cl(out), cl(lse), s.H(), s.Hkv(), s.D(), scale(s));
        kernels.run("attention_backward_dkdv", new long[] {s.T(), s.Hkv(), s.B()}, null, cl(dk), cl(dv), delta,
                cl(dout), cl(q), qStride, cl(k), cl(v), kvStride, cl(lse), s.H(), s.D(), scale(s));
    }

    @Override
    public void attentionForwardCached(Buffer out, Buffer q, int qStride, Buffer kCache, Buffer vCache,
                                       AttentionShape s, int start, int Tmax) {
        if (start + s.T() > Tmax) {
            throw new IllegalArgumentException("positions up to " + (start + s.T()) + " exceed the cache's " + Tmax);
        }
        kernels.run("attention_forward", new long[] {s.T(), s.H(), s.B()}, null, cl(out), cl(out), false, cl(q),
                qStride, cl(kCache), cl(vCache), s.Hkv() * s.D(), s.H(), s.Hkv(), s.D(), Tmax, start, scale(s));
    }

    @Override
    public void crossEntropyForward(Buffer losses, Buffer lse, Buffer logits, int[] targets, int rows, int V) {
        kernels.run("cross_entropy_forward", rows, cl(losses), cl(lse), cl(logits), upload(targets), V);
    }

    @Override
    public void crossEntropyBackward(Buffer dlogits, Buffer logits, Buffer lse, int[] targets, float scale, int rows,
                                     int V) {
        kernels.run("cross_entropy_backward", new long[] {V, rows}, null, cl(dlogits), cl(logits), cl(lse),
                upload(targets), scale, V);
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
