package dev.tempest.verifier.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.Verdict;
import dev.tempest.api.VerdictStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Generated Sudokus, checked against a brute-force search written here, apart from the generator's CNF. */
class Sudoku4GenerationTest {

    private final LogicVerifier verifier = new LogicVerifier();

    static LongStream seeds() {
        return LongStream.range(0, 25);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void generatedPuzzleHasExactlyOneSolution(long seed) {
        assertEquals(1, solutions(grid(seed), 2).size());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void removingAnyClueAdmitsASecondSolution(long seed) {
        String grid = grid(seed);
        for (int cell = 0; cell < 16; cell++) {
            if (grid.charAt(cell) != '.') {
                String fewer = grid.substring(0, cell) + '.' + grid.substring(cell + 1);
                assertEquals(2, solutions(fewer, 2).size(), "without the clue at cell " + cell);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theSolutionVerifiesCorrect(long seed) {
        GeneratedTask generated = GeneratedTask.of("sudoku4", seed);
        int[] solution = solutions(grid(seed), 1).get(0);
        Verdict verdict = verifier.verify(generated.task(), "Filling in the blanks:\n" + render(solution));
        assertEquals(VerdictStatus.CORRECT, verdict.status(), verdict.reason());
        assertEquals(1.0, verdict.score());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void changingAnyCellToAnyOtherDigitVerifiesIncorrect(long seed) {
        GeneratedTask generated = GeneratedTask.of("sudoku4", seed);
        String grid = grid(seed);
        int[] solution = solutions(grid, 1).get(0);
        for (int cell = 0; cell < 16; cell++) {
            for (int digit = 1; digit <= 4; digit++) {
                if (digit != solution[cell]) {
                    int[] changed = solution.clone();
                    changed[cell] = digit;
                    Verdict verdict = verifier.verify(generated.task(), render(changed));
                    assertEquals(VerdictStatus.INCORRECT, verdict.status(), "cell " + cell + " set to " + digit);
                    String cellName = "r" + (cell / 4 + 1) + "c" + (cell % 4 + 1);
                    if (grid.charAt(cell) != '.') {
                        assertTrue(verdict.reason().startsWith("clue at " + cellName + "=" + solution[cell]
                                + " changed to " + digit), verdict.reason());
                    } else {
                        assertTrue(verdict.reason().startsWith("row " + (cell / 4 + 1) + " has " + digit + " twice"),
                                verdict.reason());
                    }
                }
            }
        }
    }

    private static String grid(long seed) {
        return (String) GeneratedTask.of("sudoku4", seed).puzzle().get("grid");
    }

    private static String render(int[] cells) {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < 4; r++) {
            text.append(cells[4 * r]).append(' ').append(cells[4 * r + 1]).append(' ')
                    .append(cells[4 * r + 2]).append(' ').append(cells[4 * r + 3]).append('\n');
        }
        return text.toString();
    }

    /** Up to {@code limit} completions of {@code grid}: every digit in every blank, checked in full at the end. */
    private static List<int[]> solutions(String grid, int limit) {
        int[] cells = grid.chars().map(c -> c == '.' ? 0 : c - '0').toArray();
        List<int[]> found = new ArrayList<>();
        search(cells, 0, limit, found);
        return found;
    }

    private static void search(int[] cells, int cell, int limit, List<int[]> found) {
        if (found.size() == limit) {
            return;
        }
        if (cell == 16) {
            if (isSolved(cells)) {
                found.add(cells.clone());
            }
            return;
        }
        if (cells[cell] != 0) {
            search(cells, cell + 1, limit, found);
            return;
        }
        for (int digit = 1; digit <= 4; digit++) {
            if (!seesDigit(cells, cell, digit)) {
                cells[cell] = digit;
                search(cells, cell + 1, limit, found);
                cells[cell] = 0;
            }
        }
    }

    /** Whether another cell in the same row, column or box already holds {@code digit}: prunes the search. */
    private static boolean seesDigit(int[] cells, int cell, int digit) {
        int r = cell / 4, c = cell % 4;
        for (int other = 0; other < 16; other++) {
            int r2 = other / 4, c2 = other % 4;
            boolean sameUnit = r2 == r || c2 == c || (r2 / 2 == r / 2 && c2 / 2 == c / 2);
            if (other != cell && sameUnit && cells[other] == digit) {
                return true;
            }
        }
        return false;
    }

    /** Every row, column and 2x2 box holds four different digits. */
    private static boolean isSolved(int[] cells) {
        for (int i = 0; i < 4; i++) {
            int boxCorner = (i / 2) * 8 + (i % 2) * 2;
            if (!distinct(cells[4 * i], cells[4 * i + 1], cells[4 * i + 2], cells[4 * i + 3])
                    || !distinct(cells[i], cells[i + 4], cells[i + 8], cells[i + 12])
                    || !distinct(cells[boxCorner], cells[boxCorner + 1], cells[boxCorner + 4], cells[boxCorner + 5])) {
                return false;
            }
        }
        return true;
    }

    private static boolean distinct(int a, int b, int c, int d) {
        return a != b && a != c && a != d && b != c && b != d && c != d;
    }
}
