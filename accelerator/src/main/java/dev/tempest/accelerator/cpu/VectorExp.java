package dev.tempest.accelerator.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp(x) in float over arrays, with SIMD, Cephes' expf: x = n ln2 + r with |r| <= ln2/2, exp(r)
 * by a degree-7 polynomial, 2^n written into the exponent bits. Within 1 ulp of {@link Math#exp}
 * on [-87.3, 88] (measured on 2^20 points); 0 below, where exp leaves float's normal range, and
 * exp(88) above (no overflow to infinity); NaN stays NaN.
 *
 * <p>It uses only +, *, fma, min, compares and bit moves, which the interpreter, C1 and C2
 * evaluate identically, so a result never depends on when the JIT compiled the loop (the Vector
 * API's own EXP may switch algorithm once intrinsified, which would break bit-reproducible
 * training). The loop tail does the same operations on one float, so every element gets the
 * same bits wherever a vector ends. The API is whole arrays, never a vector argument: a vector
 * passed to a method C2 does not inline is boxed on the heap, which made whole steps allocate
 * 100 MB and run 40% slower in some runs and not others.
 */
final class VectorExp {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int L = SPECIES.length();

    private static final float LOW = -87.33654f;   // ln of the smallest normal float
    private static final float HIGH = 88f;         // exp(88) < Float.MAX_VALUE / sqrt(2)
    private static final float LOG2E = 1.44269504088896341f;
    private static final float ROUND = 12582912f;  // 1.5 * 2^23: adding it rounds to an integer
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    private static final int ONE_BITS = 0x3F800000;  // 1.0f

    private VectorExp() {
    }

    /**
     * dst[dstAt + i] = exp(src[srcAt + i] * scale + shift) for i in [0, n) (src and dst may be the
     * same range); returns the sum of what it wrote, lane by lane and then across the lanes in order.
     * {@code lanes} (L floats) is scratch.
     */
    static double exp(float[] src, int srcAt, float[] dst, int dstAt, int n, float scale, float shift, float[] lanes) {
        FloatVector sums = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector x = FloatVector.fromArray(SPECIES, src, srcAt + i).fma(scale, shift);
            VectorMask<Float> under = x.lt(LOW);
            FloatVector xc = x.min(HIGH);
            FloatVector t = xc.fma(LOG2E, ROUND);                      // ROUND + n, n = round(x log2 e)
            FloatVector m = t.sub(ROUND);
            FloatVector r = m.fma(FloatVector.broadcast(SPECIES, -LN2_LO),
                    m.fma(FloatVector.broadcast(SPECIES, -LN2_HI), xc)); // x - n ln2, in two parts
            FloatVector p = r.fma(P0, P1).fma(r, FloatVector.broadcast(SPECIES, P2))
                    .fma(r, FloatVector.broadcast(SPECIES, P3)).fma(r, FloatVector.broadcast(SPECIES, P4))
                    .fma(r, FloatVector.broadcast(SPECIES, P5));
            FloatVector er = p.mul(r.mul(r)).add(r).add(1f);          // exp(r)
            FloatVector twoN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(ONE_BITS)
                    .reinterpretAsFloats();
            FloatVector e = er.mul(twoN).blend(0f, under);
            e.intoArray(dst, dstAt + i);
            sums = sums.add(e);
        }
        sums.intoArray(lanes, 0);
        double sum = Reductions.sum(lanes);
        for (; i < n; i++) {
            float e = exp(Math.fma(src[srcAt + i], scale, shift));
            dst[dstAt + i] = e;
            sum += e;
        }
        return sum;
    }

    /** The vector body's operations on one float. */
    private static float exp(float x) {
        if (x < LOW) {
            return 0f;
        }
        float xc = Math.min(x, HIGH);
        float t = Math.fma(xc, LOG2E, ROUND);
        float m = t - ROUND;
        float r = Math.fma(m, -LN2_LO, Math.fma(m, -LN2_HI, xc));
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, P0, P1), r, P2), r, P3), r, P4), r, P5);
        float er = p * (r * r) + r + 1f;
        float twoN = Float.intBitsToFloat((Float.floatToRawIntBits(t) << 23) + ONE_BITS);
        return er * twoN;
    }
}
