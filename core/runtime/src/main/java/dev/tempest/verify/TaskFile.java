package dev.tempest.verify;

import dev.tempest.api.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tasks in JSONL, one per line: {@code {"id": "t1", "prompt": "...", "verifier": "math", ...}}.
 * {@code prompt} and {@code verifier} are required; {@code id} defaults to the line number; every
 * other field goes to the verifier, e.g. {@code "answer": "3/4"}.
 */
public final class TaskFile {

    private TaskFile() {
    }

    public static List<Task> read(Path file) throws IOException {
        List<Task> tasks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonlObjects.Row row : JsonlObjects.read(file)) {
            Map<String, Object> fields = new LinkedHashMap<>(row.fields());
            Object id = fields.containsKey("id") ? fields.remove("id") : row.at().line();
            if (!ids.add(id.toString())) {
                throw new IOException(row.at() + ": task id \"" + id + "\" is used by an earlier task");
            }
            String prompt = row.string("prompt");
            String verifier = row.string("verifier");
            fields.remove("prompt");
            fields.remove("verifier");
            tasks.add(new Task(id.toString(), prompt, verifier, fields));
        }
        return tasks;
    }
}
