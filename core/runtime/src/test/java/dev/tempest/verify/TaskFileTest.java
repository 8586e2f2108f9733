package dev.tempest.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tempest.api.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFileTest {

    @TempDir Path dir;

    @Test
    void readsTasksWithTheirVerifierFieldsAndDefaultIds() throws IOException {
        Path file = Files.writeString(dir.resolve("tasks.jsonl"), """
                {"id": "half", "prompt": "1/2 as a decimal?", "verifier": "math", "answer": "0.5"}

                {"prompt": "Sort [2,1]", "verifier": "code", "language": "python", "tests": ["assert f([2,1]) == [1,2]"]}
                """);

        List<Task> tasks = TaskFile.read(file);

        assertEquals(new Task("half", "1/2 as a decimal?", "math", Map.of("answer", "0.5")), tasks.get(0));
        assertEquals("3", tasks.get(1).id());
        assertEquals(Map.of("language", "python", "tests", List.of("assert f([2,1]) == [1,2]")), tasks.get(1).fields());
    }

    @Test
    void aBadRowNamesFileLineAndField() throws IOException {
        Path missing = Files.writeString(dir.resolve("missing.jsonl"), "{\"prompt\": \"p\", \"verifier\": \"math\"}\n{\"prompt\": 3, \"verifier\": \"math\"}\n");
        Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"prompt\": \"p\",\n");
        Path duplicate = Files.writeString(dir.resolve("duplicate.jsonl"),
                "{\"id\": 1, \"prompt\": \"p\", \"verifier\": \"math\"}\n{\"id\": \"1\", \"prompt\": \"q\", \"verifier\": \"math\"}\n");

        assertEquals(missing + ":2: field \"prompt\" must be a string, got number",
                assertThrows(IOException.class, () -> TaskFile.read(missing)).getMessage());
        assertEquals(true, assertThrows(IOException.class, () -> TaskFile.read(broken)).getMessage()
                .startsWith(broken + ":1: not a JSON object"));
        assertEquals(duplicate + ":2: task id \"1\" is used by an earlier task (line 1)",
                assertThrows(IOException.class, () -> TaskFile.read(duplicate)).getMessage());
    }

    @Test
    void completionsNameTheirTask() throws IOException {
        Path file = Files.writeString(dir.resolve("completions.jsonl"),
                "{\"id\": \"half\", \"completion\": \"\\\\boxed{1/2}\"}\n{\"completion\": \"x\"}\n");

        IOException error = assertThrows(IOException.class, () -> Completion.read(file));

        assertEquals(file + ":2: field \"id\" (the task's id) is required", error.getMessage());
    }
}
