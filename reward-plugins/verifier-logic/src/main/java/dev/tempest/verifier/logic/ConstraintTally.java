package dev.tempest.verifier.logic;

import dev.tempest.api.Verdict;
import java.util.function.Supplier;

/** Checks an answer's constraints one by one and turns the count into a verdict. */
final class ConstraintTally {

    private final boolean partialCredit;
    private int checked;
    private int satisfied;
    private String firstViolation;

    /** @param partialCredit score a wrong answer by the fraction of constraints it satisfies, rather than 0 */
    ConstraintTally(boolean partialCredit) {
        this.partialCredit = partialCredit;
    }

    /** Records one constraint; {@code violation} describes it, and is built only for the first that fails. */
    void check(boolean holds, Supplier<String> violation) {
        checked++;
        if (holds) {
            satisfied++;
        } else if (firstViolation == null) {
            firstViolation = violation.get();
        }
    }

    Verdict verdict() {
        if (firstViolation == null) {
            return Verdict.correct("all " + checked + " constraints hold");
        }
        double score = partialCredit ? (double) satisfied / checked : 0;
        return Verdict.incorrect(score, firstViolation + " (" + satisfied + " of " + checked + " constraints hold)");
    }
}
