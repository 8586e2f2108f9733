package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tempest.model.TokenizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DPO moves a fine-tuned model to the answer form people preferred, on prompts it never saw
 * ({@link AnswerFormData}): a tiny GPT-2 pre-trained on sums of digits, fine-tuned on chats that
 * mostly answer "It is 7." (so it says that), then DPO on pairs that prefer "#### N" to "It is N."
 * for 80 of the 100 sums. Held out: the other 20 sums, as tasks whose math verifier wants the
 * "####" marker. The run is seeded and pinned to two threads, so its numbers repeat
 * (held-out answers in the preferred form 0 -> 1.0; held-out pairs' implicit-reward accuracy
 * 0 -> 1.0, loss 0.693 -> 0.196); the bounds asserted are well inside them. The model this small
 * knows few sums (its answers are mostly wrong before and after): DPO changes the form, not the
 * knowledge.
 */
class DpoIT {

    @TempDir Path dir;
    private Path plugins;

    @BeforeEach
    void writeTheData() throws IOException {
        plugins = Distribution.HOME.resolve("plugins");
        AnswerFormData.write(dir);
    }

    @Test
    void dpoTurnsTheFineTunedModelToThePreferredFormOnHeldOutPrompts() throws IOException {
        Path pipeline = Files.writeString(dir.resolve("pipeline.yaml"), AnswerFormData.pipeline("dpo", """
                - kind: dpo
                  name: dpo
                  model: {from: sft}
                  dataset: {loader: jsonl, path: pairs.jsonl}
                  batch_size: 8
                  sequence_length: 64
                  steps: 40
                  learning_rate: 0.0001
                  threads: 2
                  evaluation: {tasks: tasks.jsonl, max_tokens: 12}
                - kind: eval
                  name: after
                  model: {from: dpo}
                  tasks: tasks.jsonl
                  max_tokens: 12
                  threads: 2
                """));

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "run", pipeline.toString(), "--output",
                dir.resolve("run").toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
        JsonNode dpo = RunMetrics.done(dir.resolve("run"), "dpo");
        assertTrue(dpo.get("start_eval_answered").asDouble() <= 0.1, "the fine-tuned model answers otherwise: " + dpo);
        assertTrue(dpo.get("eval_answered").asDouble() >= 0.9, "after DPO it answers in the preferred form: " + dpo);
        assertEquals(0.0, dpo.get("start_accuracy").asDouble(), "policy = reference: every held-out pair a tie");
        assertTrue(dpo.get("accuracy").asDouble() >= 0.9, dpo.toString());
        assertTrue(dpo.get("val_loss").asDouble() < 0.5 * dpo.get("start_val_loss").asDouble(), dpo.toString());
        assertEquals(400, dpo.get("pairs").asInt());
        assertEquals(dpo.get("eval_answered").asDouble(), RunMetrics.done(dir.resolve("run"), "after").get("answered").asDouble(),
                "the eval stage sees the model DPO wrote");
        assertTrue(run.out().contains("400 pairs, 40 held out; chat template chatml, sigmoid loss, beta 0.1"), run.out());
        assertTrue(Files.isRegularFile(dir.resolve("run/dpo/model/model.safetensors")));
        assertEquals("chatml", TokenizerConfig.template(dir.resolve("run/dpo/model")).orElseThrow().name());
    }
}
