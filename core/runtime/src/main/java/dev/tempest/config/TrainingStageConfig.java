package dev.tempest.config;

/**
 * What every stage that trains has, and its rules: the optimiser's and the loop's settings,
 * written flat in the stage as TRL's arguments are. How a stage batches its data is its own. Each stage record sets its own defaults (SFT's learning rate is
 * not pre-training's) and calls {@link #checkTraining}.
 */
public interface TrainingStageConfig extends StageConfig {

    int MAX_THREADS = 1024;

    /** Optimiser steps. */
    Integer steps();

    /** Micro-batches per step (gradient accumulation). */
    Integer microBatches();

    /** The peak rate, reached after {@link #warmupSteps} and decayed by cosine to {@link #minLearningRate}. */
    Double learningRate();

    Double minLearningRate();

    Integer warmupSteps();

    Double weightDecay();

    Double clipNorm();

    /** Steps between held-out evaluations (0: none). */
    Integer evalEvery();

    Integer evalBatches();

    /** Steps between checkpoints (0: only at the end). */
    Integer checkpointEvery();

    /** The newest checkpoints kept. */
    Integer keepCheckpoints();

    /** Where to train: {@code cpu}, {@code opencl}, {@code opencl:P:D}, or a plugin backend's spec. */
    String device();

    /**
     * cpu threads; null for every core of the machine the stage runs on, left out of the resolved
     * config so that a run can resume on a machine with another core count.
     */
    Integer threads();

    /** The threads to use here. */
    default int threadCount() {
        return threads() != null ? threads() : Runtime.getRuntime().availableProcessors();
    }

    /** Seeds everything random in the stage, so a run repeats exactly. */
    Long seed();

    /** The rules of the loop's settings, naming fields under {@code at}. */
    default void checkTraining(String at) {
        Checks.positive(Checks.field(at, "steps"), steps());
        Checks.positive(Checks.field(at, "micro_batches"), microBatches());
        Checks.positive(Checks.field(at, "learning_rate"), learningRate());
        Checks.nonNegative(Checks.field(at, "min_learning_rate"), minLearningRate());
        if (minLearningRate() > learningRate()) {
            throw new InvalidFieldException(Checks.field(at, "min_learning_rate"),
                    "must be at most learning_rate (" + learningRate() + "), got " + minLearningRate());
        }
        Checks.nonNegative(Checks.field(at, "warmup_steps"), warmupSteps());
        if (warmupSteps() >= steps()) {
            throw new InvalidFieldException(Checks.field(at, "warmup_steps"), "must be fewer than steps (" + steps() + ")");
        }
        Checks.nonNegative(Checks.field(at, "weight_decay"), weightDecay());
        Checks.positive(Checks.field(at, "clip_norm"), clipNorm());
        Checks.nonNegative(Checks.field(at, "eval_every"), evalEvery());
        Checks.positive(Checks.field(at, "eval_batches"), evalBatches());
        Checks.nonNegative(Checks.field(at, "checkpoint_every"), checkpointEvery());
        Checks.positive(Checks.field(at, "keep_checkpoints"), keepCheckpoints());
        Checks.device(Checks.field(at, "device"), device());
        if (threads() != null) {
            Checks.positive(Checks.field(at, "threads"), threads());
            Checks.atMost(Checks.field(at, "threads"), threads(), MAX_THREADS, "more only contend for the cores");
        }
    }
}
