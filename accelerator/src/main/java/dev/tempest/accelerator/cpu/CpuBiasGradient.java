package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.VectorExp.L;
import static dev.tempest.accelerator.cpu.VectorExp.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * dbias (N) += the column sums of dout (rows, N), walking dout row by row (the oracle walks it
 * column by column, N floats apart, and sums in double). Each column is summed in float, rows in
 * order, whether in a vector lane or in the scalar tail, so the result does not depend on how
 * the columns are split.
 */
final class CpuBiasGradient {

    private CpuBiasGradient() {
    }

    /** Columns [from, to). */
    static void backward(float[] dbias, int dbiasOff, float[] dout, int doutOff, int rows, int N, int from, int to) {
        int j = from;
        for (; j <= to - 4 * L; j += 4 * L) {
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            for (int r = 0, at = doutOff + j; r < rows; r++, at += N) {
                s0 = s0.add(FloatVector.fromArray(SPECIES, dout, at));
                s1 = s1.add(FloatVector.fromArray(SPECIES, dout, at + L));
                s2 = s2.add(FloatVector.fromArray(SPECIES, dout, at + 2 * L));
                s3 = s3.add(FloatVector.fromArray(SPECIES, dout, at + 3 * L));
            }
            int d = dbiasOff + j;
            s0.add(FloatVector.fromArray(SPECIES, dbias, d)).intoArray(dbias, d);
            s1.add(FloatVector.fromArray(SPECIES, dbias, d + L)).intoArray(dbias, d + L);
            s2.add(FloatVector.fromArray(SPECIES, dbias, d + 2 * L)).intoArray(dbias, d + 2 * L);
            s3.add(FloatVector.fromArray(SPECIES, dbias, d + 3 * L)).intoArray(dbias, d + 3 * L);
        }
        for (; j <= to - L; j += L) {
            FloatVector s = FloatVector.zero(SPECIES);
            for (int r = 0, at = doutOff + j; r < rows; r++, at += N) {
                s = s.add(FloatVector.fromArray(SPECIES, dout, at));
            }
            s.add(FloatVector.fromArray(SPECIES, dbias, dbiasOff + j)).intoArray(dbias, dbiasOff + j);
        }
        for (; j < to; j++) {
            float s = 0;
            for (int r = 0, at = doutOff + j; r < rows; r++, at += N) {
                s += dout[at];
            }
            dbias[dbiasOff + j] += s;
        }
    }
}
