package dev.tempest.verifier.logic;

import dev.tempest.api.Verdict;
import dev.tempest.verifier.logic.Sudoku4Layout.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A 4x4 Sudoku with 2x2 boxes: {@code {"type": "sudoku4", "grid": "1..4..2........."}}, the
 * grid as 16 characters in reading order, a digit 1-4 for a clue and {@code .} for a blank.
 * The answer is the completed grid read by {@link GridExtractor}; it is right iff it keeps
 * every clue and every row, column and box holds 1..4 once each.
 */
final class Sudoku4 implements LogicPuzzle {

    static final String TYPE = "sudoku4";
    private static final String FORMAT = "[1-4.]{" + Sudoku4Layout.CELLS + "}";
    /** Every cell holds exactly one digit, every unit every digit; so, by pigeonhole, each unit each digit once. */
    private static final List<int[]> RULES = rules();

    private final String grid;  // (16,) in reading order: '1'..'4' a clue, '.' a blank

    Sudoku4(String grid) {
        if (!grid.matches(FORMAT)) {
            throw PuzzleJson.wrongShape("puzzle.grid", "16 characters in reading order, each 1-4 or '.' for a blank",
                    grid);
        }
        this.grid = grid;
    }

    static Sudoku4 fromJson(Map<?, ?> fields) {
        return new Sudoku4(PuzzleJson.string(fields.get("grid"), "puzzle.grid"));
    }

    /** The digit given at {@code cell}, or 0 for a blank. */
    private int clue(int cell) {
        char c = grid.charAt(cell);
        return c == '.' ? 0 : c - '0';
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", TYPE);
        json.put("grid", grid);
        return json;
    }

    @Override
    public String prompt() {
        StringBuilder prompt = new StringBuilder("Fill in this 4x4 Sudoku so that every row, every column and each"
                + " of the four 2x2 boxes holds the digits 1 to 4 once each. Dots are blanks:\n");
        for (int r = 0; r < 4; r++) {
            prompt.append(String.join(" ", grid.substring(4 * r, 4 * r + 4).split(""))).append('\n');
        }
        return prompt.append("Exactly one solution fits the clues. End your answer with the completed grid:"
                + " four lines of four digits separated by spaces.").toString();
    }

    @Override
    public Verdict verify(String completion, boolean partialCredit) {
        Optional<int[]> answer = GridExtractor.lastGrid(completion);
        if (answer.isEmpty()) {
            return Verdict.noAnswer("no 4x4 grid of digits 1-4 found");
        }
        int[] cells = answer.get();
        ConstraintTally tally = new ConstraintTally(partialCredit);
        for (int cell = 0; cell < Sudoku4Layout.CELLS; cell++) {
            int clue = clue(cell), given = cells[cell];
            if (clue != 0) {
                String at = Sudoku4Layout.cellName(cell);
                tally.check(given == clue, () -> "clue at " + at + "=" + clue + " changed to " + given);
            }
        }
        for (Unit unit : Sudoku4Layout.UNITS) {
            int[] count = new int[5];  // count[d]: how often digit d appears in the unit
            for (int cell : unit.cells()) {
                count[cells[cell]]++;
            }
            int repeated = firstRepeated(count);
            tally.check(repeated == 0, () -> unit.name() + " has " + repeated + " " + times(count[repeated]));
        }
        return tally.verdict();
    }

    @Override
    public Cnf cnf() {
        List<int[]> clauses = new ArrayList<>(RULES);
        for (int cell = 0; cell < Sudoku4Layout.CELLS; cell++) {
            if (clue(cell) != 0) {
                clauses.add(new int[] {holds(cell, clue(cell))});
            }
        }
        return new Cnf(Sudoku4Layout.CELLS * 4, clauses);
    }

    /** Variable number of "cell holds digit". */
    private static int holds(int cell, int digit) {
        return cell * 4 + digit;
    }

    private static List<int[]> rules() {
        List<int[]> clauses = new ArrayList<>();
        for (int cell = 0; cell < Sudoku4Layout.CELLS; cell++) {
            clauses.add(new int[] {holds(cell, 1), holds(cell, 2), holds(cell, 3), holds(cell, 4)});
            for (int d = 1; d <= 4; d++) {
                for (int e = d + 1; e <= 4; e++) {
                    clauses.add(new int[] {-holds(cell, d), -holds(cell, e)});
                }
            }
        }
        for (Unit unit : Sudoku4Layout.UNITS) {
            for (int d = 1; d <= 4; d++) {
                int[] clause = new int[4];
                for (int i = 0; i < 4; i++) {
                    clause[i] = holds(unit.cells()[i], d);
                }
                clauses.add(clause);
            }
        }
        return List.copyOf(clauses);
    }

    /** The smallest digit counted more than once, or 0. */
    private static int firstRepeated(int[] count) {
        for (int d = 1; d <= 4; d++) {
            if (count[d] > 1) {
                return d;
            }
        }
        return 0;
    }

    private static String times(int n) {
        return n == 2 ? "twice" : n + " times";
    }
}
