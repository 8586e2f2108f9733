package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Next-token pre-training from scratch: a new model, a byte-level BPE vocabulary trained on the
 * data set, and the training loop. Every field but {@code name}, {@code model} and
 * {@code dataset} has a default.
 *
 * @param vocabSize          the BPE vocabulary to train on the data set, special tokens included
 * @param validationFraction the share of the token stream, at its end, held out for evaluation
 * @param batchSize          B: sequences per micro-batch
 * @param sequenceLength     T: tokens per sequence
 * @param steps              optimiser steps
 * @param microBatches       micro-batches per step (gradient accumulation)
 * @param learningRate       the peak rate, reached after {@code warmupSteps} and decayed by cosine to {@code minLearningRate}
 * @param device             where to train: {@code cpu} (default), {@code opencl}, {@code opencl:P:D}, or a plugin backend's spec
 * @param threads            cpu threads; default all cores
 * @param seed               seeds the initial weights, so a run repeats exactly
 */
@JsonPropertyOrder({"name", "model", "dataset", "vocab_size", "validation_fraction", "batch_size", "sequence_length",
        "steps", "micro_batches", "learning_rate", "min_learning_rate", "warmup_steps", "weight_decay", "clip_norm",
        "eval_every", "eval_batches", "checkpoint_every", "device", "threads", "seed"})
public record PretrainStageConfig(String name, ModelSpec model, DatasetConfig dataset, Integer vocabSize,
                                  Double validationFraction, Integer batchSize, Integer sequenceLength, Integer steps,
                                  Integer microBatches, Double learningRate, Double minLearningRate, Integer warmupSteps,
                                  Double weightDecay, Double clipNorm, Integer evalEvery, Integer evalBatches,
                                  Integer checkpointEvery, String device, Integer threads, Long seed) implements StageConfig {

    public PretrainStageConfig {
        vocabSize = vocabSize != null ? vocabSize : 512;
        validationFraction = validationFraction != null ? validationFraction : 0.1;
        batchSize = batchSize != null ? batchSize : 8;
        sequenceLength = sequenceLength != null ? sequenceLength : 64;
        steps = steps != null ? steps : 200;
        microBatches = microBatches != null ? microBatches : 1;
        learningRate = learningRate != null ? learningRate : 3e-3;
        minLearningRate = minLearningRate != null ? minLearningRate : learningRate / 10;
        warmupSteps = warmupSteps != null ? warmupSteps : Math.min(20, steps / 10);
        weightDecay = weightDecay != null ? weightDecay : 0.1;
        clipNorm = clipNorm != null ? clipNorm : 1.0;
        evalEvery = evalEvery != null ? evalEvery : 50;
        evalBatches = evalBatches != null ? evalBatches : 4;
        checkpointEvery = checkpointEvery != null ? checkpointEvery : 100;
        device = device != null ? device : "cpu";
        threads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        seed = seed != null ? seed : 0L;
    }

    @Override
    public void check(String at) {
        Checks.name(Checks.field(at, "name"), name);
        Checks.required(Checks.field(at, "model"), model);
        model.check(Checks.field(at, "model"));
        Checks.required(Checks.field(at, "dataset"), dataset);
        dataset.check(Checks.field(at, "dataset"));
        if (vocabSize <= 256) {
            throw new InvalidFieldException(Checks.field(at, "vocab_size"), "must be more than the 256 byte tokens");
        }
        Checks.positive(Checks.field(at, "batch_size"), batchSize);
        Checks.positive(Checks.field(at, "sequence_length"), sequenceLength);
        Checks.positive(Checks.field(at, "steps"), steps);
        Checks.positive(Checks.field(at, "micro_batches"), microBatches);
        Checks.device(Checks.field(at, "device"), device);
        Checks.positive(Checks.field(at, "threads"), threads);
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new InvalidFieldException(Checks.field(at, "validation_fraction"), "must be between 0 and 1, got " + validationFraction);
        }
        if (warmupSteps >= steps) {
            throw new InvalidFieldException(Checks.field(at, "warmup_steps"), "must be fewer than steps (" + steps + ")");
        }
    }
}
