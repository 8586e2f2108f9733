package dev.tempest.train;

import dev.tempest.optim.LearningRate;

/**
 * How a Trainer runs.
 *
 * @param steps           optimiser steps in all
 * @param microBatches    batches whose gradients add up to one step (gradient accumulation)
 * @param learningRate    the rate at each step
 * @param clipNorm        the largest global gradient norm; larger gradients are scaled down
 * @param weightDecay     AdamW's decoupled weight decay
 * @param evalEvery       steps between held-out evaluations (0: never)
 * @param evalBatches     held-out batches per evaluation
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param keepCheckpoints the newest checkpoints kept; older ones are deleted as new ones are written
 */
public record TrainerSettings(int steps, int microBatches, LearningRate learningRate, double clipNorm,
                              float weightDecay, int evalEvery, int evalBatches, int checkpointEvery,
                              int keepCheckpoints) {

    public TrainerSettings {
        if (steps < 1 || microBatches < 1 || keepCheckpoints < 1) {
            throw new IllegalArgumentException("steps, micro-batches and checkpoints kept must be at least 1");
        }
    }
}
