package dev.tempest.dataset.jsonl;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream line by line, decoding each line as strict UTF-8 on its own, so that one
 * malformed line is reported with its number and the lines after it still read.
 * Lines end at {@code \n}; a trailing {@code \r} and a leading byte order mark are dropped.
 */
final class Utf8LineReader implements Closeable {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long number;

    Utf8LineReader(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        line.reset();
        int b = in.read();
        if (b < 0) {
            return false;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        number++;
        return true;
    }

    /** The 1-based number of the current line. */
    long number() {
        return number;
    }

    /** The current line's text, without its line ending. */
    String text() throws CharacterCodingException {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        String text = decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        return number == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
