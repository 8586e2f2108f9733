package dev.tempest.verify;

import dev.tempest.api.Task;
import dev.tempest.api.TaskRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tasks in JSONL, one per line: {@code {"id": "t1", "prompt": "...", "verifier": "math", ...}},
 * read by the API's {@link TaskRows}, the rules the {@code jsonl} loader applies too. Unlike a
 * loader, which skips a bad row, this stops at the first, naming its {@code file:line}: a
 * verification run scores every task it is given or none.
 */
public final class TaskFile {

    private TaskFile() {
    }

    public static List<Task> read(Path file) throws IOException {
        List<Task> tasks = new ArrayList<>();
        TaskRows rules = new TaskRows();
        for (JsonlObjects.Row row : JsonlObjects.read(file)) {
            try {
                tasks.add(rules.read(row.fields(), row.at().line()));
            } catch (IllegalArgumentException e) {
                throw new IOException(row.at() + ": " + e.getMessage(), e);
            }
        }
        return tasks;
    }
}
