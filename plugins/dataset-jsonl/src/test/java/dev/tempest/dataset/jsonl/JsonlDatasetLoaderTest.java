package dev.tempest.dataset.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.TextRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlDatasetLoaderTest {

    @TempDir Path dir;

    private final JsonlDatasetLoader loader = new JsonlDatasetLoader();
    private final RecordingSink sink = new RecordingSink();

    @Test
    void readsTextRowsAndReportsEachBadRowWithItsLine() throws IOException {
        Path file = write("train.jsonl", String.join("\n",
                "{\"text\": \"héllo wörld\", \"source\": \"ignored\"}",
                "",
                "{\"text\": 42}",
                "{\"txt\": \"typo\"}",
                "{\"text\": \"unterminated",
                "[\"not\", \"an object\"]",
                "{\"text\": \"line\\nbreak\"}\r"));

        loader.read(file, sink);

        assertEquals(List.of(text(1, "héllo wörld"), text(7, "line\nbreak")), sink.accepted);
        assertEquals(List.of(
                file + ":3: field \"text\" must be a string, got number",
                file + ":4: missing field \"text\"",
                file + ":5: invalid JSON at column 23: Unexpected end-of-input: was expecting closing quote for a string value",
                file + ":6: expected a JSON object, got array"), sink.rejected);
    }

    @Test
    void malformedUtf8RejectsOnlyItsOwnLine() throws IOException {
        Path file = dir.resolve("mixed.jsonl");
        byte[] good = "{\"text\": \"a\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        Files.write(file, concat(good, bad, good));

        loader.read(file, sink);

        assertEquals(List.of(text(1, "a"), text(3, "a")), sink.accepted);
        assertEquals(List.of(file + ":2: not valid UTF-8"), sink.rejected);
    }

    @Test
    void plainTextIsOneDocumentPerParagraphStartingAtItsFirstLine() throws IOException {
        Path file = write("corpus.txt", "\uFEFFfirst line\nsecond line\n\n\nnext document\n");

        loader.read(file, sink);

        assertEquals(List.of(text(1, "first line\nsecond line"), text(5, "next document")), sink.accepted);
        assertTrue(sink.rejected.isEmpty());
    }

    @Test
    void acceptsOnlyTheFileKindsItReads() throws IOException {
        assertTrue(loader.accepts(Path.of("a.jsonl")));
        assertTrue(loader.accepts(Path.of("B.TXT")));
        assertFalse(loader.accepts(Path.of("model.safetensors")));
        Path other = write("data.csv", "text\nhello\n");
        IOException error = assertThrows(IOException.class, () -> loader.read(other, sink));
        assertTrue(error.getMessage().contains("data.csv"), error.getMessage());
    }

    private static RecordingSink.Row text(long line, String text) {
        return new RecordingSink.Row(line, new TextRecord(text));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
