package dev.tempest.verify;

import dev.tempest.api.VerdictStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The results of a batch, in the order the checks were given, with counts and timings. */
public record BatchReport(List<CheckResult> results) {

    public BatchReport {
        results = List.copyOf(results);
    }

    /** How many checks ended in each status; every status is present, zero or not. */
    public Map<VerdictStatus, Integer> counts() {
        Map<VerdictStatus, Integer> counts = new EnumMap<>(VerdictStatus.class);
        for (VerdictStatus status : VerdictStatus.values()) {
            counts.put(status, 0);
        }
        results.forEach(result -> counts.merge(result.verdict().status(), 1, Integer::sum));
        return counts;
    }

    public double meanScore() {
        return results.stream().mapToDouble(result -> result.verdict().score()).average().orElse(0);
    }

    public Duration meanTime() {
        return results.isEmpty() ? Duration.ZERO : totalTime().dividedBy(results.size());
    }

    public Duration maxTime() {
        return results.stream().map(CheckResult::elapsed).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private Duration totalTime() {
        return results.stream().map(CheckResult::elapsed).reduce(Duration.ZERO, Duration::plus);
    }
}
