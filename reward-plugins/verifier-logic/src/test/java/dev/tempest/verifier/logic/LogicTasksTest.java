package dev.tempest.verifier.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The rows {@link LogicTasks} generates, as a task file would hold them. */
class LogicTasksTest {

    @ParameterizedTest
    @ValueSource(strings = {"sat", "sudoku4"})
    void rowsHaveTheTaskFileFieldsAndDistinctIds(String type) {
        List<Map<String, Object>> rows = LogicTasks.generate(type, 5, 42);
        assertEquals(5, rows.size());
        for (Map<String, Object> row : rows) {
            assertEquals(List.of("id", "prompt", "verifier", "puzzle"), List.copyOf(row.keySet()));
            assertEquals("logic", row.get("verifier"));
            assertEquals(type, ((Map<?, ?>) row.get("puzzle")).get("type"));
        }
        Set<Object> ids = rows.stream().map(row -> row.get("id")).collect(Collectors.toSet());
        assertEquals(5, ids.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sat", "sudoku4"})
    void theSameSeedGivesTheSameTasksAndAnotherSeedOthers(String type) {
        assertEquals(LogicTasks.generate(type, 3, 7), LogicTasks.generate(type, 3, 7));
        assertNotEquals(puzzles(LogicTasks.generate(type, 3, 7)), puzzles(LogicTasks.generate(type, 3, 8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sat", "sudoku4"})
    void thePuzzleFieldReadsBackToTheSamePuzzle(String type) {
        for (Map<String, Object> row : LogicTasks.generate(type, 3, 1)) {
            assertEquals(row.get("puzzle"), LogicPuzzle.fromJson(row.get("puzzle")).toJson());
        }
    }

    @Test
    void theSatPromptListsEveryClauseAndTheAnswerFormat() {
        Map<String, Object> row = LogicTasks.generate("sat", 1, 3).get(0);
        String prompt = (String) row.get("prompt");
        int clauses = ((List<?>) ((Map<?, ?>) row.get("puzzle")).get("clauses")).size();
        assertTrue(prompt.contains("\n" + clauses + ". ("), prompt);
        assertTrue(prompt.endsWith("for example a=true"), prompt);
    }

    @Test
    void theSudokuPromptShowsTheGridRowByRow() {
        Map<String, Object> row = LogicTasks.generate("sudoku4", 1, 3).get(0);
        String grid = (String) ((Map<?, ?>) row.get("puzzle")).get("grid");
        String firstRow = String.join(" ", grid.substring(0, 4).split(""));
        assertTrue(((String) row.get("prompt")).contains(":\n" + firstRow + "\n"), (String) row.get("prompt"));
    }

    @Test
    void anUnknownTypeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogicTasks.generate("chess", 1, 0));
        assertEquals("type: expected \"sat\" or \"sudoku4\", got \"chess\"", e.getMessage());
    }

    private static List<Object> puzzles(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> row.get("puzzle")).toList();
    }
}
