package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.plugin.TestPlugins;
import dev.tempest.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerCommandTest {

    @TempDir Path dir;

    @Test
    void trainsAVocabularyOnTextReadByTheLoaderAndSavesIt() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.linesLoader("lines-loader").writeTo(plugins.resolve("lines.jar"));
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), "the cat sat on the mat\n".repeat(50)
                + "the dog sat on the log\n".repeat(50));
        Path out = dir.resolve("tokenizer.json");

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "tokenizer", "train", corpus.toString(),
                "--loader", "lines", "--vocab-size", "270", "--special", "<|endoftext|>", "--special", "<|im_start|>",
                "--out", out.toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("trained on 100 documents (2,200 characters): vocabulary 270"), run.out());
        Tokenizer tokenizer = Tokenizer.load(out);
        assertEquals(270, tokenizer.vocabSize());
        assertTrue(tokenizer.specialToken("<|im_start|>").isPresent());
        int[] ids = tokenizer.encode("the cat sat");
        assertTrue(ids.length < "the cat sat".length(), "merges shorten common text: " + ids.length + " tokens");
        assertEquals("the cat sat", tokenizer.decode(ids));
        assertArrayEquals(ids, Tokenizer.load(out).encode("the cat sat"));
    }
}
