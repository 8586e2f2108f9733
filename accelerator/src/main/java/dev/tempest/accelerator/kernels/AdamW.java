package dev.tempest.accelerator.kernels;

import dev.tempest.accelerator.AdamWSettings;

/** One AdamW step, exactly as torch.optim.AdamW: decoupled weight decay, bias-corrected moments. */
public final class AdamW {

    private AdamW() {
    }

    /**
     * Updates params, m and v in place for elements [from, to), at 1-based {@code step}:
     * p *= 1 - lr*wd; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
     * p -= lr / (1 - b1^step) * m / (sqrt(v) / sqrt(1 - b2^step) + eps).
     */
    public static void step(float[] params, int pOff, float[] grads, int gOff, float[] m, int mOff, float[] v, int vOff,
                            AdamWSettings a, int step, int from, int to) {
        float beta1 = a.beta1();
        float beta2 = a.beta2();
        float eps = a.eps();
        float stepSize = a.stepSize(step);
        float correction2Sqrt = a.secondMomentCorrection(step);
        float decay = a.decay();
        for (int i = from; i < to; i++) {
            float g = grads[gOff + i];
            float mi = beta1 * m[mOff + i] + (1 - beta1) * g;
            float vi = beta2 * v[vOff + i] + (1 - beta2) * g * g;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float denom = (float) Math.sqrt(vi) / correction2Sqrt + eps;
            params[pOff + i] = params[pOff + i] * decay - stepSize * mi / denom;
        }
    }
}
