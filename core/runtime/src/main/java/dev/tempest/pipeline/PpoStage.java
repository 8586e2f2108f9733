package dev.tempest.pipeline;

import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.Task;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.PpoStageConfig;
import dev.tempest.generate.StopConditions;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFamily;
import dev.tempest.model.ModelFolder;
import dev.tempest.model.ValueHeadModel;
import dev.tempest.random.SeededRandom;
import dev.tempest.rl.PpoObjective;
import dev.tempest.rollout.PpoBatches;
import dev.tempest.rollout.RolloutRewards;
import dev.tempest.rollout.RolloutSource;
import dev.tempest.rollout.TaskPrompts;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.TrainResult;
import dev.tempest.train.Trainer;
import dev.tempest.train.TrainingDiverged;
import dev.tempest.verify.VerifierRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RLHF with PPO: the starting model, with a value head put on its backbone, answers prompts drawn
 * from a task file; each answer is rewarded by the configured terms (a reward model, the task's
 * verifier) less a KL penalty to the frozen starting model, and policy and value head learn
 * together from GAE's advantages ({@link PpoBatches}, {@link PpoObjective}). The reference is a
 * second copy of the starting weights, loaded only when there is a KL penalty. What it writes is
 * the policy alone, in the starting model's layout. Held-out tasks are answered before
 * training, every eval_every steps and at the end.
 */
final class PpoStage implements Stage {

    private final PpoStageConfig config;
    private final RolloutExtensions found;

    PpoStage(PpoStageConfig config, RolloutExtensions found) {
        this.config = config;
        this.found = found;
    }

    @Override
    public void check() {
        found.check(config);
    }

    @Override
    public Map<String, Object> run(StageContext context) throws RunException, IOException {
        ModelFolder folder = found.models().folder(config.model(), context);
        ChatTemplate template = ModelEvaluation.template(config.chatTemplate(), folder);
        Tokenizer tokenizer = folder.tokenizer();
        List<Task> tasks = ModelEvaluation.tasks(config.tasks(), "tasks");
        boolean penalised = config.klCoef() > 0 || config.klTarget() != null;
        context.console().printf("  %,d tasks, %d prompts a rollout, %d x %d optimiser steps on each, prompts %s; KL"
                        + " penalty %s%n", tasks.size(), config.promptsPerStep(), config.epochs(), config.miniBatches(),
                template == null ? "as they are" : "through the " + template.name() + " template",
                !penalised ? "none" : config.klTarget() == null ? "kl_coef " + config.klCoef()
                        : "from kl_coef " + config.klCoef() + " towards a KL of " + config.klTarget());
        Map<String, Object> summary = new LinkedHashMap<>();
        try (TrainingSession session = TrainingSession.open(config, context, found.device());
             VerifierRunner runner = new VerifierRunner(Runtime.getRuntime().availableProcessors(),
                     Duration.ofMillis(Math.round(config.verifierTimeout() * 1000)));
             RolloutRewards rewards = StageRewards.open(config, found.rewardModels(), context, found.device(), config.threadCount(),
                     template != null)) {
            ModelFamily family = found.models().family(folder);
            LanguageModel start = folder.load(family, session.backend());
            ValueHeadModel model = ValueHeadModel.attach(start, family, new SeededRandom(config.seed()));
            LanguageModel reference = penalised ? start : null;  // the copy the value head's policy was made from stays frozen
            LanguageModel policy = model.policy();
            TaskPrompts prompts = new TaskPrompts(tasks, tokenizer, template, config.seed());
            StopConditions stop = StopConditions.ofAnswer(tokenizer, template);
            PpoBatches rollouts = new PpoBatches(config, new RolloutSource(policy, prompts, found.verifiers(), runner), prompts,
                    model, reference, rewards, stop);
            Trainer trainer = session.trainer(model, PpoObjective.of(config), rollouts, null,
                    new SeededRandom(config.seed()));
            if (config.evaluation() != null) {
                evaluate(policy, tokenizer, template, context).forEach((key, value) -> summary.put("start_eval_" + key, value));
                trainer.evaluatingEvery(() -> evaluate(policy, tokenizer, template, context));
            }
            TrainResult result = session.train();
            context.console().printf("  trained to step %d: loss %s%n", result.lastStep(),
                    result.ranSteps() ? String.format("%.4f", result.lastLoss()) : "-");
            session.save(policy, tokenizer, template);
            if (config.evaluation() != null) {
                evaluate(policy, tokenizer, template, context).forEach((key, value) -> summary.put("eval_" + key, value));
            }
            return summary;
        } catch (TrainingDiverged | DeviceException e) {
            throw new RunException(config.name() + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Object> evaluate(LanguageModel policy, Tokenizer tokenizer, ChatTemplate template,
                                         StageContext context) {
        return ModelEvaluation.run(policy, tokenizer, template, ModelEvaluation.tasks(config.evaluation().tasks(),
                "evaluation.tasks"), found.heldOut(), config.evaluation(), config.seed(), context.console()).metrics();
    }
}
