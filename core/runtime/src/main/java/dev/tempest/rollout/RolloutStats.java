package dev.tempest.rollout;

import dev.tempest.api.VerdictStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an RL stage's rollout measured, over every completion drawn: the reward's mean and
 * standard deviation, the share the task's verifier judged correct, the responses' lengths and
 * the share cut off, the verdicts by status, and the seconds spent generating and verifying.
 */
final class RolloutStats {

    private final List<Double> rewards = new ArrayList<>();
    private final Map<VerdictStatus, Integer> verdicts = new EnumMap<>(VerdictStatus.class);
    private int correct;
    private int truncated;
    private long tokens;
    private int longest;
    private double generationSeconds;
    private double verificationSeconds;

    /** {@code batchRewards}: each of the batch's completions' reward. */
    void add(RolloutBatch batch, double[] batchRewards) {
        for (int i = 0; i < batchRewards.length; i++) {
            Rollout rollout = batch.rollouts().get(i);
            rewards.add(batchRewards[i]);
            verdicts.merge(rollout.verdict().status(), 1, Integer::sum);
            correct += rollout.verdict().status() == VerdictStatus.CORRECT ? 1 : 0;
            truncated += rollout.truncated() ? 1 : 0;
            tokens += rollout.generation().tokens().length;
            longest = Math.max(longest, rollout.generation().tokens().length);
        }
        generationSeconds += batch.generationSeconds();
        verificationSeconds += batch.verificationSeconds();
    }

    /** The numbers, in the order the log shows them; a map the caller may add its own to. */
    Map<String, Double> metrics() {
        double mean = rewards.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = rewards.stream().mapToDouble(r -> (r - mean) * (r - mean)).average().orElse(0);
        int count = Math.max(1, rewards.size());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("reward", mean);
        metrics.put("reward_std", Math.sqrt(variance));
        metrics.put("accuracy", (double) correct / count);
        metrics.put("response_length", (double) tokens / count);
        metrics.put("response_length_max", (double) longest);
        metrics.put("truncated", (double) truncated / count);
        verdicts.forEach((status, n) -> metrics.put("verdicts/" + status.name().toLowerCase(), (double) n));
        metrics.put("generation_s", generationSeconds);
        metrics.put("verification_s", verificationSeconds);
        return metrics;
    }
}
