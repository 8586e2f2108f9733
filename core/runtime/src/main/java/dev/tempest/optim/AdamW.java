package dev.tempest.optim;

import dev.tempest.accelerator.AdamWSettings;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.nn.ParameterArena;

/**
 * torch.optim.AdamW over a whole parameter arena in one launch: decoupled weight decay and
 * bias-corrected moments, the moments laid out like the arena.
 */
public final class AdamW {

    private final Backend backend;
    private final ParameterArena parameters;
    private final Buffer m; // first moments, arena layout
    private final Buffer v; // second moments, arena layout
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private int step;

    public AdamW(Backend backend, ParameterArena parameters, float beta1, float beta2, float eps, float weightDecay) {
        this.backend = backend;
        this.parameters = parameters;
        this.m = backend.allocate(parameters.size());
        this.v = backend.allocate(parameters.size());
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** Applies the arena's gradients at learning rate {@code lr}. */
    public void step(float lr) {
        step++;
        backend.adamw(parameters.data(), parameters.grads(), m, v, new AdamWSettings(lr, beta1, beta2, eps, weightDecay), step);
    }

    /** How many steps have been taken. */
    public int steps() {
        return step;
    }

    /** The first moments, laid out like the arena: saved with a checkpoint. */
    public Buffer firstMoments() {
        return m;
    }

    /** The second moments, laid out like the arena: saved with a checkpoint. */
    public Buffer secondMoments() {
        return v;
    }

    /** Continues from a checkpoint taken after {@code steps} steps, once its moments are written back. */
    public void resumeAfter(int steps) {
        this.step = steps;
    }
}
