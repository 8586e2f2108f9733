package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.VectorExp.L;
import static dev.tempest.accelerator.cpu.VectorExp.SPECIES;

import dev.tempest.accelerator.AdamWSettings;
import dev.tempest.accelerator.kernels.AdamW;
import jdk.incubator.vector.FloatVector;

/**
 * {@link AdamW#step} with SIMD: the same float operations in the same order (sqrt and division
 * are correctly rounded in both), so the same bits; only the loop is wider.
 */
final class CpuAdamW {

    private CpuAdamW() {
    }

    /** Elements [from, to), as {@link AdamW#step}. */
    static void step(float[] params, int pOff, float[] grads, int gOff, float[] m, int mOff, float[] v, int vOff,
                     AdamWSettings a, int step, int from, int to) {
        int i = from;
        int vectorEnd = from + (to - from) / L * L;
        float beta1 = a.beta1();
        float beta2 = a.beta2();
        float eps = a.eps();
        float stepSize = a.stepSize(step);
        float correction2Sqrt = a.secondMomentCorrection(step);
        float decay = a.decay();
        for (; i < vectorEnd; i += L) {
            FloatVector g = FloatVector.fromArray(SPECIES, grads, gOff + i);
            FloatVector mi = FloatVector.fromArray(SPECIES, m, mOff + i).mul(beta1).add(g.mul(1 - beta1));
            FloatVector vi = FloatVector.fromArray(SPECIES, v, vOff + i).mul(beta2).add(g.mul(1 - beta2).mul(g));
            mi.intoArray(m, mOff + i);
            vi.intoArray(v, vOff + i);
            FloatVector denom = vi.sqrt().div(correction2Sqrt).add(eps);
            FloatVector p = FloatVector.fromArray(SPECIES, params, pOff + i);
            p.mul(decay).sub(mi.mul(stepSize).div(denom)).intoArray(params, pOff + i);
        }
        AdamW.step(params, pOff, grads, gOff, m, mOff, v, vOff, a, step, i, to);
    }
}
