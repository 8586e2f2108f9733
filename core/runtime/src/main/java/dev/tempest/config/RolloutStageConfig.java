package dev.tempest.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An RL stage that learns from rollouts of its own policy (PPO, GRPO): prompts from a task
 * file, rewards from weighted terms, held-out tasks optionally evaluated. It writes a model.
 */
public interface RolloutStageConfig extends TrainingStageConfig, StartsFromModel, RewardedStage {

    /** The task rows the prompts are drawn from. */
    Path tasks();

    /** The chat template's name, {@code none}, or null for the starting model's. */
    String chatTemplate();

    /** Held-out tasks, or null. */
    EvalSettings evaluation();

    /**
     * One batch a step: a mini-batch's loss aggregates over all its completions (token_mean
     * divides by all their tokens), which accumulating smaller batches would not reproduce. A
     * rollout too large for memory takes more mini_batches instead.
     */
    @Override
    default Integer microBatches() {
        return 1;
    }

    @Override
    default List<Path> inputs() {
        List<Path> inputs = new ArrayList<>(List.of(tasks()));
        if (model().path() != null) {
            inputs.add(model().path());
        }
        inputs.addAll(rewardPaths());
        if (evaluation() != null) {
            inputs.add(evaluation().tasks());
        }
        return inputs;
    }

    @Override
    default boolean writesModel() {
        return true;
    }
}
