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
        if (!(temperature >= 0) || topK < 0 || !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("bad sampling settings " + this
                    + ": need temperature >= 0, top-k >= 0 and 0 < top-p <= 1");
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
