package dev.tempest.verify;

import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.Verifier;
import org.pf4j.Extension;

/**
 * The verifier {@code exact-match}, built in: a completion is right when it equals the task's
 * {@code answer}, leading and trailing white space aside. For tasks whose answer has one
 * spelling; numbers and expressions want the {@code math} verifier.
 */
@Extension
public final class ExactMatch implements Verifier {

    @Override
    public String id() {
        return "exact-match";
    }

    @Override
    public String description() {
        return "the completion equals the task's answer, white space at the ends aside";
    }

    @Override
    public Verdict verify(Task task, String completion) {
        String answer = task.string("answer").strip();
        String given = completion.strip();
        if (given.isEmpty()) {
            return Verdict.noAnswer("empty completion");
        }
        return given.equals(answer) ? Verdict.correct("matches the answer") : Verdict.incorrect(0, "expected " + answer);
    }
}
