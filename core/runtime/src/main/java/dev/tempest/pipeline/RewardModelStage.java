package dev.tempest.pipeline;

import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.DatasetLoader;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.DatasetConfig;
import dev.tempest.config.PairEvaluation;
import dev.tempest.config.PretrainStageConfig;
import dev.tempest.config.RewardModelStageConfig;
import dev.tempest.config.StageConfig;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFamily;
import dev.tempest.model.ModelFolder;
import dev.tempest.model.ScoreHead;
import dev.tempest.random.SeededRandom;
import dev.tempest.rl.PairLoss;
import dev.tempest.rl.RewardEvaluation;
import dev.tempest.rl.RewardModelObjective;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.PairBatches;
import dev.tempest.train.PreferenceExample;
import dev.tempest.train.TrainResult;
import dev.tempest.train.Trainer;
import dev.tempest.train.TrainingDiverged;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A reward model, as TRL's RewardTrainer trains one: the starting language model with a score
 * head on its backbone ({@link ScoreHead}), every preference pair rendered through the chat
 * template as the prompt with each answer, cut to the sequence length, a seeded held-out share,
 * and the Bradley-Terry loss on the rewards of each pair's two sequences, scored in one batch.
 * Pairwise accuracy and mean margin on the held-out pairs, and on each extra evaluation file, are
 * reported before and after training. The stage folder ends with {@code model/}, a Hugging Face
 * sequence classifier whose {@code pad_token_id} is the end-of-text token, as TRL pads.
 */
final class RewardModelStage implements Stage {

    private final RewardModelStageConfig config;
    private final DatasetLoader loader;
    private final StartingModels models;
    private final DeviceChoice device;
    private final List<StageConfig> earlier;   // the stages before this one, one of which may write its model

    RewardModelStage(RewardModelStageConfig config, DatasetLoader loader, StartingModels models, DeviceChoice device,
                     List<StageConfig> earlier) {
        this.config = config;
        this.loader = loader;
        this.models = models;
        this.device = device;
        this.earlier = earlier;
    }

    @Override
    public void check() {
        DataSets.check("dataset", config.dataset(), loader);
        for (int i = 0; i < config.evaluation().size(); i++) {
            DataSets.check("evaluation[" + i + "]", data(config.evaluation().get(i)), loader);
        }
        FineTuning.check(models, config.model(), earlier, FineTuning.template(config.chatTemplate()), config.growVocabulary());
    }

    /** An evaluation file, read as the stage's data set is. */
    private DatasetConfig data(PairEvaluation evaluation) {
        return new DatasetConfig(config.dataset().loader(), evaluation.path(), config.dataset().onBadRow());
    }

    @Override
    public Map<String, Object> run(StageContext context) throws RunException, IOException {
        ModelFolder source = models.folder(config.model(), context);
        ChatTemplate template = FineTuning.template(config.chatTemplate());
        Tokenizer tokenizer = FineTuning.tokenizer(source, template);
        OptionalInt pad = tokenizer.specialToken(PretrainStageConfig.END_OF_TEXT);
        Map<String, Object> summary = new LinkedHashMap<>();
        List<PreferenceExample> pairs = pairs(config.dataset(), tokenizer, template, context.console(), summary);
        int heldOut = FineTuning.heldOut(pairs.size(), config.validationFraction(), config.dataset().path(), "pairs");
        List<PreferenceExample> shuffled = FineTuning.shuffled(pairs, config.seed());
        List<PreferenceExample> validation = shuffled.subList(0, heldOut);
        List<PreferenceExample> training = shuffled.subList(heldOut, shuffled.size());
        Map<String, List<PreferenceExample>> evaluations = new LinkedHashMap<>();
        for (PairEvaluation evaluation : config.evaluation()) {
            evaluations.put(evaluation.name(), pairs(data(evaluation), tokenizer, template, context.console(), new LinkedHashMap<>()));
        }
        context.console().printf("  %,d pairs, %,d held out; chat template %s%n", pairs.size(), heldOut, template.name());
        summary.put("pairs", pairs.size());
        summary.put("held_out_pairs", heldOut);

        try (TrainingSession session = TrainingSession.open(config, context, device)) {
            ModelFamily family = models.family(source);
            LanguageModel model = rewardModel(FineTuning.load(source, family, tokenizer, session.backend(), context.console()),
                    family, pad);
            Trainer trainer = session.trainer(model, new RewardModelObjective(config.centerRewardsCoefficient()),
                    new PairBatches(training, config.batchSize(), pad, config.seed()),
                    new PairBatches(validation, Math.min(config.batchSize(), heldOut), pad, config.seed()),
                    new SeededRandom(config.seed()));
            Map<String, PairLoss> before = evaluate(model, validation, evaluations, pad);
            TrainResult result = session.train();
            Map<String, PairLoss> after = evaluate(model, validation, evaluations, pad);
            context.console().printf("  trained to step %d: loss %s%n", result.lastStep(),
                    result.ranSteps() ? String.format("%.3f", result.lastLoss()) : "-");
            session.save(model, tokenizer, template, pad.isPresent() ? PretrainStageConfig.END_OF_TEXT : null);
            if (result.ranSteps()) {
                summary.put("train_loss", result.lastLoss());
            }
            report(before, after, evaluations, context.console(), summary);
            return summary;
        } catch (TrainingDiverged | DeviceException e) {
            throw new RunException(config.name() + ": " + e.getMessage(), e);
        }
    }

    /** The classifier on {@code lm}'s backbone, its head drawn from the stage's seed. */
    private LanguageModel rewardModel(LanguageModel lm, ModelFamily family, OptionalInt pad) throws RunException {
        try {
            return ScoreHead.attach(lm, family, pad, new SeededRandom(config.seed()));
        } catch (IllegalArgumentException e) {
            throw new RunException(config.name() + ": " + e.getMessage() + "; a reward model needs one");
        }
    }

    /** Loss, accuracy and margin on the held-out pairs (under "") and on each evaluation file (under its name). */
    private Map<String, PairLoss> evaluate(LanguageModel model, List<PreferenceExample> validation,
                                                      Map<String, List<PreferenceExample>> evaluations, OptionalInt pad) {
        Map<String, PairLoss> results = new LinkedHashMap<>();
        results.put("", RewardEvaluation.of(model, validation, config.batchSize(), pad, config.centerRewardsCoefficient()));
        evaluations.forEach((name, pairs) -> results.put(name,
                RewardEvaluation.of(model, pairs, config.batchSize(), pad, config.centerRewardsCoefficient())));
        return results;
    }

    /**
     * Each evaluation before and after training, on the console and in the summary: held-out
     * {@code start_val_loss}, {@code val_loss}, {@code start_accuracy}, {@code accuracy},
     * {@code start_margin}, {@code margin}; per file the same under {@code eval_NAME_}, with its pair count.
     */
    private static void report(Map<String, PairLoss> before, Map<String, PairLoss> after,
                               Map<String, List<PreferenceExample>> evaluations, PrintWriter console,
                               Map<String, Object> summary) {
        for (String name : before.keySet()) {
            PairLoss start = before.get(name);
            PairLoss end = after.get(name);
            String prefix = name.isEmpty() ? "" : "eval_" + name + "_";
            console.printf("  %s: pairwise accuracy %.3f (it started at %.3f), mean margin %.3f (from %.3f), loss %.3f (from %.3f)%n",
                    name.isEmpty() ? "held-out pairs" : name + " (" + evaluations.get(name).size() + " pairs)",
                    accuracy(end), accuracy(start), margin(end), margin(start), end.loss(), start.loss());
            if (!name.isEmpty()) {
                summary.put(prefix + "pairs", evaluations.get(name).size());
            }
            summary.put("start_" + prefix + "val_loss", start.loss());
            summary.put(prefix + "val_loss", end.loss());
            summary.put("start_" + prefix + "accuracy", accuracy(start));
            summary.put(prefix + "accuracy", accuracy(end));
            summary.put("start_" + prefix + "margin", margin(start));
            summary.put(prefix + "margin", margin(end));
        }
    }

    private static double accuracy(PairLoss result) {
        return result.metrics().get("accuracy");
    }

    private static double margin(PairLoss result) {
        return result.metrics().get("margin");
    }

    /** The pairs of {@code data}, each sequence cut to the sequence length, as the score head reads them. */
    private List<PreferenceExample> pairs(DatasetConfig data, Tokenizer tokenizer, ChatTemplate template,
                                          PrintWriter console, Map<String, Object> summary)
            throws RunException, IOException {
        return PreferenceRows.read(data, loader, tokenizer, template, config.sequenceLength(), "a reward model", console,
                summary).stream().map(pair -> new PreferenceExample(pair.chosen().tokens(), pair.rejected().tokens(),
                pair.margin())).toList();
    }
}
