package dev.tempest.accelerator;

/** The hyperparameters of one AdamW step; {@code lr} is this step's learning rate. */
public record AdamWSettings(float lr, float beta1, float beta2, float eps, float weightDecay) {
}
