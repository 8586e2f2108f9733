package dev.tempest.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What stops a data set from being read as a file, said before a loader tries: a pipe would hang it. */
public final class DataFile {

    private DataFile() {
    }

    /** Why {@code path} cannot be read as a data file, or empty when it can. */
    public static Optional<String> problem(Path path) {
        if (!Files.exists(path)) {
            return Optional.of("no such file: " + path);
        }
        if (Files.isDirectory(path)) {
            return Optional.of(path + " is a folder; name the data file in it");
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of(path + " is not a regular file (a pipe or a device?); a data set must be a file");
        }
        if (!Files.isReadable(path)) {
            return Optional.of(path + ": permission denied");
        }
        return Optional.empty();
    }
}
