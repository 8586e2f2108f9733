package dev.tempest.train;

import dev.tempest.model.TokenPositions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * B rows of T tokens, the token each position should predict (-1: nothing, no loss there), and
 * where each token sits in its own sequence ({@code at}: several examples may share a row, a
 * row may end in padding). inputs and targets are (B*T), row-major; {@code tokens} counts the
 * inputs that are not padding, what throughput is measured in. What some objectives need
 * besides, null where a batch has none:
 * <ul>
 *   <li>{@code sources} (B*T): where batches are cut from a list of examples, the example each
 *       token belongs to (-1: padding), what a loss over whole sequences (DPO's) sums by;</li>
 *   <li>{@code pairs}: for sequences scored in pairs (a reward model's, whose batches have no
 *       targets), the rows at which each pair is read;</li>
 *   <li>{@code policy}: a rollout's per-token values for a policy-gradient objective;</li>
 * </ul>
 * and {@code metrics}, what producing the batch measured (rewards, generation time), which the
 * Trainer logs with the step.
 */
public record Batch(int[] inputs, int[] targets, TokenPositions at, int tokens, int[] sources, Pairs pairs,
                    PolicyTokens policy, Map<String, Double> metrics) {

    public Batch {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics)); // in the order given, for the log
        if (inputs.length != at.B() * at.T() || targets.length != inputs.length || tokens > inputs.length
                || (sources != null && sources.length != inputs.length)) {
            throw new IllegalArgumentException("a (" + at.B() + ", " + at.T() + ") batch needs " + at.B() * at.T()
                    + " inputs and targets");
        }
    }

    /** A batch of next-token targets and nothing else. */
    public Batch(int[] inputs, int[] targets, TokenPositions at, int tokens) {
        this(inputs, targets, at, tokens, null, null, null, Map.of());
    }

    /** A batch of examples, each token knowing its own. */
    public Batch(int[] inputs, int[] targets, TokenPositions at, int tokens, int[] sources) {
        this(inputs, targets, at, tokens, sources, null, null, Map.of());
    }

    /** A batch of sequences scored in pairs. */
    public Batch(int[] inputs, int[] targets, TokenPositions at, int tokens, Pairs pairs) {
        this(inputs, targets, at, tokens, null, pairs, null, Map.of());
    }

    /** A batch of a rollout's examples. */
    public Batch(int[] inputs, int[] targets, TokenPositions at, int tokens, int[] sources, PolicyTokens policy,
                 Map<String, Double> metrics) {
        this(inputs, targets, at, tokens, sources, null, policy, metrics);
    }

    /** Rows that are each one sequence from position 0, every token predicting the next. */
    public static Batch rows(int[] inputs, int[] targets, int B, int T) {
        return new Batch(inputs, targets, TokenPositions.rows(B, T, 0), B * T);
    }

    public int B() {
        return at.B();
    }

    public int T() {
        return at.T();
    }
}
