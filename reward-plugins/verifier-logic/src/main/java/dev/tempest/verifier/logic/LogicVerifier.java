package dev.tempest.verifier.logic;

import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.Verifier;
import org.pf4j.Extension;

/**
 * Checks answers to constraint puzzles, carried in the task's {@code puzzle} field: a
 * {@link SatPuzzle} (an assignment must make every clause true) or a {@link Sudoku4} (the grid
 * must keep the clues and fill every row, column and box with 1..4). The answer is checked
 * against every constraint, never compared with a stored solution. A wrong answer scores 0, or
 * with partial credit the fraction of constraints it satisfies; the reason names the first
 * constraint it breaks. Stateless, so safe to call from several threads.
 */
@Extension
public final class LogicVerifier implements Verifier {

    static final String ID = "logic";

    private final boolean partialCredit;

    public LogicVerifier() {
        this(false);
    }

    /** @param partialCredit score a wrong answer by the fraction of constraints it satisfies, rather than 0 */
    public LogicVerifier(boolean partialCredit) {
        this.partialCredit = partialCredit;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "SAT assignments and 4x4 Sudoku grids, checked against every constraint";
    }

    @Override
    public Verdict verify(Task task, String completion) {
        LogicPuzzle puzzle;
        try {
            puzzle = LogicPuzzle.fromJson(task.fields().get("puzzle"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task " + task.id() + ": " + e.getMessage(), e);
        }
        return puzzle.verify(completion, partialCredit);
    }
}
