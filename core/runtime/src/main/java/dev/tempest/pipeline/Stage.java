package dev.tempest.pipeline;

import dev.tempest.config.InvalidFieldException;
import java.io.IOException;
import java.util.Map;

/** One step of a pipeline, built from its StageConfig with the extensions it names already found. */
interface Stage {

    /**
     * Checks what only the extensions the stage uses can, before any stage runs: a model
     * configuration against its architecture, say.
     *
     * @throws InvalidFieldException naming the field below the stage's own path
     */
    default void check() {
    }

    /**
     * Does the stage's work and returns its summary metrics, which the runner logs in
     * {@code metrics.jsonl}.
     */
    Map<String, Object> run(StageContext context) throws RunException, IOException;
}
