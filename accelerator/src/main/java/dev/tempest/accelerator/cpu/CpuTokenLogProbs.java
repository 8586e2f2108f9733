package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.VectorExp.L;
import static dev.tempest.accelerator.cpu.VectorExp.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * {@link dev.tempest.accelerator.kernels.TokenLogProbs} with SIMD and {@link VectorExp}: per row of
 * logits (rows, V), logp = logits[target] - logsumexp, a negative target masking the row.
 */
final class CpuTokenLogProbs {

    private CpuTokenLogProbs() {
    }

    /** logp[r] and lse[r] (the row's log-sum-exp, kept for backward) for rows [from, to). */
    static void forward(float[] logp, int logpOff, float[] lse, int lseOff, float[] logits, int logitsOff,
                        int[] targets, int V, int from, int to) {
        float[] exps = new float[V];  // (V) one row's exponentials, written only because exp writes
        float[] lanes = new float[L];
        for (int r = from; r < to; r++) {
            int row = logitsOff + r * V;
            float max = Reductions.max(logits, row, V);
            double sum = VectorExp.exp(logits, row, exps, 0, V, 1f, -max, lanes);
            float rowLse = (float) (max + Math.log(sum));
            lse[lseOff + r] = rowLse;
            logp[logpOff + r] = targets[r] < 0 ? 0 : logits[row + targets[r]] - rowLse;
        }
    }

    /** dlogits += dlogp[r] * (onehot(target) - softmax(logits)) per unmasked row, rows [from, to). */
    static void backward(float[] dlogits, int dlogitsOff, float[] dlogp, int dlogpOff, float[] logits, int logitsOff,
                         float[] lse, int lseOff, int[] targets, int V, int from, int to) {
        float[] p = new float[V];  // (V) one row's probabilities
        float[] lanes = new float[L];
        for (int r = from; r < to; r++) {
            if (targets[r] < 0) {
                continue;
            }
            int row = dlogitsOff + r * V;
            float weight = dlogp[dlogpOff + r];
            VectorExp.exp(logits, logitsOff + r * V, p, 0, V, 1f, -lse[lseOff + r], lanes);
            int i = 0;
            for (; i <= V - L; i += L) {
                FloatVector.fromArray(SPECIES, p, i).fma(FloatVector.broadcast(SPECIES, -weight),
                        FloatVector.fromArray(SPECIES, dlogits, row + i)).intoArray(dlogits, row + i);
            }
            for (; i < V; i++) {
                dlogits[row + i] = Math.fma(p[i], -weight, dlogits[row + i]);
            }
            dlogits[row + targets[r]] += weight;
        }
    }
}
