package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tempest.rl.LossAggregation;
import java.nio.file.Path;
import java.util.List;

/**
 * Reinforcement learning from verifiable rewards with GRPO: for each prompt drawn from a task
 * file, {@code samples_per_prompt} completions, each rewarded by the verifier its task names (or
 * by the weighted terms of {@code rewards}: verifiers and reward models);
 * advantages relative to the prompt's group; the clipped ratio objective, optionally a KL
 * penalty to the frozen starting model. Every field but {@code name}, {@code model} and
 * {@code tasks} has a default.
 *
 * @param rewards          the reward terms, summed with their weights; default the task's verifier alone
 * @param promptsPerStep   prompts a rollout draws, each answered samples_per_prompt times
 * @param epochs           passes over each rollout; with 1 the ratio is 1 and the old log-probs are the sampler's
 * @param miniBatches      optimiser steps per pass: the rollout is cut into this many parts
 * @param clipLow          the clip range below 1 (epsilon)
 * @param clipHigh         the clip range above 1 (DAPO's clip-higher: above clip_low)
 * @param beta             the k3 KL penalty's weight; 0 loads no reference model
 * @param scaleRewards     divide each group's centred rewards by its standard deviation (off, as Dr. GRPO)
 * @param dynamicSampling  replace groups whose rewards are all equal by drawing more prompts (DAPO)
 * @param overlong         what a response cut off at max_tokens gets: kept, a penalty, or no loss
 * @param evaluation       held-out tasks answered every eval_every steps and at the end: pass@1, pass@k
 */
@JsonPropertyOrder({"name", "model", "tasks", "rewards", "chat_template", "prompts_per_step", "samples_per_prompt", "temperature",
        "top_p", "max_tokens", "epochs", "mini_batches", "clip_low", "clip_high", "beta", "scale_rewards",
        "loss_aggregation", "dynamic_sampling", "overlong", "overlong_penalty", "verifier_timeout", "steps",
        "learning_rate", "min_learning_rate", "warmup_steps", "weight_decay", "clip_norm",
        "eval_every", "eval_batches", "checkpoint_every", "keep_checkpoints", "device", "threads", "seed", "evaluation"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrpoStageConfig(String name, StartingModel model, Path tasks, List<RewardTerm> rewards, String chatTemplate, Integer promptsPerStep,
                              Integer samplesPerPrompt, Double temperature, Double topP, Integer maxTokens, Integer epochs,
                              Integer miniBatches, Double clipLow, Double clipHigh, Double beta, Boolean scaleRewards,
                              LossAggregation lossAggregation, Boolean dynamicSampling, OverlongResponses overlong,
                              Double overlongPenalty, Double verifierTimeout, Integer steps,
                              Double learningRate, Double minLearningRate, Integer warmupSteps, Double weightDecay,
                              Double clipNorm, Integer evalEvery, Integer evalBatches, Integer checkpointEvery,
                              Integer keepCheckpoints, String device, Integer threads, Long seed, EvalSettings evaluation)
        implements RolloutStageConfig {

    public GrpoStageConfig {
        rewards = rewards != null ? List.copyOf(rewards) : List.of(new RewardTerm(RewardTerm.TASK_VERIFIER, null, null, null,
                null, null));
        promptsPerStep = promptsPerStep != null ? promptsPerStep : 8;
        samplesPerPrompt = samplesPerPrompt != null ? samplesPerPrompt : 8;
        temperature = temperature != null ? temperature : 1.0;
        topP = topP != null ? topP : 1.0;
        maxTokens = maxTokens != null ? maxTokens : 64;
        epochs = epochs != null ? epochs : 1;
        miniBatches = miniBatches != null ? miniBatches : 1;
        clipLow = clipLow != null ? clipLow : 0.2;
        clipHigh = clipHigh != null ? clipHigh : clipLow;
        beta = beta != null ? beta : 0.0;
        scaleRewards = scaleRewards != null ? scaleRewards : false;
        lossAggregation = lossAggregation != null ? lossAggregation : LossAggregation.TOKEN_MEAN;
        dynamicSampling = dynamicSampling != null ? dynamicSampling : false;
        overlong = overlong != null ? overlong : OverlongResponses.KEEP;
        overlongPenalty = overlongPenalty != null ? overlongPenalty : -1.0;
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
        Checks.positive(Checks.field(at, "prompts_per_step"), promptsPerStep);
        if (samplesPerPrompt < 2) {
            throw new InvalidFieldException(Checks.field(at, "samples_per_prompt"),
                    "must be at least 2: advantages are relative to the other answers to a prompt; got " + samplesPerPrompt);
        }
        Checks.nonNegative(Checks.field(at, "temperature"), temperature);
        if (!(topP > 0 && topP <= 1)) {
            throw new InvalidFieldException(Checks.field(at, "top_p"), "must be above 0 and at most 1, got " + topP);
        }
        Checks.positive(Checks.field(at, "max_tokens"), maxTokens);
        Checks.positive(Checks.field(at, "epochs"), epochs);
        Checks.positive(Checks.field(at, "mini_batches"), miniBatches);
        Checks.atMost(Checks.field(at, "mini_batches"), miniBatches, (long) promptsPerStep * samplesPerPrompt,
                "each part of a rollout needs a completion");
        Checks.share(Checks.field(at, "clip_low"), clipLow);
        Checks.positive(Checks.field(at, "clip_high"), clipHigh);
        Checks.nonNegative(Checks.field(at, "beta"), beta);
        Checks.positive(Checks.field(at, "verifier_timeout"), verifierTimeout);
        if (!Double.isFinite(overlongPenalty)) {
            throw new InvalidFieldException(Checks.field(at, "overlong_penalty"), "must be a finite number, got " + overlongPenalty);
        }
        if (evaluation != null) {
            evaluation.check(Checks.field(at, "evaluation"));
        }
    }
}
