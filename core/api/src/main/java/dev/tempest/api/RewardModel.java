package dev.tempest.api;

import java.util.List;

/**
 * Scores completions by learned human preference, for RLHF. Higher is better; the scale is the
 * model's own (a Bradley-Terry reward model gives logits), so only differences matter.
 */
public interface RewardModel extends TempestExtension {

    /** One score per pair, in the order given; batches let the model score on one forward pass. */
    double[] score(List<PromptCompletion> batch);
}
