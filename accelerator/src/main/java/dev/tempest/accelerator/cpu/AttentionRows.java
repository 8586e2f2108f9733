package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.VectorExp.L;
import static dev.tempest.accelerator.cpu.VectorExp.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * The row-wise steps of {@link CpuAttention} on one row of a block of scores: a row
 * {@code [at, at + width)} whose {@code count} entries from {@code at + lo} are the keys the query
 * may see. SIMD with
 * scalar tails that repeat the vector operations, and sums taken in a fixed order, so a row's
 * result does not depend on when the JIT compiled it. {@code lanes} (L floats) is scratch.
 */
final class AttentionRows {

    private AttentionRows() {
    }

    /**
     * Scores s become softmax(scale * s) over the {@code count} from {@code lo}, 0 elsewhere;
     * returns the row's log-sum-exp of scale * s.
     */
    static float softmax(float[] s, int at, int lo, int count, int width, float scale, float[] lanes) {
        int from = at + lo;
        float max = Reductions.max(s, from, count);
        double sum = VectorExp.exp(s, from, s, from, count, scale, -scale * max, lanes);
        float inverse = (float) (1 / sum);
        int j = 0;
        for (; j <= count - L; j += L) {
            FloatVector.fromArray(SPECIES, s, from + j).mul(inverse).intoArray(s, from + j);
        }
        for (; j < count; j++) {
            s[from + j] *= inverse;
        }
        clearOutside(s, at, lo, count, width);
        return (float) (scale * max + Math.log(sum));
    }

    /** Scores s become the probabilities exp(scale * s - lse) over the {@code count} from {@code lo}, 0 elsewhere. */
    static void probabilities(float[] s, int at, int lo, int count, int width, float scale, float lse, float[] lanes) {
        VectorExp.exp(s, at + lo, s, at + lo, count, scale, -lse, lanes);
        clearOutside(s, at, lo, count, width);
    }

    /** Zeros the keys the query may not see: before its first and after itself. */
    private static void clearOutside(float[] s, int at, int lo, int count, int width) {
        Arrays.fill(s, at, at + lo, 0f);
        Arrays.fill(s, at + lo + count, at + width, 0f);
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
