package dev.tempest.dataset.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.api.DataRecord;
import dev.tempest.api.DatasetLoader;
import dev.tempest.api.RowSink;
import dev.tempest.api.SourceLocation;
import dev.tempest.api.TextRecord;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.pf4j.Extension;

/**
 * Data sets in the shapes of TRL and the Hugging Face hub, from two kinds of file:
 * <ul>
 *   <li>{@code .jsonl}: one JSON object per line, blank lines skipped, its shape told by its keys:
 *       {@code {"text": ...}} ({@link dev.tempest.api.TextRecord}),
 *       {@code {"messages": [{"role": ..., "content": ...}, ...]}} ({@link dev.tempest.api.ChatRecord}),
 *       {@code {"prompt": ..., "completion": ...}} ({@link dev.tempest.api.PromptCompletion}),
 *       {@code {"prompt": ..., "chosen": ..., "rejected": ...}} ({@link dev.tempest.api.PreferencePair};
 *       without {@code prompt}, TRL's implicit prompt; with TRL's optional {@code "margin"}, a
 *       number), and {@code {"id": ..., "prompt": ...,
 *       "verifier": ..., ...}} ({@link dev.tempest.api.Task}, read by {@link dev.tempest.api.TaskRows}).
 *       Prompts, completions and answers are strings or message lists. The first row's shape is
 *       the file's; other keys are ignored, except in task rows, where they go to the verifier;</li>
 *   <li>{@code .txt}, {@code .text}, {@code .md}: plain text, one document per run of non-blank
 *       lines (documents are separated by blank lines).</li>
 * </ul>
 * Both are read as UTF-8, streaming, one line at a time. A row that cannot be read is rejected
 * with its line and reason, e.g. {@code field "messages[1]": role "tool" is not one of system,
 * user, assistant}, and reading goes on.
 */
@Extension
public final class JsonlDatasetLoader implements DatasetLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "jsonl";
    }

    @Override
    public String description() {
        return "TRL's row shapes from .jsonl (text, messages, prompt/completion, prompt/chosen/rejected, tasks)"
                + " or plain .txt/.text/.md documents";
    }

    @Override
    public boolean accepts(Path source) {
        return isJsonl(source) || isPlainText(source);
    }

    @Override
    public void read(Path source, RowSink rows) throws IOException {
        if (!accepts(source)) {
            throw new IOException(source + ": not a .jsonl, .txt, .text or .md file");
        }
        try (Utf8LineReader lines = new Utf8LineReader(Files.newInputStream(source))) {
            if (isJsonl(source)) {
                readJsonl(source, lines, rows);
            } else {
                readPlainText(source, lines, rows);
            }
        }
    }

    private static void readJsonl(Path source, Utf8LineReader lines, RowSink rows) throws IOException {
        RowReader reader = new RowReader(JSON);
        while (lines.next()) {
            SourceLocation at = new SourceLocation(source, lines.number());
            String line;
            try {
                line = lines.text();
            } catch (CharacterCodingException e) {
                rows.reject(at, "not valid UTF-8");
                continue;
            }
            if (!line.isBlank()) {
                readJsonRow(at, line, reader, rows);
            }
        }
    }

    private static void readJsonRow(SourceLocation at, String line, RowReader reader, RowSink rows) {
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            rows.reject(at, "invalid JSON at column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
            return;
        }
        if (!row.isObject()) {
            rows.reject(at, "expected a JSON object, got " + JsonFields.kind(row));
            return;
        }
        DataRecord record;
        try {
            record = reader.read(row, at.line());
        } catch (IllegalArgumentException e) {
            rows.reject(at, e.getMessage());
            return;
        }
        rows.accept(at, record);   // outside the try: what the sink throws is not this row's reason
    }

    private static void readPlainText(Path source, Utf8LineReader lines, RowSink rows) throws IOException {
        StringBuilder document = new StringBuilder();
        long firstLine = 0;
        while (lines.next()) {
            String line;
            try {
                line = lines.text();
            } catch (CharacterCodingException e) {
                rows.reject(new SourceLocation(source, lines.number()), "not valid UTF-8");
                continue;
            }
            if (line.isBlank()) {
                emit(source, firstLine, document, rows);
                continue;
            }
            if (document.length() == 0) {
                firstLine = lines.number();
            } else {
                document.append('\n');
            }
            document.append(line);
        }
        emit(source, firstLine, document, rows);
    }

    private static void emit(Path source, long firstLine, StringBuilder document, RowSink rows) {
        if (document.length() > 0) {
            rows.accept(new SourceLocation(source, firstLine), new TextRecord(document.toString()));
            document.setLength(0);
        }
    }

    private static boolean isJsonl(Path source) {
        return name(source).endsWith(".jsonl");
    }

    private static boolean isPlainText(Path source) {
        String name = name(source);
        return name.endsWith(".txt") || name.endsWith(".text") || name.endsWith(".md");
    }

    private static String name(Path source) {
        return source.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
