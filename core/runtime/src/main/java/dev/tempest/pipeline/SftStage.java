package dev.tempest.pipeline;

import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.ChatRecord;
import dev.tempest.api.DatasetLoader;
import dev.tempest.api.PromptCompletion;
import dev.tempest.api.Verifier;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.LossOn;
import dev.tempest.config.SftStageConfig;
import dev.tempest.config.StageConfig;
import dev.tempest.data.RowTally;
import dev.tempest.eval.EvalReport;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFolder;
import dev.tempest.random.SeededRandom;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.Example;
import dev.tempest.train.ExampleBatches;
import dev.tempest.train.Objective;
import dev.tempest.train.TrainResult;
import dev.tempest.train.Trainer;
import dev.tempest.train.TrainingDiverged;
import dev.tempest.verify.TaskFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Supervised fine-tuning: the starting model and its tokenizer, every chat or prompt/completion
 * row rendered through the chat template into tokens and the mask of what the loss covers, a
 * held-out share of the examples, and the next-token loss on the covered tokens only (all
 * tokens with {@code loss_on: all}), in padded or packed batches. The stage folder ends with
 * {@code model/}, whose {@code tokenizer_config.json} names the template.
 */
final class SftStage implements Stage {

    private final SftStageConfig config;
    private final DatasetLoader loader;
    private final StartingModels models;
    private final DeviceChoice device;
    private final List<StageConfig> earlier;   // the stages before this one, one of which may write its model
    private final Map<String, Verifier> verifiers; // those the evaluation's tasks name

    SftStage(SftStageConfig config, DatasetLoader loader, StartingModels models, DeviceChoice device,
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
        Map<String, Object> summary = new LinkedHashMap<>();
        List<Example> examples = examples(tokenizer, template, context, summary);
        int heldOut = FineTuning.heldOut(examples.size(), config.validationFraction(), config.dataset().path(),
                "examples");
        List<Example> shuffled = FineTuning.shuffled(examples, config.seed());
        List<Example> validation = shuffled.subList(0, heldOut);
        List<Example> training = shuffled.subList(heldOut, shuffled.size());
        context.console().printf("  %,d examples, %,d held out; chat template %s, loss on %s%s%n", examples.size(),
                heldOut, template.name(), config.lossOn() == LossOn.ALL ? "every token" : "the completion",
                config.packing() ? ", packed" : "");
        summary.put("examples", examples.size());
        summary.put("held_out_examples", heldOut);

        try (TrainingSession session = TrainingSession.open(config, context, device)) {
            LanguageModel model = FineTuning.load(source, models.family(source), tokenizer, session.backend(),
                    context.console());
            ExampleBatches.Layout layout = config.packing() ? ExampleBatches.Layout.PACKED : ExampleBatches.Layout.PADDED;
            ExampleBatches held = new ExampleBatches(validation, Math.min(config.batchSize(), heldOut),
                    config.sequenceLength(), layout, config.seed());
            Trainer trainer = session.trainer(model, Objective.nextToken(),
                    new ExampleBatches(training, config.batchSize(), config.sequenceLength(), layout, config.seed()),
                    held, new SeededRandom(config.seed()));
            float before = heldOutLossFromStart(trainer, held);
            TrainResult result = session.train();
            float after = heldOutLossFromStart(trainer, held);
            context.console().printf("  trained to step %d: loss %s, held-out loss %.3f (it started at %.3f)%n",
                    result.lastStep(), result.ranSteps() ? String.format("%.3f", result.lastLoss()) : "-", after, before);
            session.save(model, tokenizer, template);
            if (result.ranSteps()) {
                summary.put("train_loss", result.lastLoss());
            }
            summary.put("start_val_loss", before);
            summary.put("val_loss", after);
            if (config.evaluation() != null) {
                EvalReport report = ModelEvaluation.run(model, tokenizer, template, TaskFile.read(config.evaluation().tasks()),
                        verifiers, config.evaluation(), config.seed(), context.console());
                report.metrics().forEach((key, value) -> summary.put("eval_" + key, value));
            }
            return summary;
        } catch (TrainingDiverged | DeviceException e) {
            throw new RunException(config.name() + ": " + e.getMessage(), e);
        }
    }

    /** The held-out loss over the same batches each time, so that before and after compare. */
    private static float heldOutLossFromStart(Trainer trainer, ExampleBatches held) {
        held.seek(0);
        float loss = trainer.evaluate().value();
        held.seek(0);
        return loss;
    }

    /** Every usable row rendered, cut to the sequence length; the counts go to the console and {@code summary}. */
    private List<Example> examples(Tokenizer tokenizer, ChatTemplate template, StageContext context,
                                   Map<String, Object> summary) throws RunException, IOException {
        List<Example> examples = new ArrayList<>();
        int[] counts = new int[3]; // other kinds of row, cut to the sequence length, left with nothing to learn
        RowTally tally = DataSets.read(config.dataset(), loader, record -> {
            if (!(record instanceof ChatRecord || record instanceof PromptCompletion)) {
                counts[0]++;
                return;
            }
            Example example = lossOn(template.render(tokenizer, record));
            if (example.tokens().length > config.sequenceLength() + 1) {
                counts[1]++;
                example = example.truncate(config.sequenceLength() + 1);
            }
            if (example.trainsAnything()) {
                examples.add(example);
            } else {
                counts[2]++;
            }
        });
        summary.putAll(DataSets.report(tally.rows(), tally.badRows(), tally.firstBadRows(), context.console()));
        if (counts[0] > 0) {
            throw new RunException(config.dataset().path() + ": " + counts[0] + " rows are neither chats (\"messages\")"
                    + " nor prompt/completion pairs, which SFT trains on");
        }
        if (counts[1] + counts[2] > 0) {
            context.console().printf("  %,d examples cut to %d tokens; %,d left with nothing to learn and skipped%n",
                    counts[1], config.sequenceLength() + 1, counts[2]);
        }
        summary.put("truncated", counts[1]);
        summary.put("skipped", counts[2]);
        if (examples.isEmpty()) {
            throw new RunException(config.dataset().path() + ": no example has a completion to learn");
        }
        return examples;
    }

    /** The example with the loss on what {@code loss_on} says. */
    private Example lossOn(Example rendered) {
        if (config.lossOn() == LossOn.COMPLETION) {
            return rendered;
        }
        boolean[] all = new boolean[rendered.tokens().length];
        Arrays.fill(all, true);
        return new Example(rendered.tokens(), all);
    }
}
