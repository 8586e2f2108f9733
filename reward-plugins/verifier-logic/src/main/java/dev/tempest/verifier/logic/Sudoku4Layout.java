package dev.tempest.verifier.logic;

import java.util.ArrayList;
import java.util.List;

/** The 4x4 Sudoku's geometry: cells 0..15 in reading order (r1c1, r1c2, ..., r4c4) and its 12 units. */
final class Sudoku4Layout {

    static final int CELLS = 16;

    /** A row, column or 2x2 box: four cells that must hold 1..4 once each. */
    record Unit(String name, int[] cells) {
    }

    static final List<Unit> UNITS = units();

    private Sudoku4Layout() {
    }

    static String cellName(int cell) {
        return "r" + (cell / 4 + 1) + "c" + (cell % 4 + 1);
    }

    private static List<Unit> units() {
        List<Unit> units = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            units.add(new Unit("row " + (r + 1), new int[] {4 * r, 4 * r + 1, 4 * r + 2, 4 * r + 3}));
        }
        for (int c = 0; c < 4; c++) {
            units.add(new Unit("column " + (c + 1), new int[] {c, c + 4, c + 8, c + 12}));
        }
        String[] boxNames = {"top-left box", "top-right box", "bottom-left box", "bottom-right box"};
        for (int i = 0; i < 4; i++) {
            int corner = (i / 2) * 8 + (i % 2) * 2;  // the box's top-left cell
            units.add(new Unit(boxNames[i], new int[] {corner, corner + 1, corner + 4, corner + 5}));
        }
        return List.copyOf(units);
    }
}
