package dev.tempest.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir Path dir;

    @Test
    void writesAndReadsBackEveryId() throws IOException {
        int[] tokens = {0, 1, 50256, Integer.MAX_VALUE, 7};
        Path file = dir.resolve("tokens.bin");

        TokenFile.write(file, tokens);

        assertArrayEquals(tokens, TokenFile.read(file));
        assertTrue(Files.size(file) == 20);
    }

    @Test
    void aFileThatIsNotWholeIdsIsRefusedNamingIt() throws IOException {
        Path file = Files.write(dir.resolve("torn.bin"), new byte[] {1, 2, 3, 4, 5});

        IOException error = assertThrows(IOException.class, () -> TokenFile.read(file));

        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
    }
}
