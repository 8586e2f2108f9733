package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.model.TokenizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DPO moves a fine-tuned model to the answer form people preferred, on prompts it never saw: a
 * tiny GPT-2 pre-trained on sums of digits, fine-tuned on chats that answer "It is 7." 85 times
 * in 100 and "#### 7" otherwise (so it says the former), then DPO on pairs that prefer "#### N"
 * to "It is N." for 80 of the 100 sums. Held out: the other 20 sums, as tasks whose math verifier
 * wants the "####" marker. The run is seeded and pinned to two threads, so its numbers repeat
 * (held-out answers in the preferred form 0 -> 1.0; held-out pairs' implicit-reward accuracy
 * 0 -> 1.0, loss 0.693 -> 0.196); the bounds asserted are well inside them. The model this small
 * knows few sums (its answers are mostly wrong before and after): DPO changes the form, not the
 * knowledge.
 */
class DpoIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    private Path plugins;

    @BeforeEach
    void writeTheData() throws IOException {
        plugins = Distribution.HOME.resolve("plugins");
        Random random = new Random(1);
        List<int[]> sums = DigitSums.shuffled(random);
        List<int[]> heldOut = sums.subList(0, 20);
        List<int[]> taught = sums.subList(20, sums.size());
        String corpus = DigitSums.facts(random, sums, 4000);
        StringBuilder chats = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            int[] p = taught.get(random.nextInt(taught.size()));
            String answer = random.nextDouble() < 0.15 ? marked(p) : unmarked(p);
            chats.append(JSON.writeValueAsString(Map.of("messages", List.of(
                    Map.of("role", "user", "content", question(p)),
                    Map.of("role", "assistant", "content", answer))))).append('\n');
        }
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            int[] p = taught.get(random.nextInt(taught.size()));
            pairs.append(JSON.writeValueAsString(Map.of(
                    "prompt", List.of(Map.of("role", "user", "content", question(p))),
                    "chosen", List.of(Map.of("role", "assistant", "content", marked(p))),
                    "rejected", List.of(Map.of("role", "assistant", "content", unmarked(p)))))).append('\n');
        }
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < heldOut.size(); i++) {
            int[] p = heldOut.get(i);
            tasks.append(JSON.writeValueAsString(Map.of("id", "h" + i, "prompt", question(p), "verifier", "math",
                    "answer", String.valueOf(p[0] + p[1]), "require_marker", true))).append('\n');
        }
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("chats.jsonl"), chats);
        Files.writeString(dir.resolve("pairs.jsonl"), pairs);
        Files.writeString(dir.resolve("tasks.jsonl"), tasks);
    }

    @Test
    void dpoTurnsTheFineTunedModelToThePreferredFormOnHeldOutPrompts() throws IOException {
        Path pipeline = Files.writeString(dir.resolve("pipeline.yaml"), """
                name: dpo
                stages:
                """ + TinyChatStages.pretrain(300, 64, true) + TinyChatStages.sft("") + """
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
                """);

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
        assertTrue(run.out().contains("400 pairs, 40 held out; chat template chatml, sigmoid loss, beta 0.1"), run.out());
        assertTrue(Files.isRegularFile(dir.resolve("run/dpo/model/model.safetensors")));
        assertEquals("chatml", TokenizerConfig.template(dir.resolve("run/dpo/model")).orElseThrow().name());
    }

    private static String question(int[] p) {
        return "What is " + p[0] + " plus " + p[1] + "?";
    }

    /** The preferred form, with the answer marker the tasks' verifier wants. */
    private static String marked(int[] p) {
        return "#### " + (p[0] + p[1]);
    }

    private static String unmarked(int[] p) {
        return "It is " + (p[0] + p[1]) + ".";
    }
}
