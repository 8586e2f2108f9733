package dev.tempest.pipeline;

import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.DatasetLoader;
import dev.tempest.api.Verifier;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.DpoStageConfig;
import dev.tempest.config.StageConfig;
import dev.tempest.eval.EvalReport;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFolder;
import dev.tempest.random.SeededRandom;
import dev.tempest.rl.DpoLoss;
import dev.tempest.rl.DpoObjective;
import dev.tempest.rl.PairLoss;
import dev.tempest.rl.SequenceLogProbs;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.Example;
import dev.tempest.train.ExampleBatches;
import dev.tempest.train.TrainResult;
import dev.tempest.train.TrainingDiverged;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Direct preference optimisation, as TRL's DPOTrainer runs it: every preference pair rendered
 * through the chat template (the loss on each answer's tokens), a seeded held-out share, the
 * reference log-probs of every answer computed once under the starting model before it trains,
 * and DPO's loss on each batch of whole pairs. The held-out pairs' loss and implicit-reward
 * accuracy, and the evaluation tasks when given, are reported before and after training. The
 * stage folder ends with {@code model/}, a language model that speaks the template.
 */
final class DpoStage implements Stage {

    private final DpoStageConfig config;
    private final DatasetLoader loader;
    private final StartingModels models;
    private final DeviceChoice device;
    private final List<StageConfig> earlier;       // the stages before this one, one of which may write its model
    private final Map<String, Verifier> verifiers; // those the evaluation's tasks name

    DpoStage(DpoStageConfig config, DatasetLoader loader, StartingModels models, DeviceChoice device,
             List<StageConfig> earlier, Map<String, Verifier> verifiers) {
        this.config = config;
        this.loader = loader;
        this.models = models;
        this.device = device;
        this.earlier = earlier;
        this.verifiers = verifiers;
    }

    @Override
    public void check() {
        DataSets.check("dataset", config.dataset(), loader);
        if (config.evaluation() != null) {
            ModelEvaluation.tasks(config.evaluation().tasks(), "evaluation.tasks");
        }
        FineTuning.check(models, config.model(), earlier, FineTuning.template(config.chatTemplate()), config.growVocabulary());
    }

    @Override
    public Map<String, Object> run(StageContext context) throws RunException, IOException {
        ModelFolder source = models.folder(config.model(), context);
        ChatTemplate template = FineTuning.template(config.chatTemplate());
        Tokenizer tokenizer = FineTuning.tokenizer(source, template);
        int T = config.sequenceLength();
        Map<String, Object> summary = new LinkedHashMap<>();
        List<PreferenceRows.RenderedPair> pairs = FineTuning.shuffled(PreferenceRows.read(config.dataset(), loader,
                tokenizer, template, T + 1, "DPO", context.console(), summary), config.seed());
        int heldOut = FineTuning.heldOut(pairs.size(), config.validationFraction(), config.dataset().path(), "pairs");
        List<Example> examples = new ArrayList<>();  // (2P): chosen, rejected of each pair, the held-out pairs first
        for (PreferenceRows.RenderedPair pair : pairs) {
            examples.add(pair.chosen());
            examples.add(pair.rejected());
        }
        context.console().printf("  %,d pairs, %,d held out; chat template %s, %s loss, beta %s%n", pairs.size(), heldOut,
                template.name(), config.lossType().name().toLowerCase(), config.beta());
        summary.put("pairs", pairs.size());
        summary.put("held_out_pairs", heldOut);

        try (TrainingSession session = TrainingSession.open(config, context, device)) {
            LanguageModel model = FineTuning.load(source, models.family(source), tokenizer, session.backend(),
                    context.console());
            context.console().println("  reference log-probs of every answer under the starting model");
            DpoObjective objective = new DpoObjective(new DpoLoss(config.lossType(), config.beta(),
                    config.labelSmoothing(), config.rpoAlpha()), SequenceLogProbs.of(model, examples, T));
            List<Integer> validation = firstExamples(0, heldOut);
            List<Integer> training = firstExamples(heldOut, pairs.size());
            session.trainer(model, objective,
                    new ExampleBatches(examples, 2, training, config.batchSize(), T, ExampleBatches.Layout.PADDED,
                            config.seed()),
                    new ExampleBatches(examples, 2, validation, Math.min(config.batchSize(), heldOut), T,
                            ExampleBatches.Layout.PADDED, config.seed()),
                    new SeededRandom(config.seed()));
            List<Example> heldOutExamples = examples.subList(0, 2 * heldOut);
            Map<String, Object> before = evaluate(model, tokenizer, template, objective, heldOutExamples, context);
            TrainResult result = session.train();
            Map<String, Object> after = evaluate(model, tokenizer, template, objective, heldOutExamples, context);
            context.console().printf("  trained to step %d: loss %s%n", result.lastStep(),
                    result.ranSteps() ? String.format("%.4f", result.lastLoss()) : "-");
            session.save(model, tokenizer, template);
            if (result.ranSteps()) {
                summary.put("train_loss", result.lastLoss());
            }
            report(before, after, context.console(), summary);
            return summary;
        } catch (TrainingDiverged | DeviceException e) {
            throw new RunException(config.name() + ": " + e.getMessage(), e);
        }
    }

    /** The first example of each pair numbered {@code from} to {@code to} (exclusive). */
    private static List<Integer> firstExamples(int from, int to) {
        return IntStream.range(from, to).map(pair -> 2 * pair).boxed().toList();
    }

    /**
     * The held-out pairs' DPO loss ({@code val_loss}) and implicit-reward accuracy ({@code
     * accuracy}: the share whose chosen answer gained more log-probability over the reference than
     * the rejected one), and the evaluation's metrics under {@code eval_} when it has tasks.
     */
    private Map<String, Object> evaluate(LanguageModel model, Tokenizer tokenizer, ChatTemplate template,
                                         DpoObjective objective, List<Example> heldOut, StageContext context) {
        PairLoss pairs = objective.heldOut(SequenceLogProbs.of(model, heldOut, config.sequenceLength()), heldOut.size() / 2);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", pairs.loss());
        metrics.put("accuracy", pairs.metrics().get("rewards/accuracies"));
        metrics.put("margin", pairs.metrics().get("rewards/margins"));
        if (config.evaluation() != null) {
            EvalReport report = ModelEvaluation.run(model, tokenizer, template,
                    ModelEvaluation.tasks(config.evaluation().tasks(), "evaluation.tasks"), verifiers, config.evaluation(),
                    config.seed(), context.console());
            report.metrics().forEach((key, value) -> metrics.put("eval_" + key, value));
        }
        return metrics;
    }

    /** Each metric before training (as {@code start_NAME}) and after, on the console and in the summary. */
    private static void report(Map<String, Object> before, Map<String, Object> after, PrintWriter console,
                               Map<String, Object> summary) {
        console.printf("  held-out pairs: implicit-reward accuracy %.3f (it started at %.3f), margin %.3f, loss %.4f"
                        + " (from %.4f)%n", after.get("accuracy"), before.get("accuracy"), after.get("margin"),
                after.get("val_loss"), before.get("val_loss"));
        before.forEach((key, value) -> summary.put("start_" + key, value));
        summary.putAll(after);
    }
}
