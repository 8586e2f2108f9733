package dev.tempest.optim;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;

/** Global gradient-norm clipping, as torch.nn.utils.clip_grad_norm_. */
public final class GradientClip {

    private GradientClip() {
    }

    /**
     * Scales {@code grads} so that their L2 norm is at most {@code maxNorm}; returns the norm
     * before clipping (NaN or infinite when a gradient is, which the caller must guard against).
     */
    public static double clip(Backend backend, Buffer grads, double maxNorm) {
        double norm = Math.sqrt(backend.sumOfSquares(grads));
        if (norm > maxNorm) {
            backend.scale(grads, (float) (maxNorm / (norm + 1e-6)));
        }
        return norm;
    }
}
