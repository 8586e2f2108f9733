package dev.tempest.pipeline;

import java.io.IOException;
import java.util.Map;

/** One step of a pipeline, built from its StageConfig with the extensions it names already found. */
interface Stage {

    /**
     * Does the stage's work and returns its summary metrics, which the runner logs in
     * {@code metrics.jsonl}.
     */
    Map<String, Object> run(StageContext context) throws RunException, IOException;
}
