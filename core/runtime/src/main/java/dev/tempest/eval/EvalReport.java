package dev.tempest.eval;

import dev.tempest.api.VerdictStatus;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scores of an evaluation: n samples for each of the tasks, each with its verdict.
 *
 * @param accuracy    the share of samples judged CORRECT
 * @param passAt1     mean over tasks of c/n
 * @param passAtK     mean over tasks of the unbiased pass@k ({@link PassAtK}); k = n here
 * @param meanScore   mean verifier score (partial credit: the share of tests passed, say)
 * @param answered    the share of samples with an answer the verifier could find (not NO_ANSWER): format compliance
 * @param meanTokens  mean response length in tokens
 * @param truncated   the share of responses cut off at the token limit
 */
public record EvalReport(int tasks, int samplesPerTask, double accuracy, double passAt1, double passAtK,
                         double meanScore, double answered, double meanTokens, double truncated,
                         Map<VerdictStatus, Integer> verdicts) {

    /** The report of {@code samples}: per task, its n samples (the same n for every task). */
    public static EvalReport of(List<List<EvalSample>> samples) {
        int n = samples.isEmpty() ? 0 : samples.get(0).size();
        Map<VerdictStatus, Integer> verdicts = new EnumMap<>(VerdictStatus.class);
        for (VerdictStatus status : VerdictStatus.values()) {
            verdicts.put(status, 0);
        }
        double passAt1 = 0;
        double passAtK = 0;
        double score = 0;
        double tokens = 0;
        int truncated = 0;
        for (List<EvalSample> task : samples) {
            if (task.size() != n) {
                throw new IllegalArgumentException("every task needs " + n + " samples; " + task.get(0).taskId()
                        + " has " + task.size());
            }
            int correct = 0;
            for (EvalSample sample : task) {
                verdicts.merge(sample.verdict().status(), 1, Integer::sum);
                correct += sample.verdict().status() == VerdictStatus.CORRECT ? 1 : 0;
                score += sample.verdict().score();
                tokens += sample.tokens();
                truncated += sample.truncated() ? 1 : 0;
            }
            passAt1 += (double) correct / n;
            passAtK += PassAtK.estimate(n, correct, n);
        }
        int total = samples.size() * n;
        return new EvalReport(samples.size(), n, share(verdicts.get(VerdictStatus.CORRECT), total),
                mean(passAt1, samples.size()), mean(passAtK, samples.size()), mean(score, total),
                share(total - verdicts.get(VerdictStatus.NO_ANSWER), total), mean(tokens, total),
                share(truncated, total), verdicts);
    }

    /** The report as a metrics line: names as {@code tempest eval} prints them. */
    public Map<String, Object> metrics() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("tasks", tasks);
        line.put("samples_per_task", samplesPerTask);
        line.put("accuracy", accuracy);
        line.put("pass@1", passAt1);
        line.put("pass@" + samplesPerTask, passAtK);
        line.put("mean_score", meanScore);
        line.put("answered", answered);
        line.put("mean_tokens", meanTokens);
        line.put("truncated", truncated);
        verdicts.forEach((status, count) -> line.put(status.name().toLowerCase(), count));
        return line;
    }

    private static double mean(double sum, int count) {
        return count == 0 ? 0 : sum / count;
    }

    private static double share(int part, int total) {
        return total == 0 ? 0 : (double) part / total;
    }

    /** Two lines for the console: the scores, then the verdict counts. */
    public List<String> lines() {
        StringBuilder counts = new StringBuilder("verdicts:");
        verdicts.forEach((status, count) -> counts.append(' ').append(count).append(' ').append(status).append(','));
        counts.setLength(counts.length() - 1);
        String passAt = samplesPerTask > 1 ? String.format(", pass@%d %.3f", samplesPerTask, passAtK) : "";
        return List.of(String.format("accuracy %.3f, pass@1 %.3f%s, mean score %.3f, answered %.3f, mean length %.1f"
                + " tokens, cut at the limit %.3f", accuracy, passAt1, passAt, meanScore, answered, meanTokens, truncated),
                counts.toString());
    }
}
