package dev.tempest.verifier.logic;

import java.util.SplittableRandom;

/**
 * 4x4 Sudokus with exactly one solution: a random full grid, from which clues are removed in
 * random order, each removal kept only if Sat4j still finds a single solution. The result is
 * minimal: no remaining clue can be removed without a second solution appearing.
 */
final class Sudoku4Generator {

    private Sudoku4Generator() {
    }

    static Sudoku4 generate(SplittableRandom random) {
        char[] grid = randomSolution(random);
        char[] solution = grid.clone();
        for (int cell : shuffled(Sudoku4Layout.CELLS, random)) {
            grid[cell] = '.';
            if (!new Sudoku4(new String(grid)).cnf().hasUniqueModel()) {
                grid[cell] = solution[cell];
            }
        }
        return new Sudoku4(new String(grid));
    }

    /** A random valid full grid: backtracking in reading order, trying the digits in random order. */
    private static char[] randomSolution(SplittableRandom random) {
        int[] cells = new int[Sudoku4Layout.CELLS];
        fill(cells, 0, random);
        char[] grid = new char[Sudoku4Layout.CELLS];
        for (int cell = 0; cell < grid.length; cell++) {
            grid[cell] = (char) ('0' + cells[cell]);
        }
        return grid;
    }

    /** Fills cells from {@code cell} on, given the ones before it; false if they admit no completion. */
    private static boolean fill(int[] cells, int cell, SplittableRandom random) {
        if (cell == cells.length) {
            return true;
        }
        for (int i : shuffled(4, random)) {
            int digit = i + 1;
            if (fits(cells, cell, digit)) {
                cells[cell] = digit;
                if (fill(cells, cell + 1, random)) {
                    return true;
                }
                cells[cell] = 0;
            }
        }
        return false;
    }

    /** Whether no unit through {@code cell} holds {@code digit} yet. */
    private static boolean fits(int[] cells, int cell, int digit) {
        for (Sudoku4Layout.Unit unit : Sudoku4Layout.UNITS) {
            boolean through = false, taken = false;
            for (int other : unit.cells()) {
                through |= other == cell;
                taken |= cells[other] == digit;
            }
            if (through && taken) {
                return false;
            }
        }
        return true;
    }

    /** 0..n-1 in random order (Fisher-Yates). */
    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        return order;
    }
}
