package dev.tempest.verifier.logic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates tasks for the {@code logic} verifier as rows of a task file, each
 * {@code {"id", "prompt", "verifier": "logic", "puzzle"}}, ready to be written as JSONL. Every
 * puzzle has exactly one solution, proved with Sat4j. The same type, count and seed give the
 * same tasks.
 */
public final class LogicTasks {

    private LogicTasks() {
    }

    /**
     * {@code count} tasks of {@code type}: {@code "sat"} (3-CNF over 4 to 8 variables) or
     * {@code "sudoku4"} (4x4 Sudoku with a minimal set of clues).
     */
    public static List<Map<String, Object>> generate(String type, int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count: expected 0 or more, got " + count);
        }
        if (!type.equals(SatPuzzle.TYPE) && !type.equals(Sudoku4.TYPE)) {
            throw new IllegalArgumentException("type: expected \"" + SatPuzzle.TYPE + "\" or \"" + Sudoku4.TYPE
                    + "\", got \"" + type + "\"");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LogicPuzzle puzzle = type.equals(SatPuzzle.TYPE)
                    ? SatPuzzleGenerator.generate(random)
                    : Sudoku4Generator.generate(random);
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("id", "logic-" + type + "-" + seed + "-" + i);
            task.put("prompt", puzzle.prompt());
            task.put("verifier", LogicVerifier.ID);
            task.put("puzzle", puzzle.toJson());
            tasks.add(task);
        }
        return tasks;
    }
}
