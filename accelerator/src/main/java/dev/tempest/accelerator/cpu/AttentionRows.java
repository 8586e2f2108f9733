package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.VectorExp.L;
import static dev.tempest.accelerator.cpu.VectorExp.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * The row-wise steps of {@link CpuAttention} on one row of a block of scores: a causal row
 * {@code [at, at + width)} whose first {@code count} entries are keys the query may see. SIMD with
 * scalar tails that repeat the vector operations, and sums taken in a fixed order, so a row's
 * result does not depend on when the JIT compiled it. {@code lanes} (L floats) is scratch.
 */
final class AttentionRows {

    private AttentionRows() {
    }

    /**
     * Scores s become softmax(scale * s) over the first {@code count}, 0 after them; returns the
     * row's log-sum-exp of scale * s.
     */
    static float softmax(float[] s, int at, int count, int width, float scale, float[] lanes) {
        float max = Reductions.max(s, at, count);
        double sum = VectorExp.exp(s, at, s, at, count, scale, -scale * max, lanes);
        float inverse = (float) (1 / sum);
        int j = 0;
        for (; j <= count - L; j += L) {
            FloatVector.fromArray(SPECIES, s, at + j).mul(inverse).intoArray(s, at + j);
        }
        for (; j < count; j++) {
            s[at + j] *= inverse;
        }
        Arrays.fill(s, at + count, at + width, 0f);
        return (float) (scale * max + Math.log(sum));
    }

    /** Scores s become the probabilities exp(scale * s - lse) over the first {@code count}, 0 after them. */
    static void probabilities(float[] s, int at, int count, int width, float scale, float lse, float[] lanes) {
        VectorExp.exp(s, at, s, at, count, scale, -lse, lanes);
        Arrays.fill(s, at + count, at + width, 0f);
    }

    /** dp becomes the score gradient p (dp - rowDot) scale, in place; rowDot = dout . out of the row. */
    static void scoreGradient(float[] dp, float[] p, int at, int width, float rowDot, float scale) {
        int j = 0;
        for (; j <= width - L; j += L) {
            FloatVector d = FloatVector.fromArray(SPECIES, dp, at + j).sub(rowDot);
            FloatVector.fromArray(SPECIES, p, at + j).mul(d).mul(scale).intoArray(dp, at + j);
        }
        for (; j < width; j++) {
            dp[at + j] = p[at + j] * (dp[at + j] - rowDot) * scale;
        }
    }

    /** a[ai..ai+n) . b[bi..bi+n), in double. */
    static float dot(float[] a, int ai, float[] b, int bi, int n) {
        double sum = 0;
        for (int d = 0; d < n; d++) {
            sum += (double) a[ai + d] * b[bi + d];
        }
        return (float) sum;
    }
}
