package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tempest.rl.DpoVariant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct preference optimisation, the offline alternative to a reward model and PPO: a model
 * trained on preference pairs to raise the chosen answer's log-probability over the rejected
 * one's, each measured against the frozen starting model. Every field but {@code name},
 * {@code model} and {@code dataset} has a default.
 *
 * @param chatTemplate   how pairs become tokens: chatml (default) or plain
 * @param growVocabulary whether the embedding grows by a row for each template token the tokenizer lacks
 * @param lossType       sigmoid (DPO), ipo or hinge
 * @param beta           how far from the reference the policy may move: larger keeps it closer
 * @param labelSmoothing the chance a pair's labels are swapped (conservative DPO; sigmoid only)
 * @param rpoAlpha       weight of the chosen answers' likelihood added to the loss (TRL's rpo_alpha), 0 for none
 * @param sequenceLength T: the longest prompt + answer, in tokens; longer ones are cut there
 */
@JsonPropertyOrder({"name", "model", "dataset", "chat_template", "grow_vocabulary", "loss_type", "beta", "label_smoothing", "rpo_alpha",
        "validation_fraction", "batch_size", "sequence_length", "steps", "micro_batches", "learning_rate",
        "min_learning_rate", "warmup_steps", "weight_decay", "clip_norm", "eval_every", "eval_batches",
        "checkpoint_every", "keep_checkpoints", "device", "threads", "seed", "evaluation"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DpoStageConfig(String name, StartingModel model, DatasetConfig dataset, String chatTemplate,
                             Boolean growVocabulary, DpoVariant lossType, Double beta, Double labelSmoothing,
                             Double rpoAlpha,
                             Double validationFraction, Integer batchSize, Integer sequenceLength, Integer steps,
                             Integer microBatches, Double learningRate, Double minLearningRate, Integer warmupSteps,
                             Double weightDecay, Double clipNorm, Integer evalEvery, Integer evalBatches,
                             Integer checkpointEvery, Integer keepCheckpoints, String device, Integer threads, Long seed,
                             EvalSettings evaluation) implements TrainingStageConfig, StartsFromModel {

    public DpoStageConfig {
        chatTemplate = chatTemplate != null ? chatTemplate : "chatml";
        growVocabulary = growVocabulary != null ? growVocabulary : false;
        lossType = lossType != null ? lossType : DpoVariant.SIGMOID;
        beta = beta != null ? beta : 0.1;
        labelSmoothing = labelSmoothing != null ? labelSmoothing : 0.0;
        rpoAlpha = rpoAlpha != null ? rpoAlpha : 0.0;
        validationFraction = validationFraction != null ? validationFraction : 0.1;
        batchSize = batchSize != null ? batchSize : 8;
        sequenceLength = sequenceLength != null ? sequenceLength : 256;
        steps = steps != null ? steps : 100;
        microBatches = microBatches != null ? microBatches : 1;
        learningRate = learningRate != null ? learningRate : 5e-5;
        minLearningRate = minLearningRate != null ? minLearningRate : learningRate / 10;
        warmupSteps = warmupSteps != null ? warmupSteps : Math.min(10, steps / 10);
        weightDecay = weightDecay != null ? weightDecay : 0.0;
        clipNorm = clipNorm != null ? clipNorm : 1.0;
        evalEvery = evalEvery != null ? evalEvery : 50;
        evalBatches = evalBatches != null ? evalBatches : 4;
        checkpointEvery = checkpointEvery != null ? checkpointEvery : 100;
        keepCheckpoints = keepCheckpoints != null ? keepCheckpoints : 3;
        device = device != null ? device : "cpu";
        seed = seed != null ? seed : 0L;
    }

    @Override
    public void check(String at) {
        Checks.name(Checks.field(at, "name"), name);
        Checks.required(Checks.field(at, "model"), model);
        model.check(Checks.field(at, "model"));
        Checks.required(Checks.field(at, "dataset"), dataset);
        dataset.check(Checks.field(at, "dataset"));
        checkTraining(at);
        Checks.positive(Checks.field(at, "beta"), beta);
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            throw new InvalidFieldException(Checks.field(at, "label_smoothing"),
                    "must be 0 or more and below 0.5 (the chance a pair's labels are swapped), got " + labelSmoothing);
        }
        if (labelSmoothing > 0 && lossType != DpoVariant.SIGMOID) {
            throw new InvalidFieldException(Checks.field(at, "label_smoothing"),
                    "applies to loss_type sigmoid only; " + lossType.name().toLowerCase() + " has none");
        }
        Checks.nonNegative(Checks.field(at, "rpo_alpha"), rpoAlpha);
        Checks.positive(Checks.field(at, "batch_size"), batchSize);
        Checks.positive(Checks.field(at, "sequence_length"), sequenceLength);
        Checks.share(Checks.field(at, "validation_fraction"), validationFraction);
        if (evaluation != null) {
            evaluation.check(Checks.field(at, "evaluation"));
        }
    }

    @Override
    public List<Path> inputs() {
        List<Path> inputs = new ArrayList<>(List.of(dataset.path()));
        if (model.path() != null) {
            inputs.add(model.path());
        }
        if (evaluation != null) {
            inputs.add(evaluation.tasks());
        }
        return inputs;
    }

    @Override
    public boolean writesModel() {
        return true;
    }
}
