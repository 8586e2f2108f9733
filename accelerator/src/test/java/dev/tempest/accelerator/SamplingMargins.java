package dev.tempest.accelerator;

import java.util.Arrays;

/**
 * Which rows of a sampling test every correct backend must draw alike: those where neither u nor
 * top-p lies within {@code margin} (relative) of a cumulative weight of the rule in
 * {@link Backend#sampleTokens}. There, summing the weights in another order, or a float exp a few
 * ulp off, cannot move the draw across a boundary. Computed in double from the same logits.
 */
final class SamplingMargins {

    private final boolean[] decidable;

    SamplingMargins(float[] logits, float[] uniforms, int V, SamplingSettings s, double margin) {
        int rows = uniforms.length;
        decidable = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            decidable[r] = s.greedy() || clearOfBoundaries(Arrays.copyOfRange(logits, r * V, (r + 1) * V), uniforms[r], s,
                    margin);
        }
    }

    boolean decidable(int row) {
        return decidable[row];
    }

    private static boolean clearOfBoundaries(float[] row, float u, SamplingSettings s, double margin) {
        float max = Float.NEGATIVE_INFINITY;
        for (float logit : row) {
            max = Math.max(max, logit);
        }
        double[] weights = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            weights[i] = Math.exp((row[i] - max) / s.temperature());
        }
        float[] sorted = row.clone();
        Arrays.sort(sorted);
        float threshold = s.cutsTopK(row.length) ? sorted[row.length - s.topK()] : sorted[0];
        if (s.cutsTopP()) {
            double keptByK = massAtOrAbove(row, weights, threshold);
            for (int j = sorted.length - 1; j >= 0 && sorted[j] >= threshold; j--) {
                if (j == 0 || sorted[j - 1] != sorted[j]) {
                    double share = massAtOrAbove(row, weights, sorted[j]) / keptByK;
                    if (Math.abs(share - s.topP()) < margin) {
                        return false;
                    }
                    if (share >= s.topP()) {
                        threshold = sorted[j];
                        break;
                    }
                }
            }
        }
        double kept = massAtOrAbove(row, weights, threshold);
        double cumulative = 0;
        for (int i = 0; i < row.length; i++) {
            if (row[i] >= threshold) {
                cumulative += weights[i];
                if (Math.abs(cumulative / kept - u) < margin) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double massAtOrAbove(float[] row, double[] weights, float threshold) {
        double mass = 0;
        for (int i = 0; i < row.length; i++) {
            mass += row[i] >= threshold ? weights[i] : 0;
        }
        return mass;
    }
}
