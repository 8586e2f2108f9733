package dev.tempest.generate;

/**
 * How to pick each next token.
 *
 * @param maxTokens   new tokens at most
 * @param temperature divides the logits; 0 picks the most likely token (greedy)
 * @param topK        keep only the k most likely tokens; 0 keeps all
 * @param topP        keep the smallest set of most likely tokens whose probability reaches p; 1 keeps all
 * @param seed        seeds the draws, so the same seed gives the same text
 */
public record Sampling(int maxTokens, float temperature, int topK, float topP, long seed) {

    public Sampling {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        }
        if (!(Float.isFinite(temperature) && temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be a finite number, 0 or more, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be 0 (all tokens) or more, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be above 0 and at most 1, got " + topP);
        }
    }
}
