package dev.tempest.dataset.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.DataRecord;
import dev.tempest.api.RowSink;
import dev.tempest.api.SourceLocation;
import dev.tempest.api.TextRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlDatasetLoaderTest {

    @TempDir Path dir;

    private final JsonlDatasetLoader loader = new JsonlDatasetLoader();
    private final List<String> accepted = new ArrayList<>();  // "line: text"
    private final List<String> rejected = new ArrayList<>();  // "file:line: reason"
    private final RowSink sink = new RowSink() {
        @Override
        public void accept(SourceLocation at, DataRecord record) {
            accepted.add(at.line() + ": " + ((TextRecord) record).text());
        }

        @Override
        public void reject(SourceLocation at, String reason) {
            rejected.add(at + ": " + reason);
        }
    };

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

        assertEquals(List.of("1: héllo wörld", "7: line\nbreak"), accepted);
        assertEquals(4, rejected.size());
        assertEquals(file + ":3: field \"text\" must be a string, got number", rejected.get(0));
        assertEquals(file + ":4: missing field \"text\"", rejected.get(1));
        assertTrue(rejected.get(2).startsWith(file + ":5: invalid JSON at column"), rejected.get(2));
        assertEquals(file + ":6: expected a JSON object, got array", rejected.get(3));
    }

    @Test
    void malformedUtf8RejectsOnlyItsOwnLine() throws IOException {
        Path file = dir.resolve("mixed.jsonl");
        byte[] good = "{\"text\": \"a\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        Files.write(file, concat(good, bad, good));

        loader.read(file, sink);

        assertEquals(List.of("1: a", "3: a"), accepted);
        assertEquals(List.of(file + ":2: not valid UTF-8"), rejected);
    }

    @Test
    void plainTextIsOneDocumentPerParagraphStartingAtItsFirstLine() throws IOException {
        Path file = write("corpus.txt", "\uFEFFfirst line\nsecond line\n\n\nnext document\n");

        loader.read(file, sink);

        assertEquals(List.of("1: first line\nsecond line", "5: next document"), accepted);
        assertTrue(rejected.isEmpty());
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
