package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tempest.rl.KlEstimator;
import java.nio.file.Path;
import java.util.List;

/**
 * RLHF with PPO, as TRL's PPOTrainer: for each prompt drawn from a task file one completion from
 * the current policy, its reward from the reward terms at the end of the response, a per-token
 * KL penalty to the frozen starting policy (fixed, or adapted towards a target KL), a value head
 * on the policy's backbone with GAE, whitened advantages, the clipped policy and value losses,
 * several passes over each rollout. Every field but {@code name}, {@code model}, {@code tasks}
 * and {@code rewards} has a default, TRL's where it has one.
 *
 * @param tasks             the prompts: task rows, whose verifier scores each answer for the log
 *                          (and for the reward where a {@code verifier: task} term is given)
 * @param rewards           the reward terms, summed with their weights
 * @param missingEosPenalty subtracted from the reward of a response that never ends (TRL's missing_eos_penalty)
 * @param klCoef            the KL penalty's coefficient (its start, when adaptive)
 * @param klEstimator       k1 (TRL's default) or k3, per token
 * @param klTarget          the KL per response the adaptive controller steers to; null keeps kl_coef fixed
 * @param klHorizon         the adaptive controller's horizon, in responses
 * @param gamma             GAE's discount
 * @param lam               GAE's lambda
 * @param epochs            passes over each rollout (TRL's num_ppo_epochs)
 * @param miniBatches       optimiser steps per pass (TRL's num_mini_batches)
 * @param clipRange         the policy ratio's clip range
 * @param clipRangeValue    the value's clip range around its value at rollout time
 * @param vfCoef            the value loss's weight in the loss
 */
@JsonPropertyOrder({"name", "model", "tasks", "rewards", "chat_template", "prompts_per_step", "temperature", "top_p",
        "max_tokens", "missing_eos_penalty", "kl_coef", "kl_estimator", "kl_target", "kl_horizon", "gamma", "lam",
        "epochs", "mini_batches", "clip_range", "clip_range_value", "vf_coef", "verifier_timeout", "steps",
        "learning_rate", "min_learning_rate", "warmup_steps", "weight_decay", "clip_norm", "eval_every",
        "eval_batches", "checkpoint_every", "keep_checkpoints", "device", "threads", "seed", "evaluation"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PpoStageConfig(String name, StartingModel model, Path tasks, List<RewardTerm> rewards, String chatTemplate,
                             Integer promptsPerStep, Double temperature, Double topP, Integer maxTokens,
                             Double missingEosPenalty, Double klCoef, KlEstimator klEstimator, Double klTarget,
                             Double klHorizon, Double gamma, Double lam, Integer epochs, Integer miniBatches,
                             Double clipRange, Double clipRangeValue, Double vfCoef, Double verifierTimeout,
                             Integer steps, Double learningRate, Double minLearningRate, Integer warmupSteps,
                             Double weightDecay, Double clipNorm, Integer evalEvery, Integer evalBatches,
                             Integer checkpointEvery, Integer keepCheckpoints, String device, Integer threads, Long seed,
                             EvalSettings evaluation) implements RolloutStageConfig {

    public PpoStageConfig {
        rewards = rewards != null ? List.copyOf(rewards) : List.of();
        promptsPerStep = promptsPerStep != null ? promptsPerStep : 16;
        temperature = temperature != null ? temperature : 0.7;
        topP = topP != null ? topP : 1.0;
        maxTokens = maxTokens != null ? maxTokens : 64;
        missingEosPenalty = missingEosPenalty != null ? missingEosPenalty : 0.0;
        klCoef = klCoef != null ? klCoef : 0.05;
        klEstimator = klEstimator != null ? klEstimator : KlEstimator.K1;
        klHorizon = klHorizon != null ? klHorizon : 10_000.0;
        gamma = gamma != null ? gamma : 1.0;
        lam = lam != null ? lam : 0.95;
        epochs = epochs != null ? epochs : 4;
        miniBatches = miniBatches != null ? miniBatches : 1;
        clipRange = clipRange != null ? clipRange : 0.2;
        clipRangeValue = clipRangeValue != null ? clipRangeValue : 0.2;
        vfCoef = vfCoef != null ? vfCoef : 0.1;
        verifierTimeout = verifierTimeout != null ? verifierTimeout : 10.0;
        steps = steps != null ? steps : 100;
        learningRate = learningRate != null ? learningRate : 1e-5;
        minLearningRate = minLearningRate != null ? minLearningRate : learningRate;
        warmupSteps = warmupSteps != null ? warmupSteps : Math.min(10, steps / 10);
        weightDecay = weightDecay != null ? weightDecay : 0.0;
        clipNorm = clipNorm != null ? clipNorm : 1.0;
        evalEvery = evalEvery != null ? evalEvery : 50;
        evalBatches = evalBatches != null ? evalBatches : 1;
        checkpointEvery = checkpointEvery != null ? checkpointEvery : 50;
        keepCheckpoints = keepCheckpoints != null ? keepCheckpoints : 3;
        device = device != null ? device : "cpu";
        seed = seed != null ? seed : 0L;
    }

    @Override
    public void check(String at) {
        Checks.name(Checks.field(at, "name"), name);
        Checks.required(Checks.field(at, "model"), model);
        model.check(Checks.field(at, "model"));
        Checks.required(Checks.field(at, "tasks"), tasks);
        checkRewards(at);
        checkTraining(at);
        if (promptsPerStep < 2) {
            throw new InvalidFieldException(Checks.field(at, "prompts_per_step"), "must be at least 2: advantages are"
                    + " whitened over a rollout's responses; got " + promptsPerStep);
        }
        Checks.nonNegative(Checks.field(at, "temperature"), temperature);
        if (!(topP > 0 && topP <= 1)) {
            throw new InvalidFieldException(Checks.field(at, "top_p"), "must be above 0 and at most 1, got " + topP);
        }
        Checks.positive(Checks.field(at, "max_tokens"), maxTokens);
        Checks.nonNegative(Checks.field(at, "missing_eos_penalty"), missingEosPenalty);
        Checks.nonNegative(Checks.field(at, "kl_coef"), klCoef);
        if (klTarget != null) {
            Checks.positive(Checks.field(at, "kl_target"), klTarget);
        }
        Checks.positive(Checks.field(at, "kl_horizon"), klHorizon);
        Checks.unitInterval(Checks.field(at, "gamma"), gamma);
        Checks.unitInterval(Checks.field(at, "lam"), lam);
        Checks.positive(Checks.field(at, "epochs"), epochs);
        Checks.positive(Checks.field(at, "mini_batches"), miniBatches);
        Checks.atMost(Checks.field(at, "mini_batches"), miniBatches, promptsPerStep, "each part of a rollout needs a response");
        Checks.share(Checks.field(at, "clip_range"), clipRange);
        Checks.positive(Checks.field(at, "clip_range_value"), clipRangeValue);
        Checks.nonNegative(Checks.field(at, "vf_coef"), vfCoef);
        Checks.positive(Checks.field(at, "verifier_timeout"), verifierTimeout);
        if (evaluation != null) {
            evaluation.check(Checks.field(at, "evaluation"));
        }
    }
}
