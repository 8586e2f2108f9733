package dev.tempest.accelerator;

/**
 * The hyperparameters of one AdamW step; {@code lr} is this step's learning rate. The step's
 * constants are rounded to float here, once, as torch.optim.AdamW's are, so every backend
 * uses the same ones.
 */
public record AdamWSettings(float lr, float beta1, float beta2, float eps, float weightDecay) {

    /** lr / (1 - beta1^step): the rate on the first moment, its bias correction folded in; step counts from 1. */
    public float stepSize(int step) {
        return (float) (lr / (1 - Math.pow(beta1, step)));
    }

    /** sqrt(1 - beta2^step): what divides sqrt(v) to correct the second moment's bias. */
    public float secondMomentCorrection(int step) {
        return (float) Math.sqrt(1 - Math.pow(beta2, step));
    }

    /** 1 - lr * weightDecay: decoupled weight decay's factor on the parameters. */
    public float decay() {
        return 1 - lr * weightDecay;
    }
}
