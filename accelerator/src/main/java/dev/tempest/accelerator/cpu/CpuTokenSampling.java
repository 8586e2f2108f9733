package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.VectorExp.L;

import dev.tempest.accelerator.SamplingSettings;
import dev.tempest.accelerator.kernels.TokenSampling;
import java.util.Arrays;

/**
 * {@link TokenSampling}'s rule in O(V) per row: the weights exp((logit - max) / temperature) by
 * {@link VectorExp}, and the top-p cut from a histogram of the row's logits instead of a sort.
 * The buckets above the one where the cumulative weight reaches p are kept whole; only that
 * bucket's logits are sorted, to find the cut within it as the oracle does over the whole row.
 * Top-k needs the k-th largest: rows that top-k cuts are the oracle's.
 */
final class CpuTokenSampling {

    /** Histogram buckets over [min, max] of a row: a bucket holds about V / 256 logits of a flat row. */
    private static final int BUCKETS = 256;

    private CpuTokenSampling() {
    }

    /** ids[r] and logProbs[r] for the rows [from, to) of logits (rows, V), from uniforms[r] in [0, 1). */
    static void draw(int[] ids, float[] logProbs, float[] logits, int logitsOff, float[] uniforms, int V,
                     SamplingSettings s, int from, int to) {
        if (s.cutsTopK(V)) {
            TokenSampling.draw(ids, logProbs, logits, logitsOff, uniforms, V, s, from, to);
            return;
        }
        float[] weights = new float[V];  // (V) one row's exp((logit - max) / t)
        float[] lanes = new float[L];
        for (int r = from; r < to; r++) {
            int row = logitsOff + r * V;
            float max = Reductions.max(logits, row, V);
            float t = s.greedy() ? 1f : s.temperature();
            double total = VectorExp.exp(logits, row, weights, 0, V, 1 / t, -max / t, lanes);
            int id;
            if (s.greedy()) {
                id = 0;
                while (logits[row + id] != max) {
                    id++;
                }
            } else {
                float threshold = s.cutsTopP() ? topPThreshold(logits, row, V, weights, total, max, t, s.topP())
                        : Float.NEGATIVE_INFINITY;
                id = drawAtOrAbove(threshold, logits, row, V, weights, uniforms[r]);
            }
            ids[r] = id;
            logProbs[r] = (float) ((logits[row + id] - max) / t - Math.log(total));
        }
    }

    /**
     * The smallest logit kept by top-p: going down from the largest, the first logit value at
     * which the weight of all logits at or above it reaches p of the row's.
     */
    private static float topPThreshold(float[] logits, int row, int V, float[] weights, double total, float max,
                                       float t, float p) {
        float min = max;  // the smallest finite logit: -infinity ones weigh nothing and land in the last bucket
        for (int i = 0; i < V; i++) {
            float logit = logits[row + i];
            min = logit > Float.NEGATIVE_INFINITY ? Math.min(min, logit) : min;
        }
        if (!(max > min)) {
            return max; // one value: all of it is kept
        }
        float perUnit = BUCKETS / (max - min);
        double[] mass = new double[BUCKETS];          // (BUCKETS) from the largest logits down
        for (int i = 0; i < V; i++) {
            mass[bucket(logits[row + i], max, perUnit)] += weights[i];
        }
        double target = p * total;
        double above = 0;
        int crossing = 0;
        while (crossing < BUCKETS - 1 && above + mass[crossing] < target) {
            above += mass[crossing++];
        }
        int n = 0;
        float[] inBucket = new float[V];
        for (int i = 0; i < V; i++) {
            if (bucket(logits[row + i], max, perUnit) == crossing) {
                inBucket[n++] = logits[row + i];
            }
        }
        Arrays.sort(inBucket, 0, n);
        for (int j = n - 1; j >= 0; j--) {
            above += Math.exp((inBucket[j] - max) / t);
            if ((j == 0 || inBucket[j - 1] != inBucket[j]) && above >= target) {
                return inBucket[j];
            }
        }
        return n > 0 ? inBucket[0] : min;
    }

    private static int bucket(float logit, float max, float perUnit) {
        return Math.min(BUCKETS - 1, (int) ((max - logit) * perUnit));
    }

    /** Inverse CDF in index order over the logits >= threshold: the first whose cumulative weight exceeds u times theirs. */
    private static int drawAtOrAbove(float threshold, float[] logits, int row, int V, float[] weights, float u) {
        double kept = 0;
        for (int i = 0; i < V; i++) {
            kept += logits[row + i] >= threshold ? weights[i] : 0;
        }
        double draw = u * kept;
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < V; i++) {
            if (logits[row + i] >= threshold) {
                cumulative += weights[i];
                last = i;
                if (cumulative > draw) {
                    return i;
                }
            }
        }
        return last; // u * kept rounded up to the whole mass
    }
}
