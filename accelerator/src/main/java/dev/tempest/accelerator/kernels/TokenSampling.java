package dev.tempest.accelerator.kernels;

import dev.tempest.accelerator.SamplingSettings;
import java.util.Arrays;

/**
 * The oracle of {@link dev.tempest.accelerator.Backend#sampleTokens}: one token per row of logits
 * (rows, V), by the rule the SPI defines, with sums in double. Candidates are found by sorting
 * a copy of the row, only when top-k or top-p cuts anything.
 */
public final class TokenSampling {

    private TokenSampling() {
    }

    /** ids[r] and logProbs[r] for the rows [from, to), from uniforms[r] in [0, 1). */
    public static void draw(int[] ids, float[] logProbs, float[] logits, int logitsOff, float[] uniforms, int V,
                            SamplingSettings s, int from, int to) {
        float[] sorted = s.cutsTopK(V) || s.cutsTopP() ? new float[V] : null; // (V) one row, ascending
        float t = s.temperature();
        for (int r = from; r < to; r++) {
            int row = logitsOff + r * V;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < V; i++) {
                max = Math.max(max, logits[row + i]);
            }
            int id = s.greedy() ? firstIndexOf(max, logits, row, V)
                    : drawAtOrAbove(threshold(logits, row, V, max, s, sorted), logits, row, V, max, t, uniforms[r]);
            double total = 0;
            for (int i = 0; i < V; i++) {
                total += Math.exp(scaled(logits[row + i], max, t));
            }
            ids[r] = id;
            logProbs[r] = (float) (scaled(logits[row + id], max, t) - Math.log(total));
        }
    }

    /** (logit - max) / temperature in float, as every backend rounds it; temperature 0 divides by nothing. */
    private static float scaled(float logit, float max, float temperature) {
        return temperature == 0 ? logit - max : (logit - max) / temperature;
    }

    private static int firstIndexOf(float value, float[] logits, int row, int V) {
        int i = 0;
        while (logits[row + i] != value) {
            i++;
        }
        return i;
    }

    /** The smallest logit kept: the k-th largest, then the top-p cut within what top-k keeps. */
    private static float threshold(float[] logits, int row, int V, float max, SamplingSettings s, float[] sorted) {
        if (sorted == null) {
            return Float.NEGATIVE_INFINITY;
        }
        System.arraycopy(logits, row, sorted, 0, V);
        Arrays.sort(sorted);
        float kth = s.cutsTopK(V) ? sorted[V - s.topK()] : sorted[0];
        if (!s.cutsTopP()) {
            return kth;
        }
        double keptByK = 0;
        for (int i = 0; i < V; i++) {
            if (logits[row + i] >= kth) {
                keptByK += Math.exp(scaled(logits[row + i], max, s.temperature()));
            }
        }
        double target = s.topP() * keptByK;
        double mass = 0;
        for (int j = V - 1; j >= 0 && sorted[j] >= kth; j--) {
            mass += Math.exp(scaled(sorted[j], max, s.temperature()));
            boolean lastOfItsValue = j == 0 || sorted[j - 1] != sorted[j];
            if (lastOfItsValue && mass >= target) {
                return sorted[j];
            }
        }
        return kth;
    }

    /** Inverse CDF in index order over the logits >= threshold: the first whose cumulative mass exceeds u * their mass. */
    private static int drawAtOrAbove(float threshold, float[] logits, int row, int V, float max, float t, float u) {
        double kept = 0;
        for (int i = 0; i < V; i++) {
            if (logits[row + i] >= threshold) {
                kept += Math.exp(scaled(logits[row + i], max, t));
            }
        }
        double draw = u * kept;
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < V; i++) {
            if (logits[row + i] >= threshold) {
                cumulative += Math.exp(scaled(logits[row + i], max, t));
                last = i;
                if (cumulative > draw) {
                    return i;
                }
            }
        }
        return last; // u * kept rounded up to the whole mass
    }
}
