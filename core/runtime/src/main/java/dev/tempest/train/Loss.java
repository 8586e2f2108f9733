package dev.tempest.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an objective reports of a batch: the loss, and what else the stage logs with it (DPO's
 * rewards/margins, PPO's clip fraction), by the names metrics.jsonl uses.
 */
public record Loss(float value, Map<String, Double> metrics) {

    public Loss {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics)); // in the order given, for the log
    }

    /** A loss with nothing else to say. */
    public static Loss of(float value) {
        return new Loss(value, Map.of());
    }

    /** The mean of several batches' losses and of each of their metrics. */
    public static Loss mean(List<Loss> losses) {
        double value = 0;
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Loss loss : losses) {
            value += loss.value();
            loss.metrics().forEach((name, x) -> metrics.merge(name, x / losses.size(), Double::sum));
        }
        return new Loss((float) (value / losses.size()), metrics);
    }
}
