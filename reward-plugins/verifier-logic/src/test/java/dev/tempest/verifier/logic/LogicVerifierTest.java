package dev.tempest.verifier.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tempest.api.Task;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier's identity, and what it says about a task whose puzzle is malformed. */
class LogicVerifierTest {

    private final LogicVerifier verifier = new LogicVerifier();

    @Test
    void tasksNameItLogic() {
        assertEquals("logic", verifier.id());
    }

    @Test
    void aMissingPuzzleIsNamed() {
        assertMalformed("task t1: puzzle: expected an object, got nothing", Map.of());
    }

    @Test
    void anUnknownTypeIsNamed() {
        assertMalformed("task t1: puzzle.type: expected \"sat\" or \"sudoku4\", got \"chess\"",
                Map.of("puzzle", Map.of("type", "chess")));
    }

    @Test
    void missingVariablesAreNamed() {
        assertMalformed("task t1: puzzle.variables: expected a non-empty list, got nothing",
                sat(null, List.of(List.of("a"))));
    }

    @Test
    void aVariableDeclaredTwiceIsNamed() {
        assertMalformed("task t1: puzzle.variables[1]: \"a\" is declared twice",
                sat(List.of("a", "a"), List.of(List.of("a"))));
    }

    @Test
    void aVariableTheAnswerCouldNotNameIsRejected() {
        assertMalformed("task t1: puzzle.variables[0]: expected a name of letters, digits and _ that starts with"
                + " a letter, got \"x y\"", sat(List.of("x y"), List.of(List.of("-x y"))));
    }

    @Test
    void anUndeclaredLiteralIsNamedByItsPlace() {
        assertMalformed("task t1: puzzle.clauses[1][1]: \"-d\" is not a declared variable or its negation",
                sat(List.of("a", "b"), List.of(List.of("a", "b"), List.of("-a", "-d"))));
    }

    @Test
    void anEmptyClauseIsNamed() {
        assertMalformed("task t1: puzzle.clauses[0]: expected a non-empty list, got []",
                sat(List.of("a"), List.of(List.of())));
    }

    @Test
    void aLiteralThatIsNotAStringIsNamed() {
        assertMalformed("task t1: puzzle.clauses[0][0]: expected a string, got 1",
                sat(List.of("a"), List.of(List.of(1))));
    }

    @Test
    void aGridOfTheWrongLengthIsNamed() {
        assertMalformed("task t1: puzzle.grid: expected 16 characters in reading order, each 1-4 or '.' for a blank,"
                + " got \"1..4\"", Map.of("puzzle", Map.of("type", "sudoku4", "grid", "1..4")));
    }

    @Test
    void aGridWithADigitOutOfRangeIsNamed() {
        assertMalformed("task t1: puzzle.grid: expected 16 characters in reading order, each 1-4 or '.' for a blank,"
                + " got \"5...............\"", Map.of("puzzle", Map.of("type", "sudoku4", "grid", "5...............")));
    }

    private static Map<String, Object> sat(List<String> variables, List<List<?>> clauses) {
        Map<String, Object> puzzle = new HashMap<>(Map.of("type", "sat", "clauses", clauses));
        if (variables != null) {
            puzzle.put("variables", variables);
        }
        return Map.of("puzzle", puzzle);
    }

    private void assertMalformed(String message, Map<String, Object> fields) {
        Task task = new Task("t1", "...", "logic", fields);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> verifier.verify(task, "a=true"));
        assertEquals(message, e.getMessage());
    }
}
