package dev.tempest.verifier.logic;

import dev.tempest.api.Task;
import java.util.List;
import java.util.Map;

/** One task from {@link LogicTasks}, read back the way a task file would give it to the verifier. */
record GeneratedTask(Task task, Map<?, ?> puzzle) {

    static GeneratedTask of(String type, long seed) {
        Map<String, Object> row = LogicTasks.generate(type, 1, seed).get(0);
        Task task = new Task((String) row.get("id"), (String) row.get("prompt"), (String) row.get("verifier"),
                Map.of("puzzle", row.get("puzzle")));
        return new GeneratedTask(task, (Map<?, ?>) row.get("puzzle"));
    }

    @SuppressWarnings("unchecked")
    List<String> list(String field) {
        return (List<String>) puzzle.get(field);
    }
}
