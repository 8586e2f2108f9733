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
        if (maxTokens < 1 || temperature < 0 || topK < 0 || !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("bad sampling settings " + this
                    + ": need max tokens >= 1, temperature >= 0, top-k >= 0 and 0 < top-p <= 1");
        }
    }
}
