package dev.tempest.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DTypeTest {

    @Test
    void halfDecodesKnownBitPatterns() {
        assertBits(1.0f, DType.halfToFloat((short) 0x3C00));
        assertBits(-2.5f, DType.halfToFloat((short) 0xC100));
        assertBits(65504f, DType.halfToFloat((short) 0x7BFF));              // largest finite
        assertBits(0x1p-14f, DType.halfToFloat((short) 0x0400));            // smallest normal
        assertBits(0x1p-24f, DType.halfToFloat((short) 0x0001));            // smallest subnormal
        assertBits(1023 * 0x1p-24f, DType.halfToFloat((short) 0x03FF));     // largest subnormal
        assertBits(-0x1p-24f, DType.halfToFloat((short) 0x8001));
        assertBits(Float.POSITIVE_INFINITY, DType.halfToFloat((short) 0x7C00));
        assertBits(Float.NEGATIVE_INFINITY, DType.halfToFloat((short) 0xFC00));
        assertBits(0.0f, DType.halfToFloat((short) 0x0000));
        assertBits(-0.0f, DType.halfToFloat((short) 0x8000));
        assertTrue(Float.isNaN(DType.halfToFloat((short) 0x7E00)));
        assertTrue(Float.isNaN(DType.halfToFloat((short) 0x7C01)));         // lowest payload bit alone
    }

    @Test
    void bfloat16DecodesKnownBitPatterns() {
        assertBits(1.0f, DType.bfloat16ToFloat((short) 0x3F80));
        assertBits(-2.5f, DType.bfloat16ToFloat((short) 0xC020));
        assertBits(65280f, DType.bfloat16ToFloat((short) 0x477F));          // 65504 is not a bfloat16
        assertBits(0x1p-24f, DType.bfloat16ToFloat((short) 0x3380));
        assertBits(0x1p-133f, DType.bfloat16ToFloat((short) 0x0001));       // smallest subnormal
        assertBits(Float.POSITIVE_INFINITY, DType.bfloat16ToFloat((short) 0x7F80));
        assertBits(-0.0f, DType.bfloat16ToFloat((short) 0x8000));
        assertTrue(Float.isNaN(DType.bfloat16ToFloat((short) 0x7FC0)));
    }

    @Test
    void everyHalfSurvivesDecodeThenEncode() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            float value = DType.halfToFloat((short) bits);
            short back = DType.floatToHalf(value);
            if (Float.isNaN(value)) {
                assertTrue(Float.isNaN(DType.halfToFloat(back)), Integer.toHexString(bits));
            } else {
                assertEquals((short) bits, back, Integer.toHexString(bits));
            }
        }
    }

    @Test
    void everyBfloat16SurvivesDecodeThenEncode() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            float value = DType.bfloat16ToFloat((short) bits);
            short back = DType.floatToBfloat16(value);
            if (Float.isNaN(value)) {
                assertTrue(Float.isNaN(DType.bfloat16ToFloat(back)), Integer.toHexString(bits));
            } else {
                assertEquals((short) bits, back, Integer.toHexString(bits));
            }
        }
    }

    @Test
    void halfEncodeRoundsTiesToEven() {
        assertEquals((short) 0x3C00, DType.floatToHalf(1 + 0x1p-11f));              // tie: down to even 1.0
        assertEquals((short) 0x3C02, DType.floatToHalf(1 + 3 * 0x1p-11f));          // tie: up to even
        assertEquals((short) 0x3C01, DType.floatToHalf(Math.nextUp(1 + 0x1p-11f))); // past the tie
        assertEquals((short) 0x0000, DType.floatToHalf(0x1p-25f));                  // tie between 0 and 2^-24
        assertEquals((short) 0x0001, DType.floatToHalf(Math.nextUp(0x1p-25f)));
        assertEquals((short) 0x0002, DType.floatToHalf(3 * 0x1p-25f));
        assertEquals((short) 0x0400, DType.floatToHalf(1023.5f * 0x1p-24f));       // subnormal rounds up to normal
        assertEquals((short) 0x8000, DType.floatToHalf(-1e-10f));
        assertEquals((short) 0x7BFF, DType.floatToHalf(65519f));
        assertEquals((short) 0x7C00, DType.floatToHalf(65520f));                    // tie with 2^16: overflows
        assertEquals((short) 0xFC00, DType.floatToHalf(-1e6f));
        assertTrue(Float.isNaN(DType.halfToFloat(DType.floatToHalf(Float.intBitsToFloat(0x7F80_0001)))));
    }

    @Test
    void bfloat16EncodeRoundsTiesToEven() {
        assertEquals((short) 0x3F80, DType.floatToBfloat16(1 + 0x1p-8f));
        assertEquals((short) 0x3F82, DType.floatToBfloat16(1 + 3 * 0x1p-8f));
        assertEquals((short) 0x3F81, DType.floatToBfloat16(Math.nextUp(1 + 0x1p-8f)));
        assertEquals((short) 0x7F80, DType.floatToBfloat16(Float.MAX_VALUE));        // past the largest bfloat16
        assertEquals((short) 0x8000, DType.floatToBfloat16(-0.0f));
        // A NaN whose payload lies only in the dropped bits must not truncate to infinity.
        assertTrue(Float.isNaN(DType.bfloat16ToFloat(DType.floatToBfloat16(Float.intBitsToFloat(0x7F80_0001)))));
    }

    /** Checks the rounding against its definition rather than against another bit trick. */
    @Test
    void halfEncodeGivesTheNearestHalfOfRandomFloats() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            // Magnitudes from 2^-27 (below the subnormals) to 2^16 (past the largest half), signs mixed.
            float value = (float) (Math.scalb(1 + random.nextDouble(), random.nextInt(-27, 16)) * (random.nextBoolean() ? 1 : -1));
            short half = DType.floatToHalf(value);
            assertNearest(value, half, DType.halfToFloat(half),
                    DType.halfToFloat((short) (half - 1)), DType.halfToFloat((short) (half + 1)));
        }
    }

    @Test
    void bfloat16EncodeGivesTheNearestBfloat16OfRandomFloats() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt() & 0x7F7F_FFFF | random.nextInt() & 0x8000_0000);
            short bfloat16 = DType.floatToBfloat16(value);
            assertNearest(value, bfloat16, DType.bfloat16ToFloat(bfloat16),
                    DType.bfloat16ToFloat((short) (bfloat16 - 1)), DType.bfloat16ToFloat((short) (bfloat16 + 1)));
        }
    }

    /**
     * {@code rounded} is no farther from {@code value} than either neighbouring bit pattern, and
     * even on a tie. Overflow to infinity is covered by the tie tests; NaN patterns next to
     * zero and infinity are no neighbours.
     */
    private static void assertNearest(float value, short bits, float rounded, float below, float above) {
        if (Float.isInfinite(rounded)) {
            return;
        }
        double error = Math.abs((double) rounded - value);
        String where = value + " -> 0x" + Integer.toHexString(bits & 0xFFFF);
        for (float neighbour : new float[] {below, above}) {
            double other = Math.abs((double) neighbour - value);
            assertTrue(Double.isNaN(other) || error < other || error == other && (bits & 1) == 0, where);
        }
    }

    private static void assertBits(float expected, float actual) {
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                () -> "expected " + expected + ", got " + actual);
    }
}
