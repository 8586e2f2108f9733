package dev.tempest.pipeline;

import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.Task;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.GrpoStageConfig;
import dev.tempest.eval.EvalReport;
import dev.tempest.generate.StopConditions;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFamily;
import dev.tempest.model.ModelFolder;
import dev.tempest.random.SeededRandom;
import dev.tempest.rl.GrpoObjective;
import dev.tempest.rollout.GrpoBatches;
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
 * Reinforcement learning from verifiable rewards with GRPO: the starting model answers prompts
 * drawn from a task file, each answer rewarded by the verifier its task names (under the
 * framework's deadline, verified while the next answers are generated) or by the configured
 * terms (verifiers and reward models, with weights), and learns from the
 * answers that did better than their group's mean ({@link GrpoBatches}, {@link GrpoObjective}).
 * The reference model, for the KL penalty, is a second copy of the starting weights, loaded only
 * when beta is above 0. Held-out tasks are answered every eval_every steps and at the end.
 */
final class GrpoStage implements Stage {

    private final GrpoStageConfig config;
    private final RolloutExtensions found;

    GrpoStage(GrpoStageConfig config, RolloutExtensions found) {
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
        context.console().printf("  %,d tasks, %d prompts x %d answers a rollout, prompts %s; KL penalty %s%n",
                tasks.size(), config.promptsPerStep(), config.samplesPerPrompt(),
                template == null ? "as they are" : "through the " + template.name() + " template",
                config.beta() == 0 ? "none" : "beta " + config.beta());
        Map<String, Object> summary = new LinkedHashMap<>();
        try (TrainingSession session = TrainingSession.open(config, context, found.device());
             VerifierRunner runner = new VerifierRunner(Runtime.getRuntime().availableProcessors(),
                     Duration.ofMillis(Math.round(config.verifierTimeout() * 1000)));
             RolloutRewards rewards = StageRewards.open(config, found.rewardModels(), context, found.device(), config.threadCount(),
                     template != null)) {
            ModelFamily family = found.models().family(folder);
            LanguageModel policy = folder.load(family, session.backend());
            LanguageModel reference = config.beta() > 0 ? folder.load(family, session.backend()) : null;
            TaskPrompts prompts = new TaskPrompts(tasks, tokenizer, template, config.seed());
            StopConditions stop = StopConditions.ofAnswer(tokenizer, template);
            GrpoBatches rollouts = new GrpoBatches(config, new RolloutSource(policy, prompts, found.verifiers(), runner),
                    prompts, reference, rewards, stop);
            Trainer trainer = session.trainer(policy, new GrpoObjective(config), rollouts, null,
                    new SeededRandom(config.seed()));
            if (config.evaluation() != null) {
                trainer.evaluatingEvery(() -> evaluate(policy, tokenizer, template, context).metrics());
            }
            TrainResult result = session.train();
            context.console().printf("  trained to step %d: loss %s%n", result.lastStep(),
                    result.ranSteps() ? String.format("%.4f", result.lastLoss()) : "-");
            session.save(policy, tokenizer, template);
            if (config.evaluation() != null) {
                evaluate(policy, tokenizer, template, context).metrics().forEach((key, value) -> summary.put("eval_" + key, value));
            }
            return summary;
        } catch (TrainingDiverged | DeviceException e) {
            throw new RunException(config.name() + ": " + e.getMessage(), e);
        }
    }

    private EvalReport evaluate(LanguageModel policy, Tokenizer tokenizer, ChatTemplate template, StageContext context) {
        return ModelEvaluation.run(policy, tokenizer, template, ModelEvaluation.tasks(config.evaluation().tasks(), "evaluation.tasks"),
                found.heldOut(), config.evaluation(), config.seed(), context.console());
    }
}
