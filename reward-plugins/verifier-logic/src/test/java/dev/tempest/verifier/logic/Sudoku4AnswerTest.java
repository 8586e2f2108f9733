package dev.tempest.verifier.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.VerdictStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How answers to a 4x4 Sudoku are read and judged; the solution is 1234 / 3412 / 2143 / 4321. */
class Sudoku4AnswerTest {

    private static final Task CLUED = task("1..4..1..1..4...");
    private static final Task BLANK = task("................");

    private final LogicVerifier verifier = new LogicVerifier();

    private static Task task(String grid) {
        return new Task("t1", "...", "logic", Map.of("puzzle", Map.of("type", "sudoku4", "grid", grid)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1 2 3 4\n3 4 1 2\n2 1 4 3\n4 3 2 1",
        "1234\n3412\n2143\n4321\n",
        "Row 1: 1 2 3 4\nRow 2: 3 4 1 2\nRow 3: 2 1 4 3\nRow 4: 4 3 2 1",
        "| 1 | 2 | 3 | 4 |\n| 3 | 4 | 1 | 2 |\n| 2 | 1 | 4 | 3 |\n| 4 | 3 | 2 | 1 |",
        "1 2 | 3 4\n3 4 | 1 2\n----+----\n2 1 | 4 3\n4 3 | 2 1",
        "[[1,2,3,4],[3,4,1,2],[2,1,4,3],[4,3,2,1]]",
        "The grid, row by row: 1234341221434321.",
        "First try:\n1 2 3 4\n3 4 1 2\n2 1 3 4\n4 3 1 2\nColumn 3 repeats, so:\n1 2 3 4\n3 4 1 2\n2 1 4 3\n4 3 2 1",
        "```\n1 2 3 4\n3 4 1 2\n2 1 4 3\n4 3 2 1\n```\nSolved in 2 steps.",
    })
    void acceptedLayoutsVerifyCorrect(String completion) {
        Verdict verdict = verifier.verify(CLUED, completion);
        assertEquals(VerdictStatus.CORRECT, verdict.status(), verdict.reason());
    }

    @Test
    void aChangedClueIsNamedFirst() {
        // Digits 1 and 2 swapped everywhere: still a valid Sudoku, but three of the five clues are broken.
        assertEquals(Verdict.incorrect(0, "clue at r1c1=1 changed to 2 (14 of 17 constraints hold)"),
                verifier.verify(CLUED, "2 1 3 4\n3 4 2 1\n1 2 4 3\n4 3 1 2"));
    }

    @Test
    void partialCreditIsTheFractionOfConstraintsThatHold() {
        Verdict verdict = new LogicVerifier(true).verify(CLUED, "2 1 3 4\n3 4 2 1\n1 2 4 3\n4 3 1 2");
        assertEquals(14.0 / 17, verdict.score());
    }

    @Test
    void aRepeatedDigitInARowIsNamed() {
        assertEquals(Verdict.incorrect(0, "row 4 has 2 twice (14 of 17 constraints hold)"),
                verifier.verify(CLUED, "1 2 3 4\n3 4 1 2\n2 1 4 3\n4 3 2 2"));
    }

    @Test
    void aRepeatedDigitInAColumnIsNamed() {
        assertEquals(Verdict.incorrect(0, "column 1 has 1 twice (8 of 12 constraints hold)"),
                verifier.verify(BLANK, "1 2 3 4\n3 4 1 2\n1 2 3 4\n3 4 1 2"));
    }

    @Test
    void aRepeatedDigitInABoxIsNamed() {
        assertEquals(Verdict.incorrect(0, "top-left box has 1 twice (8 of 12 constraints hold)"),
                verifier.verify(BLANK, "1 2 3 4\n2 1 4 3\n3 4 1 2\n4 3 2 1"));
    }

    @Test
    void aDigitMoreThanTwiceIsCounted() {
        assertEquals("row 1 has 1 4 times", verifier.verify(BLANK, "1111\n3412\n2143\n4321").reason()
                .replaceAll(" \\(.*", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "No idea.", "1 2 3 4\n3 4 1 2\n2 1 4 3", "1 . . 4\n. . 1 .\n. 1 . .\n4 . . .",
        "1 2 3 4 5\n3 4 1 2\n2 1 4 3\n4 3 2 1"})
    void noGridIsNoAnswer(String completion) {
        assertEquals(Verdict.noAnswer("no 4x4 grid of digits 1-4 found"), verifier.verify(CLUED, completion));
    }
}
