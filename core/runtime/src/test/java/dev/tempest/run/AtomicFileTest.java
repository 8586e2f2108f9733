package dev.tempest.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir Path dir;

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("state.json"), "old");

        AtomicFile.write(target, "new".getBytes());

        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), list(dir));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aWriteThatFailsLeavesTheOldFileWholeAndNoTemporaryFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(target.resolve("inside"), "kept");

        assertThrows(IOException.class, () -> AtomicFile.write(target, "new".getBytes()));

        assertArrayEquals("kept".getBytes(), Files.readAllBytes(target.resolve("inside")));
        assertEquals(List.of(target), list(dir));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }
}
