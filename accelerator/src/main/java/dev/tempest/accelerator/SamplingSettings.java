package dev.tempest.accelerator;

/**
 * How {@link Backend#sampleTokens} picks a token from a row of logits.
 *
 * @param temperature divides the logits; 0 picks the most likely token (greedy)
 * @param topK        keeps the k largest logits (and every tie of the k-th); 0 keeps all
 * @param topP        then keeps the fewest largest logits whose probability reaches p; 1 keeps all
 */
public record SamplingSettings(float temperature, int topK, float topP) {

    public SamplingSettings {
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

    public boolean greedy() {
        return temperature == 0;
    }

    /** Whether top-k removes anything from a row of V logits. */
    public boolean cutsTopK(int V) {
        return topK > 0 && topK < V;
    }

    /** Whether top-p removes anything. */
    public boolean cutsTopP() {
        return topP < 1;
    }
}
