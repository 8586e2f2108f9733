package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.VectorExp.L;
import static dev.tempest.accelerator.cpu.VectorExp.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * {@link dev.tempest.accelerator.kernels.CrossEntropy} with SIMD and {@link VectorExp}: per row of
 * logits (rows, V), loss = logsumexp - logits[target], a negative target masking the row.
 */
final class CpuCrossEntropy {

    private CpuCrossEntropy() {
    }

    /** losses[r] and lse[r] (the row's log-sum-exp, kept for backward) for rows [from, to). */
    static void forward(float[] losses, int lossesOff, float[] lse, int lseOff, float[] logits, int logitsOff,
                        int[] targets, int V, int from, int to) {
        float[] exps = new float[V];  // (V) one row's exponentials, written only because exp writes
        float[] lanes = new float[L];
        for (int r = from; r < to; r++) {
            int row = logitsOff + r * V;
            float max = Reductions.max(logits, row, V);
            double sum = VectorExp.exp(logits, row, exps, 0, V, 1f, -max, lanes);
            float rowLse = (float) (max + Math.log(sum));
            lse[lseOff + r] = rowLse;
            losses[lossesOff + r] = targets[r] < 0 ? 0 : rowLse - logits[row + targets[r]];
        }
    }

    /** dlogits += scale * (softmax(logits) - onehot(target)) per unmasked row, rows [from, to). */
    static void backward(float[] dlogits, int dlogitsOff, float[] logits, int logitsOff, float[] lse, int lseOff,
                         int[] targets, float scale, int V, int from, int to) {
        float[] p = new float[V];  // (V) one row's probabilities
        float[] lanes = new float[L];
        for (int r = from; r < to; r++) {
            if (targets[r] < 0) {
                continue;
            }
            int row = dlogitsOff + r * V;
            VectorExp.exp(logits, logitsOff + r * V, p, 0, V, 1f, -lse[lseOff + r], lanes);
            int i = 0;
            for (; i <= V - L; i += L) {
                FloatVector.fromArray(SPECIES, p, i).fma(FloatVector.broadcast(SPECIES, scale),
                        FloatVector.fromArray(SPECIES, dlogits, row + i)).intoArray(dlogits, row + i);
            }
            for (; i < V; i++) {
                dlogits[row + i] = Math.fma(p[i], scale, dlogits[row + i]);
            }
            dlogits[row + targets[r]] -= scale;
        }
    }
}
