package dev.tempest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRowsTest {

    private final TaskRows rows = new TaskRows();

    @Test
    void everyFieldButIdPromptAndVerifierGoesToTheVerifier() {
        Map<String, Object> row = new HashMap<>(Map.of("id", "half", "prompt", "1/2?", "verifier", "math",
                "answer", "0.5", "tags", List.of("easy")));
        row.put("hint", null);   // a column this row lacks, as a hub export writes it

        Task task = rows.read(row, 7);

        assertEquals(new Task("half", "1/2?", "math", Map.of("answer", "0.5", "tags", List.of("easy"))), task);
    }

    @Test
    void theIdIsTheLineNumberUnlessGivenAndAnIntegerIdIsItsDigits() {
        assertEquals("3", rows.read(Map.of("prompt", "p", "verifier", "math"), 3).id());
        assertEquals("12", rows.read(Map.of("id", 12, "prompt", "p", "verifier", "math"), 4).id());
        assertEquals("12345678901234567890",
                rows.read(Map.of("id", new BigInteger("12345678901234567890"), "prompt", "p", "verifier", "math"), 5).id());
    }

    @Test
    void aRepeatedIdNamesTheLineThatHasItAlthoughOneWasANumber() {
        rows.read(Map.of("id", 1, "prompt", "p", "verifier", "math"), 2);

        assertEquals("task id \"1\" is used by an earlier task (line 2)",
                reason(Map.of("id", "1", "prompt", "q", "verifier", "math"), 9));
    }

    @Test
    void eachBadFieldIsNamedWithWhatItHolds() {
        assertEquals("missing field \"prompt\"", reason(Map.of("verifier", "math"), 1));
        assertEquals("field \"prompt\" must be a string, got array", reason(Map.of("prompt", List.of("p"), "verifier", "m"), 1));
        assertEquals("missing field \"verifier\"", reason(Map.of("prompt", "p"), 1));
        assertEquals("field \"verifier\" must be a string, got boolean", reason(Map.of("prompt", "p", "verifier", true), 1));
        assertEquals("field \"id\" must be a string or an integer, got number",
                reason(Map.of("id", 1.5, "prompt", "p", "verifier", "math"), 1));
        assertEquals("field \"id\" must be a string or an integer, got object",
                reason(Map.of("id", Map.of(), "prompt", "p", "verifier", "math"), 1));
    }

    private String reason(Map<String, ?> row, long line) {
        return assertThrows(IllegalArgumentException.class, () -> rows.read(row, line)).getMessage();
    }
}
