package dev.tempest.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A file's length and CRC-32C: what a checkpoint or a cache records of each file it writes, so
 * that a truncated or damaged file is found before it is trusted. CRC-32C catches every burst
 * of up to 32 flipped bits and runs at memory speed; nothing here guards against tampering.
 */
public record FileDigest(long bytes, String crc32c) {

    public static FileDigest of(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
                bytes += n;
            }
        }
        return new FileDigest(bytes, String.format("%08x", crc.getValue()));
    }

    /** Why {@code file} does not match this digest, or null when it does. */
    public String mismatch(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return file.getFileName() + " is missing";
        }
        long size = Files.size(file);
        if (size != bytes) {
            return file.getFileName() + " has " + size + " bytes, not " + bytes;
        }
        return of(file).equals(this) ? null : file.getFileName() + " is damaged (its checksum differs)";
    }
}
