package dev.tempest.tokenizer;

import java.util.Arrays;

/**
 * GPT-2's {@code bytes_to_unicode}: every byte has a printable stand-in character, so that a
 * byte-level vocabulary can be stored as ordinary strings. Printable Latin-1 bytes stand for
 * themselves; the other 68 (controls, space, 0x7F-0xA0, 0xAD) map to U+0100 onwards in byte
 * order, so space is 'Ġ' (U+0120) and '\n' is 'Ċ' (U+010A).
 */
final class ByteLevel {

    private static final char[] CHAR_OF_BYTE = new char[256];
    private static final int[] BYTE_OF_CHAR = new int[512];   // every stand-in is below U+0200

    static {
        Arrays.fill(BYTE_OF_CHAR, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = (char) (printable ? b : next++);
            CHAR_OF_BYTE[b] = c;
            BYTE_OF_CHAR[c] = b;
        }
    }

    private ByteLevel() {
    }

    /** The vocabulary string for these bytes. */
    static String toToken(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = CHAR_OF_BYTE[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    /** The bytes a vocabulary string stands for; rejects characters that stand for no byte. */
    static byte[] toBytes(String token) {
        byte[] bytes = new byte[token.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = token.charAt(i);
            int b = c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
            if (b < 0) {
                throw new IllegalArgumentException(String.format(
                        "token \"%s\" has character U+%04X, which stands for no byte in the byte-level alphabet", token, (int) c));
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }
}
