package dev.tempest.rollout;

import dev.tempest.api.Task;
import dev.tempest.generate.Sampling;
import dev.tempest.generate.StopConditions;
import java.util.List;
import java.util.function.Consumer;

/** Where rollouts are made: in this process ({@link RolloutSource}), or elsewhere with the same result. */
public interface RolloutExecutor {

    /**
     * {@code samples} completions of each task, task by task, with their verdicts; completion i
     * draws from random stream {@code firstIndex + i} of {@code sampling}'s seed, so the same call
     * gives the same completions wherever it runs. {@code progress} hears how many are generated.
     */
    RolloutBatch roll(List<Task> tasks, int samples, Sampling sampling, StopConditions stop, long firstIndex,
                      Consumer<Integer> progress);
}
