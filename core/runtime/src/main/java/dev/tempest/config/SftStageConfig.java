package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Supervised fine-tuning: a model (from an earlier stage or a Hugging Face folder) trained on
 * conversations or prompt/completion pairs rendered through a chat template, the loss on what
 * the assistant says. Every field but {@code name}, {@code model} and {@code dataset} has a
 * default.
 *
 * @param chatTemplate   how conversations become tokens: {@code chatml} (default)
 * @param lossOn         {@code completion} (default): the assistant's tokens only; {@code all}: every token
 * @param packing        several short examples in one row, each attending only to itself (no padding)
 * @param growVocabulary give the template's special tokens new embedding rows when the model's tokenizer lacks them
 * @param sequenceLength T: the longest example, in tokens; longer ones are cut there
 * @param evaluation     held-out tasks the model answers after training, scored by their verifiers
 */
@JsonPropertyOrder({"name", "model", "dataset", "chat_template", "loss_on", "packing", "grow_vocabulary",
        "validation_fraction", "batch_size", "sequence_length", "steps", "micro_batches", "learning_rate",
        "min_learning_rate", "warmup_steps", "weight_decay", "clip_norm", "eval_every", "eval_batches",
        "checkpoint_every", "keep_checkpoints", "device", "threads", "seed", "evaluation"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SftStageConfig(String name, StartingModel model, DatasetConfig dataset, String chatTemplate, LossOn lossOn,
                             Boolean packing, Boolean growVocabulary, Double validationFraction, Integer batchSize,
                             Integer sequenceLength, Integer steps, Integer microBatches, Double learningRate,
                             Double minLearningRate, Integer warmupSteps, Double weightDecay, Double clipNorm,
                             Integer evalEvery, Integer evalBatches, Integer checkpointEvery, Integer keepCheckpoints,
                             String device, Integer threads, Long seed, EvalSettings evaluation)
        implements TrainingStageConfig, StartsFromModel {

    public SftStageConfig {
        chatTemplate = chatTemplate != null ? chatTemplate : "chatml";
        lossOn = lossOn != null ? lossOn : LossOn.COMPLETION;
        packing = packing != null ? packing : false;
        growVocabulary = growVocabulary != null ? growVocabulary : false;
        validationFraction = validationFraction != null ? validationFraction : 0.05;
        batchSize = batchSize != null ? batchSize : 8;
        sequenceLength = sequenceLength != null ? sequenceLength : 256;
        steps = steps != null ? steps : 100;
        microBatches = microBatches != null ? microBatches : 1;
        learningRate = learningRate != null ? learningRate : 1e-4;
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
