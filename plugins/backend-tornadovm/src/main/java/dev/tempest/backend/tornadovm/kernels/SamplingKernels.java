package dev.tempest.backend.tornadovm.kernels;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * One token drawn per row of logits by the rule of Backend.sampleTokens, one work-item per row,
 * as the oracle does it: where top-k or top-p cut, {@link #sortLogitRows} first copies the rows
 * to scratch and heap-sorts them there (TornadoVM's OpenCL code has no float-to-bits cast to
 * bisect with; and TornadoVM inlines every call, so the sort is a kernel of its own), then
 * {@link #sampleTokens} reads the thresholds from the sorted copies and walks each row in index
 * order. Sums are compensated (Kahan).
 */
public final class SamplingKernels {

    private SamplingKernels() {
    }

    /** sorted (rows, V) = each row of logits in ascending order. args: rows, logits, sorted, V. */
    public static void sortLogitRows(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int r = context.globalIdx;
        if (r < args.get(0)) {
            int V = args.get(3);
            int row = args.get(1) + r * V;
            int sorted = args.get(2) + r * V;
            for (int i = 0; i < V; i++) {
                heap.set(sorted + i, heap.get(row + i));
            }
            for (int root = V / 2 - 1; root >= 0; root--) {
                siftDown(heap, sorted, root, V);
            }
            for (int end = V - 1; end > 0; end--) {
                float largest = heap.get(sorted);
                heap.set(sorted, heap.get(sorted + end));
                heap.set(sorted + end, largest);
                siftDown(heap, sorted, 0, end);
            }
        }
    }

    /**
     * draws (3, rows): uniforms in; ids (as floats, exact below 2^24) and log-probabilities out.
     * args: rows, logits, draws, V, topK, sorted (rows, V: the rows in ascending order, read only
     * where cut is 1), cut (1 where top-k or top-p cut); floats: temperature, topP.
     */
    public static void sampleTokens(KernelContext context, FloatArray heap, IntArray args, FloatArray floats) {
        int r = context.globalIdx;
        int rows = args.get(0);
        if (r < rows) {
            int V = args.get(3);
            int row = args.get(1) + r * V;
            int draws = args.get(2);
            float temperature = floats.get(0);
            float max = heap.get(row);
            float min = heap.get(row);
            for (int i = 1; i < V; i++) {
                max = TornadoMath.max(max, heap.get(row + i));
                min = TornadoMath.min(min, heap.get(row + i));
            }
            int id = 0;
            for (int i = V - 1; i >= 0; i--) {
                id = heap.get(row + i) == max ? i : id;   // greedy: the lowest index of the largest
            }
            if (temperature > 0f) {
                float threshold = min;
                if (args.get(6) == 1) {
                    threshold = cut(heap, row, args.get(5) + r * V, V, max, args.get(4), temperature, floats.get(1));
                }
                id = drawAtOrAbove(heap, row, V, max, temperature, threshold, heap.get(draws + r));
            }
            float total = weightAtOrAbove(heap, row, V, max, temperature, min);
            heap.set(draws + rows + r, id);
            heap.set(draws + 2 * rows + r, scaled(heap.get(row + id), max, temperature) - TornadoMath.log(total));
        }
    }

    private static float scaled(float logit, float max, float temperature) {
        return temperature == 0f ? logit - max : (logit - max) / temperature;
    }

    /** The sum of the weights exp(scaled) of the logits at or above {@code threshold}. */
    private static float weightAtOrAbove(FloatArray heap, int row, int V, float max, float temperature,
                                         float threshold) {
        float sum = 0f;
        float lost = 0f;
        for (int i = 0; i < V; i++) {
            float logit = heap.get(row + i);
            if (logit >= threshold) {
                float y = TornadoMath.exp(scaled(logit, max, temperature)) - lost;
                float t = sum + y;
                lost = (t - sum) - y;
                sum = t;
            }
        }
        return sum;
    }

    /** The smallest logit kept: the k-th largest (k 0: the smallest), then the top-p cut within those. */
    private static float cut(FloatArray heap, int row, int sorted, int V, float max, int topK, float temperature,
                             float topP) {
        float kth = topK > 0 && topK < V ? heap.get(sorted + V - topK) : heap.get(sorted);
        float threshold = kth;
        if (topP < 1f) {
            float target = topP * weightAtOrAbove(heap, row, V, max, temperature, kth);
            float mass = 0f;
            float lost = 0f;
            boolean found = false;
            for (int j = V - 1; j >= 0 && !found; j--) {
                float value = heap.get(sorted + j);
                if (value >= kth) {
                    float y = TornadoMath.exp(scaled(value, max, temperature)) - lost;
                    float t = mass + y;
                    lost = (t - mass) - y;
                    mass = t;
                    boolean lastOfItsValue = j == 0 || heap.get(sorted + j - 1) != value;
                    if (lastOfItsValue && mass >= target) {
                        threshold = value;
                        found = true;
                    }
                }
            }
        }
        return threshold;
    }

    /** Restores the max-heap order of sorted[0, end) below {@code root}. */
    private static void siftDown(FloatArray heap, int sorted, int root, int end) {
        int at = root;
        boolean settled = false;
        while (!settled) {
            int child = 2 * at + 1;
            if (child >= end) {
                settled = true;
            } else {
                if (child + 1 < end && heap.get(sorted + child) < heap.get(sorted + child + 1)) {
                    child++;
                }
                float parent = heap.get(sorted + at);
                if (parent < heap.get(sorted + child)) {
                    heap.set(sorted + at, heap.get(sorted + child));
                    heap.set(sorted + child, parent);
                    at = child;
                } else {
                    settled = true;
                }
            }
        }
    }

    /** Inverse CDF in index order over the logits at or above threshold. */
    private static int drawAtOrAbove(FloatArray heap, int row, int V, float max, float temperature, float threshold,
                                     float u) {
        float draw = u * weightAtOrAbove(heap, row, V, max, temperature, threshold);
        float cumulative = 0f;
        float lost = 0f;
        int id = 0;
        boolean found = false;
        for (int i = 0; i < V && !found; i++) {
            float logit = heap.get(row + i);
            if (logit >= threshold) {
                float y = TornadoMath.exp(scaled(logit, max, temperature)) - lost;
                float t = cumulative + y;
                lost = (t - cumulative) - y;
                cumulative = t;
                id = i;
                found = cumulative > draw;
            }
        }
        return id;
    }
}
