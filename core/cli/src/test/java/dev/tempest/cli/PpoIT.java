package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PPO against a learned reward raises that reward and the behaviour it stands for, on prompts it
 * never saw ({@link AnswerFormData}): a tiny GPT-2 pre-trained on sums of digits and fine-tuned on
 * chats that mostly answer "It is 7.", a reward model trained on pairs that prefer "#### 7", then
 * PPO from the fine-tuned model with that reward model, a KL penalty to where it started and a
 * value head. The rule-checked measure is the share of held-out answers the math verifier finds
 * its "####" marker in. The run is seeded and pinned to two threads, so its numbers repeat (the
 * mean reward of a rollout -1.95 at the first, 3.0 at the last; held-out answers in the preferred
 * form 0 -> 1.0; the KL per response at most 6.5 nats); the bounds asserted are well inside
 * them. As with DPO, the model this small knows few sums: PPO changes the form, not the knowledge.
 * A last GRPO stage takes its reward from the same reward model and the verifier, with weights.
 */
class PpoIT {

    @TempDir Path dir;
    private Path plugins;

    @BeforeEach
    void writeTheData() throws IOException {
        plugins = Distribution.HOME.resolve("plugins");
        AnswerFormData.write(dir);
    }

    @Test
    void ppoRaisesTheRewardAndThePreferredFormOnHeldOutPromptsWithTheKlBounded() throws IOException {
        Path pipeline = Files.writeString(dir.resolve("pipeline.yaml"), AnswerFormData.pipeline("ppo", """
                - kind: reward_model
                  name: reward
                  model: {from: sft}
                  dataset: {loader: jsonl, path: pairs.jsonl}
                  batch_size: 16
                  sequence_length: 64
                  steps: 80
                  learning_rate: 0.001
                  threads: 2
                - kind: ppo
                  name: ppo
                  model: {from: sft}
                  tasks: prompts.jsonl
                  rewards: [{reward_model: reward-model, from: reward}]
                  prompts_per_step: 16
                  max_tokens: 12
                  steps: 48
                  learning_rate: 0.0001
                  threads: 2
                  evaluation: {tasks: tasks.jsonl, max_tokens: 12}
                - kind: eval
                  name: after
                  model: {from: ppo}
                  tasks: tasks.jsonl
                  max_tokens: 12
                  threads: 2
                - kind: grpo
                  name: grpo
                  model: {from: sft}
                  tasks: prompts.jsonl
                  rewards: [{reward_model: reward-model, from: reward, weight: 0.5}, {verifier: task}]
                  prompts_per_step: 2
                  samples_per_prompt: 4
                  max_tokens: 12
                  steps: 2
                  threads: 2
                """));

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "run", pipeline.toString(), "--output",
                dir.resolve("run").toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
        JsonNode ppo = RunMetrics.done(dir.resolve("run"), "ppo");
        List<JsonNode> rollouts = RunMetrics.steps(dir.resolve("run"), "ppo").stream().filter(step -> step.has("reward")).toList();
        StringBuilder trace = new StringBuilder();
        rollouts.forEach(step -> trace.append(String.format("step %d reward %.3f kl %.3f accuracy %.2f%n",
                step.get("step").asInt(), step.get("reward").asDouble(), step.get("kl").asDouble(),
                step.get("accuracy").asDouble())));
        assertEquals(12, rollouts.size(), "48 steps, 4 on each rollout: " + trace);
        double firstReward = mean(rollouts.subList(0, 3), "reward");
        double lastReward = mean(rollouts.subList(9, 12), "reward");
        assertTrue(lastReward > firstReward + 1, "the reward rises: " + trace + ppo);
        assertTrue(ppo.get("start_eval_answered").asDouble() <= 0.2, "the fine-tuned model answers otherwise: " + ppo);
        assertTrue(ppo.get("eval_answered").asDouble() >= 0.8, "after PPO it answers in the preferred form: " + trace + ppo);
        for (JsonNode step : rollouts) {
            assertTrue(step.get("kl").asDouble() < 10, "the KL stays bounded: " + trace);
        }
        assertEquals(ppo.get("eval_answered").asDouble(), RunMetrics.done(dir.resolve("run"), "after").get("answered").asDouble(),
                "the eval stage sees the model PPO wrote");
        assertTrue(run.out().contains("80 tasks, 16 prompts a rollout, 4 x 1 optimiser steps on each, prompts through the"
                + " chatml template; KL penalty kl_coef 0.05"), run.out());
        JsonNode grpo = RunMetrics.steps(dir.resolve("run"), "grpo").get(0);
        assertEquals(grpo.get("reward").asDouble(), 0.5 * grpo.get("reward/reward").asDouble()
                + grpo.get("reward/verifier").asDouble(), 1e-9, "GRPO takes the same weighted terms: " + grpo);
    }

    private static double mean(List<JsonNode> steps, String key) {
        return steps.stream().mapToDouble(step -> step.get(key).asDouble()).average().orElseThrow();
    }
}
