package dev.tempest.verify;

import dev.tempest.api.SourceLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's answer to a task, as a completions JSONL row: {@code {"id": "t1", "completion": "..."}},
 * {@code id} naming the task; a task may have many completions (n samples per prompt).
 */
public record Completion(SourceLocation at, String taskId, String text) {

    public static List<Completion> read(Path file) throws IOException {
        List<Completion> completions = new ArrayList<>();
        for (JsonlObjects.Row row : JsonlObjects.read(file)) {
            Object id = row.fields().get("id");
            if (id == null) {
                throw new IOException(row.at() + ": field \"id\" (the task's id) is required");
            }
            completions.add(new Completion(row.at(), id.toString(), row.string("completion")));
        }
        return completions;
    }
}
