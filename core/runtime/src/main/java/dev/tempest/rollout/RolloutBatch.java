package dev.tempest.rollout;

import java.util.List;

/** Rollouts in the order asked for, and where their time went: generating, and waiting for verdicts after the last batch. */
public record RolloutBatch(List<Rollout> rollouts, double generationSeconds, double verificationSeconds) {

    public RolloutBatch {
        rollouts = List.copyOf(rollouts);
    }
}
