package dev.tempest.dataset.jsonl;

import dev.tempest.api.DataRecord;
import dev.tempest.api.RowSink;
import dev.tempest.api.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the loader sent: the records it read with their lines, and the rejections as {@code file:line: reason}. */
final class RecordingSink implements RowSink {

    record Row(long line, DataRecord record) {
    }

    final List<Row> accepted = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();

    /** Writes {@code lines} to {@code dir/name} and reads that file with the jsonl loader. */
    static RecordingSink read(Path dir, String name, String... lines) throws IOException {
        Path file = Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
        RecordingSink sink = new RecordingSink();
        new JsonlDatasetLoader().read(file, sink);
        return sink;
    }

    @Override
    public void accept(SourceLocation at, DataRecord record) {
        accepted.add(new Row(at.line(), record));
    }

    @Override
    public void reject(SourceLocation at, String reason) {
        rejected.add(at + ": " + reason);
    }
}
