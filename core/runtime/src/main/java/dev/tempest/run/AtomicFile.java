package dev.tempest.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that a crash at any moment leaves either the old content or the new, never
 * a mix: write a temporary file beside it, fsync, rename over the target, fsync the folder.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /** Writes the new content into an open channel; whatever it throws leaves the target as it was. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    /** Streams the content into the temporary file, for content too large to hold as one byte[]. */
    public static void write(Path target, Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        readableByAll(temporary);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            move(temporary, target);
            syncFolder(folder);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Temporary files are created owner-only (0600); the file this becomes is a checkpoint or a
     * run's record that other accounts may load, as with any file written plainly (0644).
     */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + to + " atomically on this file system", e);
        }
    }

    /** Makes the rename itself durable; folders cannot be opened for sync on every platform. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported here (for example on Windows); the rename is still atomic.
        }
    }
}
