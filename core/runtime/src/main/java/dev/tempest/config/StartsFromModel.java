package dev.tempest.config;

/** A stage that starts from a model rather than from scratch: fine-tuning, evaluation. */
public interface StartsFromModel extends StageConfig {

    StartingModel model();
}
