package org.example.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tempest.api.Task;
import dev.tempest.api.VerdictStatus;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UnitsVerifierTest {

    private final UnitsVerifier verifier = new UnitsVerifier();

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "1.5 km   | It is 1500 m.                    | CORRECT",
        "1.5 km   | 1.5km                            | CORRECT",
        "2 h      | That takes 120 min               | CORRECT",
        "1 lb     | about 453.59237 g                | CORRECT",
        "1.5 km   | 1400 m                           | INCORRECT",
        "1.5 km   | 1500 s                           | INCORRECT",
        "1.5 km   | First 3 m, then finally 1500 m   | CORRECT",
        "1.5 km   | 1500 m, no wait, 1.4 km          | INCORRECT",
        "1.5 km   | fifteen hundred metres           | NO_ANSWER",
    })
    void checksQuantitiesInAnyUnit(String answer, String completion, VerdictStatus expected) {
        Task task = new Task("t", "How far?", "units", Map.of("answer", answer));

        assertEquals(expected, verifier.verify(task, completion).status());
    }

    @Test
    void aTaskWithoutAQuantityIsTheTasksFault() {
        Task task = new Task("t", "How far?", "units", Map.of("answer", "far"));

        assertThrows(IllegalArgumentException.class, () -> verifier.verify(task, "1 m"));
    }
}
