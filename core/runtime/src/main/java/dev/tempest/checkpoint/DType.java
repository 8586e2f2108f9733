package dev.tempest.checkpoint;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The safetensors element types Tempest converts to and from float32, named as in the header.
 * F64 reads round to the nearest float; F16 and BF16 writes round to nearest even, as
 * PyTorch's {@code .half()} and {@code .bfloat16()} do. Buffers must be little-endian.
 */
public enum DType {

    F64(8) {
        @Override
        void decode(ByteBuffer from, float[] into, int offset, int count) {
            for (int i = 0; i < count; i++) {
                into[offset + i] = (float) from.getDouble();
            }
        }

        @Override
        void encode(float[] from, int offset, int count, ByteBuffer into) {
            for (int i = 0; i < count; i++) {
                into.putDouble(from[offset + i]);
            }
        }
    },

    F32(4) {
        // Bulk copies through a float view keep NaN payloads, as raw int bits would.
        @Override
        void decode(ByteBuffer from, float[] into, int offset, int count) {
            from.asFloatBuffer().get(into, offset, count);
            from.position(from.position() + 4 * count);
        }

        @Override
        void encode(float[] from, int offset, int count, ByteBuffer into) {
            into.asFloatBuffer().put(from, offset, count);
            into.position(into.position() + 4 * count);
        }
    },

    F16(2) {
        @Override
        void decode(ByteBuffer from, float[] into, int offset, int count) {
            for (int i = 0; i < count; i++) {
                into[offset + i] = halfToFloat(from.getShort());
            }
        }

        @Override
        void encode(float[] from, int offset, int count, ByteBuffer into) {
            for (int i = 0; i < count; i++) {
                into.putShort(floatToHalf(from[offset + i]));
            }
        }
    },

    BF16(2) {
        @Override
        void decode(ByteBuffer from, float[] into, int offset, int count) {
            for (int i = 0; i < count; i++) {
                into[offset + i] = bfloat16ToFloat(from.getShort());
            }
        }

        @Override
        void encode(float[] from, int offset, int count, ByteBuffer into) {
            for (int i = 0; i < count; i++) {
                into.putShort(floatToBfloat16(from[offset + i]));
            }
        }
    };

    private final int size;

    DType(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The type a header's {@code "dtype"} names, or empty for one Tempest does not convert (I64, F8_E4M3, ...). */
    public static Optional<DType> of(String name) {
        for (DType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Reads {@code count} elements at the buffer's position into {@code into[offset..]}, advancing the buffer. */
    abstract void decode(ByteBuffer from, float[] into, int offset, int count);

    /** Writes {@code from[offset..offset+count)} at the buffer's position, advancing the buffer. */
    abstract void encode(float[] from, int offset, int count, ByteBuffer into);

    /** IEEE 754 binary16 to float, exactly (Float.float16ToFloat arrives only in Java 20). */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int mantissa = half & 0x03FF;
        if (exponent == 0x1F) {
            // Infinity, or NaN with its payload in the top mantissa bits.
            return Float.intBitsToFloat(sign | 0x7F80_0000 | mantissa << 13);
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24, exact in float.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        // Rebias the exponent from 15 to 127.
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }

    /** Float to binary16, rounding to nearest even; overflow gives infinity, NaN stays a (quiet) NaN. */
    static short floatToHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int magnitude = bits & 0x7FFF_FFFF;
        if (magnitude > 0x7F80_0000) {
            return (short) (sign | 0x7E00 | (magnitude >>> 13) & 0x03FF);
        }
        if (magnitude >= 0x4780_0000) {
            // 2^16 and beyond (infinity included) are past even the round-up of 65504.
            return (short) (sign | 0x7C00);
        }
        if (magnitude >= 0x3880_0000) {
            // A normal half: rebias the exponent from 127 to 15 and drop 13 mantissa bits; a
            // carry out of the mantissa correctly bumps the exponent, up to infinity.
            return (short) (sign | roundShift(magnitude - 0x3800_0000, 13));
        }
        int exponent = magnitude >>> 23;
        int shift = 126 - exponent;
        if (shift > 24) {
            // Below 2^-25, half the smallest subnormal: rounds to zero.
            return (short) sign;
        }
        // A subnormal half counts units of 2^-24: the significand, implicit bit included, shifted down.
        return (short) (sign | roundShift(magnitude & 0x007F_FFFF | 0x0080_0000, shift));
    }

    /** bfloat16 is the top half of a float32. */
    static float bfloat16ToFloat(short bfloat16) {
        return Float.intBitsToFloat(bfloat16 << 16);
    }

    /** Float to bfloat16, rounding to nearest even; NaN stays a (quiet) NaN rather than rounding to infinity. */
    static short floatToBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
            return (short) (bits >>> 16 | 0x0040);
        }
        return (short) roundShift(bits, 16);
    }

    /** {@code value >>> shift}, rounded to nearest with ties to even. */
    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int dropped = value & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        return dropped > half || dropped == half && (kept & 1) == 1 ? kept + 1 : kept;
    }
}
