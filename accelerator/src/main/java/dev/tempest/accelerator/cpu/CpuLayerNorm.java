package dev.tempest.accelerator.cpu;

import static dev.tempest.accelerator.cpu.VectorExp.L;
import static dev.tempest.accelerator.cpu.VectorExp.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * {@link dev.tempest.accelerator.kernels.LayerNorm} with SIMD: the same float arithmetic per
 * element; the row sums (mean, variance, and backward's two) go lane by lane, then across the
 * lanes in double ({@link Reductions}), where the oracle sums every element in double.
 */
final class CpuLayerNorm {

    private CpuLayerNorm() {
    }

    /** out = (x - mean) * rstd * w + b per row (C); caches mean and rstd (rows); rows [from, to). */
    static void forward(float[] out, int outOff, float[] mean, int meanOff, float[] rstd, int rstdOff,
                        float[] x, int xOff, float[] w, int wOff, float[] b, int bOff, int C, float eps,
                        int from, int to) {
        float[] lanes = new float[L];
        int vectorEnd = C / L * L;
        for (int r = from; r < to; r++) {
            int row = xOff + r * C;
            FloatVector sums = FloatVector.zero(SPECIES);
            for (int c = 0; c < vectorEnd; c += L) {
                sums = sums.add(FloatVector.fromArray(SPECIES, x, row + c));
            }
            sums.intoArray(lanes, 0);
            double sum = Reductions.sum(lanes);
            for (int c = vectorEnd; c < C; c++) {
                sum += x[row + c];
            }
            float m = (float) (sum / C);
            FloatVector squareSums = FloatVector.zero(SPECIES);
            for (int c = 0; c < vectorEnd; c += L) {
                FloatVector d = FloatVector.fromArray(SPECIES, x, row + c).sub(m);
                squareSums = d.fma(d, squareSums);
            }
            squareSums.intoArray(lanes, 0);
            double squares = Reductions.sum(lanes);
            for (int c = vectorEnd; c < C; c++) {
                float d = x[row + c] - m;
                squares += d * d;
            }
            float s = (float) (1.0 / Math.sqrt(squares / C + eps));
            int o = outOff + r * C;
            for (int c = 0; c < vectorEnd; c += L) {
                FloatVector.fromArray(SPECIES, x, row + c).sub(m).mul(s).mul(FloatVector.fromArray(SPECIES, w, wOff + c))
                        .add(FloatVector.fromArray(SPECIES, b, bOff + c)).intoArray(out, o + c);
            }
            for (int c = vectorEnd; c < C; c++) {
                out[o + c] = (x[row + c] - m) * s * w[wOff + c] + b[bOff + c];
            }
            mean[meanOff + r] = m;
            rstd[rstdOff + r] = s;
        }
    }

    /** Accumulates (+=) into dx (rows, C), dw (C) and db (C), rows [from, to). */
    static void backward(float[] dx, int dxOff, float[] dw, int dwOff, float[] db, int dbOff,
                         float[] dout, int doutOff, float[] x, int xOff, float[] w, int wOff,
                         float[] mean, int meanOff, float[] rstd, int rstdOff, int C, int from, int to) {
        float[] lanes = new float[L];
        int vectorEnd = C / L * L;
        for (int r = from; r < to; r++) {
            int row = xOff + r * C;
            int drow = doutOff + r * C;
            float m = mean[meanOff + r];
            float s = rstd[rstdOff + r];
            FloatVector dnormSums = FloatVector.zero(SPECIES);
            FloatVector dnormNormSums = FloatVector.zero(SPECIES);
            for (int c = 0; c < vectorEnd; c += L) {
                FloatVector norm = FloatVector.fromArray(SPECIES, x, row + c).sub(m).mul(s);
                FloatVector dnorm = FloatVector.fromArray(SPECIES, w, wOff + c).mul(FloatVector.fromArray(SPECIES, dout, drow + c));
                dnormSums = dnormSums.add(dnorm);
                dnormNormSums = dnorm.fma(norm, dnormNormSums);
            }
            dnormSums.intoArray(lanes, 0);
            double dnormMean = Reductions.sum(lanes);
            dnormNormSums.intoArray(lanes, 0);
            double dnormNormMean = Reductions.sum(lanes);
            for (int c = vectorEnd; c < C; c++) {
                float norm = (x[row + c] - m) * s;
                float dnorm = w[wOff + c] * dout[drow + c];
                dnormMean += dnorm;
                dnormNormMean += dnorm * norm;
            }
            float a = (float) (dnormMean / C);
            float bb = (float) (dnormNormMean / C);
            int dxRow = dxOff + r * C;
            for (int c = 0; c < vectorEnd; c += L) {
                FloatVector norm = FloatVector.fromArray(SPECIES, x, row + c).sub(m).mul(s);
                FloatVector d = FloatVector.fromArray(SPECIES, dout, drow + c);
                FloatVector dnorm = FloatVector.fromArray(SPECIES, w, wOff + c).mul(d);
                dnorm.sub(a).sub(norm.mul(bb)).mul(s).add(FloatVector.fromArray(SPECIES, dx, dxRow + c)).intoArray(dx, dxRow + c);
                norm.mul(d).add(FloatVector.fromArray(SPECIES, dw, dwOff + c)).intoArray(dw, dwOff + c);
                d.add(FloatVector.fromArray(SPECIES, db, dbOff + c)).intoArray(db, dbOff + c);
            }
            for (int c = vectorEnd; c < C; c++) {
                float norm = (x[row + c] - m) * s;
                float dnorm = w[wOff + c] * dout[drow + c];
                dx[dxRow + c] += (dnorm - a - norm * bb) * s;
                dw[dwOff + c] += norm * dout[drow + c];
                db[dbOff + c] += dout[drow + c];
            }
        }
    }
}
