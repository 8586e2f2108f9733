package dev.tempest.verifier.logic;

import dev.tempest.api.Verdict;
import java.util.Map;

/**
 * A puzzle as a task's {@code puzzle} field carries it: a JSON object whose {@code type} says
 * which kind ({@code "sat"} or {@code "sudoku4"}) and so how the rest reads.
 */
sealed interface LogicPuzzle permits SatPuzzle, Sudoku4 {

    /** Parses the {@code puzzle} field; IllegalArgumentException naming the field that is malformed. */
    static LogicPuzzle fromJson(Object puzzle) {
        Map<?, ?> fields = PuzzleJson.object(puzzle, "puzzle");
        Object type = fields.get("type");
        if (SatPuzzle.TYPE.equals(type)) {
            return SatPuzzle.fromJson(fields);
        }
        if (Sudoku4.TYPE.equals(type)) {
            return Sudoku4.fromJson(fields);
        }
        throw PuzzleJson.wrongShape("puzzle.type", "\"" + SatPuzzle.TYPE + "\" or \"" + Sudoku4.TYPE + "\"", type);
    }

    /** The {@code puzzle} field that {@link #fromJson} reads back. */
    Map<String, Object> toJson();

    /** The question for the model, ending with the answer format that {@link #verify} reads. */
    String prompt();

    /** The puzzle as a formula whose models are its solutions. */
    Cnf cnf();

    /** Extracts the answer from a completion and checks it against every constraint of the puzzle. */
    Verdict verify(String completion, boolean partialCredit);
}
