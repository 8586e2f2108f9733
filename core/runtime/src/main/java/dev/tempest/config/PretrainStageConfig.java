package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Next-token pre-training from scratch: a new model, a byte-level BPE vocabulary trained on the
 * data set, and the training loop. Every field but {@code name}, {@code model} and
 * {@code dataset} has a default.
 *
 * @param vocabSize          the BPE vocabulary to train on the data set, special tokens included
 * @param specialTokens      tokens reserved as single ids besides {@code <|endoftext|>}, such as a chat template's
 * @param validationFraction the share of the token stream, at its end, held out for evaluation
 * @param batchSize          B: sequences per micro-batch
 * @param sequenceLength     T: tokens per sequence
 * @param steps              optimiser steps
 * @param microBatches       micro-batches per step (gradient accumulation)
 * @param learningRate       the peak rate, reached after {@code warmupSteps} and decayed by cosine to {@code minLearningRate}
 * @param device             where to train: {@code cpu} (default), {@code opencl}, {@code opencl:P:D}, or a plugin backend's spec
 * @param threads            cpu threads; default (null) every core of the machine it runs on
 * @param keepCheckpoints    the newest checkpoints kept; older ones are deleted
 * @param seed               seeds the initial weights, so a run repeats exactly
 */
@JsonPropertyOrder({"name", "model", "dataset", "vocab_size", "special_tokens", "validation_fraction", "batch_size", "sequence_length",
        "steps", "micro_batches", "learning_rate", "min_learning_rate", "warmup_steps", "weight_decay", "clip_norm",
        "eval_every", "eval_batches", "checkpoint_every", "keep_checkpoints", "device", "threads", "seed"})
public record PretrainStageConfig(String name, ModelSpec model, DatasetConfig dataset, Integer vocabSize,
                                  List<String> specialTokens,
                                  Double validationFraction, Integer batchSize, Integer sequenceLength, Integer steps,
                                  Integer microBatches, Double learningRate, Double minLearningRate, Integer warmupSteps,
                                  Double weightDecay, Double clipNorm, Integer evalEvery, Integer evalBatches,
                                  Integer checkpointEvery, Integer keepCheckpoints, String device, Integer threads, Long seed) implements TrainingStageConfig {

    /** What documents are joined with; always a special token. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    public PretrainStageConfig {
        vocabSize = vocabSize != null ? vocabSize : 512;
        specialTokens = specialTokens != null ? List.copyOf(specialTokens) : List.of();
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
        if (vocabSize <= 256 + 1 + specialTokens.size()) {
            throw new InvalidFieldException(Checks.field(at, "vocab_size"), "must be more than the 256 byte tokens and "
                    + (1 + specialTokens.size()) + " special ones");
        }
        for (int i = 0; i < specialTokens.size(); i++) {
            String token = specialTokens.get(i);
            if (token.isBlank() || token.equals(END_OF_TEXT) || specialTokens.indexOf(token) != i) {
                throw new InvalidFieldException(Checks.field(at, "special_tokens[" + i + "]"), "'" + token
                        + "' must be text, other than " + END_OF_TEXT + " (always reserved) and each listed once");
            }
        }
        long logits = (long) batchSize * sequenceLength * vocabSize;
        if (logits > Integer.MAX_VALUE) {
            throw new InvalidFieldException(Checks.field(at, "batch_size"), String.format("batch_size x sequence_length x"
                    + " vocab_size = %,d logits, more than one buffer holds (%,d); make the batch smaller", logits,
                    Integer.MAX_VALUE));
        }
        checkTraining(at);
        Checks.positive(Checks.field(at, "batch_size"), batchSize);
        Checks.positive(Checks.field(at, "sequence_length"), sequenceLength);
        Checks.share(Checks.field(at, "validation_fraction"), validationFraction);
    }

    @Override
    public List<Path> inputs() {
        return List.of(dataset.path());
    }

    @Override
    public boolean writesModel() {
        return true;
    }
}
