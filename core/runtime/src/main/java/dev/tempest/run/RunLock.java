package dev.tempest.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A run folder's lock, held for the run's whole life: a second run, an overwrite or a resume of
 * the same folder is refused, naming the holder. The operating system drops the lock when its
 * process dies, even by kill -9, so a crash never leaves a folder locked; the file stays.
 */
final class RunLock implements AutoCloseable {

    static final String FILE = "tempest-run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir}, which must exist. */
    static RunLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            throw new IOException(dir + " is in use by another tempest run (" + (holder.isEmpty() ? "starting" : holder)
                    + "); wait for it to end, or choose another --output");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        return new RunLock(channel, lock);
    }

    private static String holder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "this machine";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host + ", since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
