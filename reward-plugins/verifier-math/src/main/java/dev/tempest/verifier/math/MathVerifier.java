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
 * In this order: the last complete {@code \boxed{...}} or {@code \fbox{...}} (nested braces
 * allowed); else the rest of the line after the last {@code ####} (GSM8K); else what follows the
 * last "The answer is", "the final answer is" or "Answer:" (any case) up to the end of its
 * sentence or line, without the final period; else {@link Verdict#noAnswer NO_ANSWER}, "no final
 * answer found". An answer that is empty once normalised, {@code \boxed{}} included, is
 * NO_ANSWER too: an empty box is the model's declared answer, so an earlier box or {@code ####}
 * does not stand in for it.
 *
 * <p>The last number in free text is not taken by default: rewarding whatever number a
 * completion ends on rewards guessing and answers that never commit. {@code lastNumberFallback}
 * turns it on, for models not trained to mark their answer.
 *
 * <h2>2. Normalisation, of the answer and the reference alike</h2>
 * Dropped: whitespace (except between two digits, so "1 2" is not 12); {@code $...$},
 * {@code \(...\)}, {@code \[...\]}; {@code \text{}}, {@code \mathrm{}}, {@code \textbf{}} and
 * {@code \mbox{}} wrappers (their content stays); {@code \left}, {@code \right},
 * {@code \displaystyle}; spacing {@code \! \, \; \: \quad ~}; currency ({@code $ \$ € £ ¥});
 * degrees ({@code ^\circ}, {@code °}); a leading assignment ({@code x = 3} is 3); trailing unit
 * words after a number ("12 cm", "5 apples", "3 hours", {@code 5\text{ cm}}, "5 m^2"). Units need
 * a space or {@code \text{}}: "2x" must not read as 2. Unicode minus and {@code × · ÷} become
 * {@code - * /}.
 *
 * <p>Policies:
 * <ul>
 *   <li>Percent: the sign is dropped like a unit, so {@code 50\%} equals 50 and not 0.5. Datasets
 *       write a percentage as its number of percent (MATH: {@code 50\%}, GSM8K: 50); accepting
 *       0.5 as well would accept an answer off by a factor of 100.</li>
 *   <li>Thousands: a comma (or {@code \,} or {@code {,}}) is a thousands separator when every
 *       group after it has exactly three digits and the run starts with one to three digits:
 *       "1,234,567" is 1234567, "1,000" is not 1. Inside brackets a comma always separates
 *       elements: "(2,100)" is a pair. "1,2" and "1, 000" are lists.</li>
 *   <li>Lists: the top-level commas split an answer into elements, compared in order, pairwise.
 *       Brackets must be the same kind ("[0, 1)" is not "[0, 1]"), except that parentheses are
 *       optional: "(1, 2)" equals "1, 2". Sets are compared in order too: {@code \{2, 1\}} is not
 *       {@code \{1, 2\}}.</li>
 * </ul>
 *
 * <h2>3. Comparison, element by element</h2>
 * Each element is evaluated exactly where it can be: integers of any size, decimals and
 * scientific notation ({@code 1.5e3}, {@code 1.5\times10^{3}}), {@code + - * / ^} with
 * parentheses, {@code \cdot}, {@code \times}, integer powers ({@code 2^{10}}), {@code \frac{a}{b}},
 * {@code \dfrac}, {@code \tfrac}, {@code \frac12}, mixed numbers ({@code 1\frac{1}{2}} and
 * "1 1/2" are 3/2), and {@code \sqrt{}} of a perfect square. Then:
 * <ol>
 *   <li>both exact: equal iff equal as rationals. A decimal is the rational it writes, so 0.5
 *       equals 1/2 and 10.0 equals 10, but 0.333 and 0.3333333 are not 1/3 and 3.0000001 is not
 *       3: a reference given exactly asks for the exact value;</li>
 *   <li>else both finite numbers (one is irrational: {@code \sqrt{2}}, {@code 2^{0.5}}): equal
 *       iff |a - b| &le; {@code relativeTolerance} &middot; max(1, |b|), b the reference, so
 *       {@code \sqrt{2}} equals 1.4142136 but not 1.4142;</li>
 *   <li>else equal iff the normalised texts are: "A", "yes", {@code \pi/2}. There is no algebra,
 *       so {@code \frac{\pi}{2}} is not {@code \pi/2}. A division by zero or any text the
 *       evaluator cannot read is compared this way too, never thrown.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe. A task without an {@code answer} is a failure of the verifier
 * (IllegalArgumentException), not a wrong answer.
 */
@Extension
public final class MathVerifier implements Verifier {

    /** Relative tolerance for irrational answers: tighter than the 7 significant digits a model usually writes out. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-6;

    /** A reason is one line for a person; a runaway answer is cut to this. */
    private static final int MAX_QUOTED_CHARS = 200;

    private final AnswerExtractor extractor;
    private final AnswerMatcher matcher;

    /** The defaults: no last-number fallback, {@link #DEFAULT_RELATIVE_TOLERANCE}. */
    public MathVerifier() {
        this(false, DEFAULT_RELATIVE_TOLERANCE);
    }

    public MathVerifier(boolean lastNumberFallback, double relativeTolerance) {
        if (!(relativeTolerance >= 0 && Double.isFinite(relativeTolerance))) {
            throw new IllegalArgumentException("relativeTolerance must be a finite number >= 0, got " + relativeTolerance);
        }
        this.extractor = new AnswerExtractor(lastNumberFallback);
        this.matcher = new AnswerMatcher(relativeTolerance);
    }

    @Override
    public String id() {
        return "math";
    }

    @Override
    public String description() {
        return "final answer (\\boxed{}, ####, \"The answer is\") against the task's answer, exact as rationals";
    }

    @Override
    public Verdict verify(Task task, String completion) {
        String reference = referenceAnswer(task);
        NormalizedAnswer expected = AnswerNormalizer.normalize(reference);
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("task " + task.id() + ": field 'answer' is empty");
        }
        Optional<String> answer = extractor.extract(completion);
        if (answer.isEmpty()) {
            return Verdict.noAnswer("no final answer found");
        }
        NormalizedAnswer got = AnswerNormalizer.normalize(answer.get());
        if (got.isEmpty()) {
            return Verdict.noAnswer("the final answer is empty");
        }
        return matcher.matches(got, expected)
                ? Verdict.correct("matches " + oneLine(reference))
                : Verdict.incorrect(0, "expected " + oneLine(reference) + ", got " + oneLine(answer.get()));
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
