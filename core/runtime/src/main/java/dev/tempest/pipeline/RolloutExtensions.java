package dev.tempest.pipeline;

import dev.tempest.api.RewardModel;
import dev.tempest.api.Verifier;
import dev.tempest.config.RolloutStageConfig;
import java.util.List;
import java.util.Map;

/**
 * What an RL stage that learns from its own rollouts (PPO, GRPO) finds before it runs: where its
 * starting model comes from, its device, the verifiers its training and held-out tasks name, and
 * per reward term the RewardModel extension it names (null for the task's verifier).
 */
record RolloutExtensions(StartingModels models, DeviceChoice device, Map<String, Verifier> verifiers,
                         Map<String, Verifier> heldOut, List<RewardModel> rewardModels) {

    /** The stage's starting model, task files and template, checked before any stage runs. */
    void check(RolloutStageConfig config) {
        models.check(config.model());
        ModelEvaluation.tasks(config.tasks(), "tasks");
        if (config.evaluation() != null) {
            ModelEvaluation.tasks(config.evaluation().tasks(), "evaluation.tasks");
        }
        ModelEvaluation.checkTemplate(config.chatTemplate());
    }
}
