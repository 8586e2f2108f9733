package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tempest.plugin.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GRPO run whose tasks name a verifier that hangs (ten minutes, deaf to interrupts) and one
 * that throws: each call costs at most the verifier deadline and becomes a TIMEOUT or an ERROR
 * verdict, counted in the step's metrics; the run trains to the end and the process exits.
 */
class GrpoHostileVerifiersIT {

    private static final int STEPS = 3;

    @TempDir Path dir;

    @Test
    void aHangingAndAThrowingVerifierCostTimeoutsAndErrorsAndTheRunFinishes() throws Exception {
        Path plugins = Distribution.pluginsWithAHangingVerifier(dir, TestPlugins.throwingVerifier("verifier-throws", "throws"),
                "throws");
        Path pipeline = Distribution.tinyGrpo(dir.resolve("pipeline.yaml"), dir.resolve("tasks.jsonl"), """
                    samples_per_prompt: 2
                    max_tokens: 4
                    verifier_timeout: 0.5
                    steps: %d
                """.formatted(STEPS));

        Distribution.Result run = Distribution.run(dir, "--plugins-dir", plugins.toString(), "run", pipeline.toString(),
                "--output", dir.resolve("run").toString());

        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("trained to step " + STEPS), run.out());
        assertTrue(run.out().contains("verifier 'throws' failed on task throws: java.lang.IllegalStateException: verifier bug"),
                run.out());
        List<JsonNode> steps = RunMetrics.steps(dir.resolve("run"), "grpo");
        assertEquals(STEPS, steps.size(), steps.toString());
        for (JsonNode step : steps) {
            assertEquals(2, step.path("verdicts/timeout").asInt(), "the hanging verifier's two answers: " + step);
            assertEquals(2, step.path("verdicts/error").asInt(), "the throwing verifier's two answers: " + step);
            assertTrue(step.path("verification_s").asDouble() < 5, "a hung call costs one deadline: " + step);
            assertEquals(0.0, step.path("reward").asDouble(), step.toString());
        }
    }
}
