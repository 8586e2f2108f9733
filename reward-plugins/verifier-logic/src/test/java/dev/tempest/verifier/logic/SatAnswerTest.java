package dev.tempest.verifier.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.VerdictStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How answers to a SAT puzzle are read and judged; a=T, b=F, c=T satisfies all four clauses. */
class SatAnswerTest {

    private static final Task TASK = new Task("t1", "...", "logic", Map.of("puzzle", Map.of(
            "type", "sat",
            "variables", List.of("a", "b", "c"),
            "clauses", List.of(List.of("a", "-b"), List.of("b", "c"), List.of("-b", "-c"), List.of("c", "-a")))));

    private final LogicVerifier verifier = new LogicVerifier();

    @ParameterizedTest
    @ValueSource(strings = {
        "a=true, b=false, c=true",
        "a: T b: F c: T",
        "{\"a\": true, \"b\": false, \"c\": true}",
        "The answer:\n- a = True\n- b = False\n- c = True\n",
        "1. **a**: yes\n2. **b**: no\n3. **c**: yes",
        "So a is true, b is false and c is true.",
        "a=1; b=0; c=1",
        "`a` => T, `b` => F, `c` => T",
        "c := true, a := true, b := false",
        "Try a=false, b=false, c=false: clause 2 fails. Try again.\nFinal answer: a=true, b=false, c=true",
        "a=true, b=false, c=true. Step count: 1",
    })
    void acceptedSyntaxVerifiesCorrect(String completion) {
        Verdict verdict = verifier.verify(TASK, completion);
        assertEquals(VerdictStatus.CORRECT, verdict.status(), verdict.reason());
    }

    @Test
    void aFalseClauseIsNamedWithItsNumberAndLiterals() {
        assertEquals(Verdict.incorrect(0, "clause 3 (NOT b OR NOT c) is false (3 of 4 constraints hold)"),
                verifier.verify(TASK, "a=true, b=true, c=true"));
    }

    @Test
    void partialCreditIsTheFractionOfTrueClauses() {
        Verdict verdict = new LogicVerifier(true).verify(TASK, "a=true, b=true, c=true");
        assertEquals(VerdictStatus.INCORRECT, verdict.status());
        assertEquals(0.75, verdict.score());
    }

    @Test
    void aMissingVariableIsIncorrect() {
        assertEquals(Verdict.incorrect(0, "c has no value"), verifier.verify(TASK, "a=true, b=false"));
    }

    @Test
    void aVariableAssignedTwiceIsIncorrect() {
        assertEquals(Verdict.incorrect(0, "a is assigned twice"),
                verifier.verify(TASK, "a=true, b=false, c=true, a=false"));
    }

    @Test
    void anUnknownVariableIsIncorrect() {
        assertEquals(Verdict.incorrect(0, "d is not a variable of this puzzle"),
                new LogicVerifier(true).verify(TASK, "a=true, b=false, c=true, d=true"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "I could not solve it.", "a, b and c", "x=true, y=false", "a = maybe"})
    void noAssignmentOfThePuzzlesVariablesIsNoAnswer(String completion) {
        assertEquals(Verdict.noAnswer("no assignment of a, b, c found"), verifier.verify(TASK, completion));
    }
}
