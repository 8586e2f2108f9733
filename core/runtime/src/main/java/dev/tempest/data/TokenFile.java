package dev.tempest.data;

import dev.tempest.run.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A token stream on disk: little-endian int32 ids, nothing else. A data set is tokenised once
 * into one; later runs and resumed runs read it back instead of tokenising again.
 */
public final class TokenFile {

    private TokenFile() {
    }

    public static void write(Path file, int[] tokens) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(tokens.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(tokens);
        AtomicFile.write(file, bytes.array());
    }

    public static int[] read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size % Integer.BYTES != 0 || size / Integer.BYTES > Integer.MAX_VALUE) {
                throw new IOException(file + ": " + size + " bytes is not a token file of int32 ids");
            }
            ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
            int[] tokens = new int[(int) (size / Integer.BYTES)];
            bytes.asIntBuffer().get(tokens);
            return tokens;
        }
    }
}
