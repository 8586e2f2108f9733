package dev.tempest.api;

import java.util.List;

/**
 * A reward model opened by {@link RewardModel#open}: scores (prompt, completion) pairs in
 * batches until closed. A caller scores one batch at a time; it need not be thread-safe.
 */
public interface RewardScorer extends AutoCloseable {

    /**
     * One score per pair, in the order given. Higher is better; the scale is the model's own (a
     * Bradley-Terry reward model gives logits), so only differences matter. A batch lets the model
     * score every pair in one forward pass.
     *
     * @throws Exception for a failure of the model itself
     */
    double[] score(List<PromptCompletion> batch) throws Exception;

    /** Frees what {@link RewardModel#open} took: a device, its memory. */
    @Override
    void close();
}
