package dev.tempest.verifier.math;

import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.Verifier;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Verifier {@code math}: checks a completion's final answer against the task's {@code answer}
 * field (a string, or a JSON number such as 42 or 0.5).
 *
 * <h2>1. The final answer</h2>
 * {@link AnswerExtractor}: the boxed answer, else the line after the last {@code ####}, else what
 * follows the last "the answer is" or "Answer:"; else, unless a marker is required, the last math
 * block or number of the text, as the reference checkers fall back to. Nothing found is
 * {@link Verdict#noAnswer NO_ANSWER}, and so is an answer that is empty once normalised
 * ({@code \boxed{}}: the model's declared answer, so nothing earlier stands in for it).
 *
 * <p>A marker is required when the task says {@code "require_marker": true}, or for every task
 * when the verifier is built with {@code requireMarker}: for training formats that demand a
 * marked answer, so that a completion never earns a reward for a number it happens to end on.
 *
 * <p>The reference is read the same way, markers only: a reference that is a whole solution
 * ("... so $x = \boxed{5}$") is its marked answer; any other reference is its answer as it stands.
 *
 * <h2>2. Normalisation and shape</h2>
 * {@link AnswerNormalizer} removes what does not change the value (LaTeX wrappers, spacing,
 * currency, degrees, units, thousands separators) and spells alike what is written several ways;
 * {@link AnswerParser} reads the shape: a value, a list, tuple, interval or set, a union, an
 * assignment or relation, a matrix, a choice letter.
 *
 * <h2>3. Comparison</h2>
 * {@link AnswerMatcher}, shape by shape, and {@link ExpressionEquivalence} for values: exact
 * rational arithmetic where both sides are rational, doubles at a tight tolerance for closed forms
 * (roots, pi, functions), the {@code relativeTolerance} where a side writes a decimal, and
 * evaluation at random points for expressions with variables. All of it under a
 * {@link WorkBudget}: an answer too costly to decide is INCORRECT, never a hang.
 *
 * <p>Stateless and thread-safe. A task without an {@code answer} is a failure of the verifier
 * (IllegalArgumentException), not a wrong answer.
 */
@Extension
public final class MathVerifier implements Verifier {

    /** Relative tolerance for a decimal against an irrational or repeating value: tighter than the 7 digits a model writes. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-6;

    /** The task field that requires a marked answer for that task: {@code "require_marker": true}. */
    public static final String REQUIRE_MARKER_FIELD = "require_marker";

    /** Longer final answers are wrong without being read: no answer is ten thousand characters. */
    static final int MAX_ANSWER_CHARS = 10_000;

    /** A reason is one line for a person; a runaway answer is cut to this. */
    private static final int MAX_QUOTED_CHARS = 200;

    private final boolean requireMarker;
    private final AnswerMatcher matcher;

    /** The defaults: the unmarked answer is taken, {@link #DEFAULT_RELATIVE_TOLERANCE}. */
    public MathVerifier() {
        this(false, DEFAULT_RELATIVE_TOLERANCE);
    }

    public MathVerifier(boolean requireMarker, double relativeTolerance) {
        if (!(relativeTolerance >= 0 && Double.isFinite(relativeTolerance))) {
            throw new IllegalArgumentException("relativeTolerance must be a finite number >= 0, got " + relativeTolerance);
        }
        this.requireMarker = requireMarker;
        this.matcher = new AnswerMatcher(relativeTolerance);
    }

    @Override
    public String id() {
        return "math";
    }

    @Override
    public String description() {
        return "final answer (\\boxed{}, ####, \"The answer is\", else the last expression) against the task's answer,"
                + " by value: exact rationals, closed forms, identities of expressions";
    }

    @Override
    public Verdict verify(Task task, String completion) {
        String reference = AnswerExtractor.marked(referenceAnswer(task)).orElse(referenceAnswer(task));
        String expectedText = AnswerNormalizer.normalize(reference);
        Answer expected = AnswerParser.parse(expectedText, false)
                .orElseThrow(() -> new IllegalArgumentException("task " + task.id() + ": field 'answer' is empty"));
        Optional<String> answer = AnswerExtractor.extract(completion, requireMarker(task));
        if (answer.isEmpty()) {
            return Verdict.noAnswer("no final answer found");
        }
        if (answer.get().length() > MAX_ANSWER_CHARS) {
            return Verdict.incorrect(0, "expected " + oneLine(reference) + ", got an answer of "
                    + answer.get().length() + " characters");
        }
        Optional<Answer> got = AnswerParser.parse(AnswerNormalizer.normalize(answer.get()), expected instanceof Answer.Scalar);
        if (got.isEmpty()) {
            return Verdict.noAnswer("the final answer is empty");
        }
        if (got.get() instanceof Answer.Scalar) {
            expected = AnswerParser.parse(expectedText, true).orElseThrow();  // "1,22" against 1.22 is a decimal
        }
        try {
            return matcher.matches(got.get(), expected, QuestionHints.of(task.prompt()), new WorkBudget(WorkBudget.DEFAULT_UNITS))
                    ? Verdict.correct("matches " + oneLine(reference))
                    : Verdict.incorrect(0, "expected " + oneLine(reference) + ", got " + oneLine(answer.get()));
        } catch (WorkBudget.Exhausted e) {
            return Verdict.incorrect(0, "expected " + oneLine(reference) + ", got " + oneLine(answer.get())
                    + " (too costly to compare)");
        }
    }

    private boolean requireMarker(Task task) {
        Object field = task.fields().get(REQUIRE_MARKER_FIELD);
        if (field != null && !(field instanceof Boolean)) {
            throw new IllegalArgumentException("task " + task.id() + ": field '" + REQUIRE_MARKER_FIELD
                    + "' must be true or false, got " + field);
        }
        return requireMarker || Boolean.TRUE.equals(field);
    }

    private static String referenceAnswer(Task task) {
        // Task fields come from JSON, where an answer such as 42 or 0.5 may be a number
        return task.fields().get("answer") instanceof Number number ? number.toString() : task.string("answer");
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_QUOTED_CHARS ? line : line.substring(0, MAX_QUOTED_CHARS) + "...";
    }
}
