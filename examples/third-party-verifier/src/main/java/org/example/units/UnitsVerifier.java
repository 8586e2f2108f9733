package org.example.units;

import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.Verifier;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Checks a physical quantity whatever unit it is given in: for a task whose {@code answer} is
 * {@code "1.5 km"}, a completion ending in {@code 1500 m} is right. The last quantity with a
 * known unit in the completion is the answer; values agree within one part in a million.
 */
@Extension
public class UnitsVerifier implements Verifier {

    private static final double RELATIVE_TOLERANCE = 1e-6;

    @Override
    public String id() {
        return "units";
    }

    @Override
    public String description() {
        return "physical quantities in any unit of length, mass or time";
    }

    @Override
    public Verdict verify(Task task, String completion) {
        Quantity expected = Quantity.lastIn(task.string("answer")).orElseThrow(() ->
                new IllegalArgumentException("task " + task.id() + ": answer \"" + task.string("answer")
                        + "\" is not a quantity with a known unit"));
        Optional<Quantity> given = Quantity.lastIn(completion);
        if (given.isEmpty()) {
            return Verdict.noAnswer("no quantity with a known unit in the completion");
        }
        Quantity actual = given.get();
        if (!actual.unit().dimension().equals(expected.unit().dimension())) {
            return Verdict.incorrect(0, "expected a " + expected.unit().dimension() + ", got a " + actual.unit().dimension());
        }
        double difference = Math.abs(actual.inBase() - expected.inBase());
        if (difference <= RELATIVE_TOLERANCE * Math.abs(expected.inBase())) {
            return Verdict.correct("matches " + task.string("answer"));
        }
        return Verdict.incorrect(0, "expected " + task.string("answer") + ", got " + actual);
    }
}
