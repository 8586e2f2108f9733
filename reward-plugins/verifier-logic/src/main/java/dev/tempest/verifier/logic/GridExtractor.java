package dev.tempest.verifier.logic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the last 4x4 grid in a completion. Digits are grouped into runs: within a run they are
 * separated only by spaces, tabs, commas, semicolons, bars or brackets, and anything else (a
 * newline, a letter, a dot, a colon) ends it. Only runs of exactly 4 or 16 digits, all of them
 * 1-4, count: {@code 1 2 3 4 5} is no row. The grid is the last four runs of 4 (four lines
 * {@code 1 2 3 4}) when they all come after the last run of 16 (one line
 * {@code 1234 3412 2143 4321} or {@code [[1,2,3,4],[3,4,1,2],...]}), else that run of 16.
 * Labels such as {@code Row 2:} are runs of one digit and so ignored.
 */
final class GridExtractor {

    private static final Pattern RUN_BREAK = Pattern.compile("[^0-9 \\t,;|()\\[\\]{}]+");

    private GridExtractor() {
    }

    /** The grid's 16 digits in reading order; empty if the completion holds no grid. */
    static Optional<int[]> lastGrid(String completion) {
        List<String> rows = new ArrayList<>();  // the trailing runs of 4, last first
        String[] runs = RUN_BREAK.split(completion);
        for (int i = runs.length - 1; i >= 0 && rows.size() < 4; i--) {
            String digits = runs[i].replaceAll("[^0-9]", "");
            if (digits.matches("[1-4]{16}")) {
                return Optional.of(toCells(digits));
            }
            if (digits.matches("[1-4]{4}")) {
                rows.add(0, digits);
            }
        }
        return rows.size() == 4 ? Optional.of(toCells(String.join("", rows))) : Optional.empty();
    }

    private static int[] toCells(String digits) {
        return digits.chars().map(d -> d - '0').toArray();
    }
}
