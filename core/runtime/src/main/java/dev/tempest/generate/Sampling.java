package dev.tempest.generate;

import dev.tempest.accelerator.SamplingSettings;

/**
 * How to pick each next token.
 *
 * @param maxTokens   new tokens at most
 * @param temperature divides the logits; 0 picks the most likely token (greedy)
 * @param topK        keep only the k most likely tokens; 0 keeps all
 * @param topP        keep the smallest set of most likely tokens whose probability reaches p; 1 keeps all
 * @param seed        seeds the draws, so the same seed gives the same text; sequence i of a batch
 *                    draws from its own stream, {@code SeededRandom.stream(seed, i)}
 */
public record Sampling(int maxTokens, float temperature, int topK, float topP, long seed) {

    public Sampling {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        }
        new SamplingSettings(temperature, topK, topP); // checks the rest, naming what is wrong
    }

    /** What the device's sampling kernel takes. */
    public SamplingSettings settings() {
        return new SamplingSettings(temperature, topK, topP);
    }
}
