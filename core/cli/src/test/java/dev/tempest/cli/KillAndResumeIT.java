package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.plugin.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pre-training run killed with SIGKILL at random moments (a checkpoint after every step, so
 * many kills land in the middle of writing one) and resumed each time, as its messages say,
 * until it finishes, must write what an uninterrupted run writes: every line of metrics.jsonl
 * (timings aside) and the final model, byte for byte. So must a GRPO run killed between or
 * during its rollouts: resumed from the last one's checkpoint, it draws the same prompts and
 * samples the same answers.
 */
class KillAndResumeIT {

    private static final int STEPS = 40;
    private static final int KILLS = 4;
    private static final int GRPO_STEPS = 24;

    @TempDir Path dir;

    @Test
    void aRunKilledAtRandomMomentsAndResumedEqualsAnUninterruptedOne() throws Exception {
        Path pipeline = Distribution.tinyPretraining(dir.resolve("pretrain.yaml"), STEPS, "eval_every: 5\n    checkpoint_every: 1");
        Path straight = dir.resolve("straight");
        Distribution.Result uninterrupted = Distribution.run(dir, "run", pipeline.toString(), "--output", straight.toString());
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.out());

        Path killed = dir.resolve("killed");
        Random random = new Random(7);
        List<Long> killedAfterMillis = new ArrayList<>();
        int attempts = 0;
        while (true) {
            assertTrue(attempts++ < KILLS + 10, "the run never finished; killed after " + killedAfterMillis + " ms");
            boolean resume = Files.exists(killed.resolve("config.yaml"));
            Path log = dir.resolve("attempt-" + attempts + ".log");
            Process process = Distribution.start(dir, log, "run", pipeline.toString(), "--output", killed.toString(),
                    resume ? "--resume" : "--overwrite");
            long wait = killedAfterMillis.size() < KILLS ? 700 + random.nextInt(3500) : 60_000;
            if (process.waitFor(wait, TimeUnit.MILLISECONDS)) {
                assertEquals(0, process.exitValue(), Files.readString(log));
                break;
            }
            process.destroyForcibly().waitFor();  // SIGKILL: no shutdown hook, no finally block runs
            killedAfterMillis.add(wait);
        }

        assertEquals(KILLS, killedAfterMillis.size(), "every planned kill landed before the run finished");
        assertEquals(withoutTimings(straight), withoutTimings(killed), "metrics.jsonl; kills after " + killedAfterMillis + " ms");
        assertArrayEquals(Files.readAllBytes(straight.resolve("pretrain/model/model.safetensors")),
                Files.readAllBytes(killed.resolve("pretrain/model/model.safetensors")));
    }

    /**
     * A PPO stage killed after its second checkpoint and resumed writes what an uninterrupted one
     * writes: its rollouts (drawn prompts, sampled answers, rewards), the adaptive KL coefficient
     * it carried across the kill, every step's numbers, and the policy, byte for byte.
     */
    @Test
    void aPpoStageKilledAfterACheckpointAndResumedEqualsAnUninterruptedOne() throws Exception {
        StringBuilder tasks = new StringBuilder();
        for (String word : List.of("cat", "dog", "sun", "tree", "frog", "fish")) {
            tasks.append("{\"id\": \"").append(word).append("\", \"prompt\": \"Once upon a time a ").append(word)
                    .append("\", \"verifier\": \"exact-match\", \"answer\": \"was\"}\n");
        }
        Files.writeString(dir.resolve("tasks.jsonl"), tasks);
        Path pipeline = Distribution.tinyPretraining(dir.resolve("ppo.yaml"), 20, "");
        Files.writeString(pipeline, Files.readString(pipeline) + """
                  - kind: ppo
                    name: ppo
                    model: {from: pretrain}
                    tasks: tasks.jsonl
                    rewards: [{verifier: task}]
                    prompts_per_step: 4
                    max_tokens: 8
                    kl_target: 0.5
                    kl_horizon: 100
                    epochs: 2
                    mini_batches: 2
                    steps: 16
                    learning_rate: 0.001
                    checkpoint_every: 4
                    threads: 2
                """);
        Path straight = dir.resolve("straight");
        Distribution.Result uninterrupted = Distribution.run(dir, "run", pipeline.toString(), "--output", straight.toString());
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.out());

        Path killed = dir.resolve("killed");
        Process first = Distribution.start(dir, dir.resolve("first.log"), "run", pipeline.toString(), "--output",
                killed.toString());
        waitFor(killed.resolve("ppo/checkpoints/step-00000008"));
        first.destroyForcibly().waitFor();
        Distribution.Result resumed = Distribution.run(dir, "run", pipeline.toString(), "--output", killed.toString(), "--resume");

        assertEquals(0, resumed.exitCode(), resumed.out());
        assertTrue(resumed.out().contains("resumed at step 8") || resumed.out().contains("resumed at step 12"), resumed.out());
        List<String> expected = withoutTimings(straight);
        assertEquals(expected, withoutTimings(killed));
        assertTrue(expected.stream().filter(line -> line.contains("\"kl_coef\"")).map(line -> line.replaceAll(".*\"kl_coef\":([-0-9.eE]+).*", "$1"))
                .distinct().count() > 1, "the adaptive coefficient moved, so carrying it was tested: " + expected);
        assertArrayEquals(Files.readAllBytes(straight.resolve("ppo/model/model.safetensors")),
                Files.readAllBytes(killed.resolve("ppo/model/model.safetensors")));
    }

    @Test
    void aGrpoRunKilledAndResumedMakesTheRolloutsOfAnUninterruptedOne() throws Exception {
        Path plugins = Distribution.pluginsWithAHangingVerifier(dir, TestPlugins.evenLengthVerifier("verifier-even", "even"),
                "even");
        // The hanging verifier's deadline paces the rollouts, so the kill lands mid-run.
        Path pipeline = Distribution.tinyGrpo(dir.resolve("grpo.yaml"), dir.resolve("tasks.jsonl"), """
                    samples_per_prompt: 4
                    max_tokens: 8
                    verifier_timeout: 0.2
                    steps: %d
                    learning_rate: 0.001
                    checkpoint_every: 1
                """.formatted(GRPO_STEPS));
        Path straight = dir.resolve("straight");
        Distribution.Result uninterrupted = Distribution.run(dir, "--plugins-dir", plugins.toString(), "run",
                pipeline.toString(), "--output", straight.toString());
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.out());

        Path killed = dir.resolve("killed");
        Process process = Distribution.start(dir, dir.resolve("killed.log"), "--plugins-dir", plugins.toString(), "run",
                pipeline.toString(), "--output", killed.toString());
        for (int i = 0; i < 1200 && grpoSteps(killed) < GRPO_STEPS / 3; i++) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), "the run ended before the kill: " + Files.readString(dir.resolve("killed.log")));
        process.destroyForcibly().waitFor();
        Distribution.Result resumed = Distribution.run(dir, "--plugins-dir", plugins.toString(), "run",
                pipeline.toString(), "--output", killed.toString(), "--resume");

        assertEquals(0, resumed.exitCode(), resumed.out());
        assertTrue(resumed.out().contains("resumed at step "), resumed.out());
        List<String> straightLines = withoutTimings(straight);
        assertTrue(straightLines.stream().anyMatch(line -> line.contains("\"stage\":\"grpo\"") && line.contains("\"verdicts/correct\"")),
                "some answers were rewarded, so the policy moved: " + straightLines);
        assertEquals(straightLines, withoutTimings(killed), "metrics.jsonl");
        assertArrayEquals(Files.readAllBytes(straight.resolve("grpo/model/model.safetensors")),
                Files.readAllBytes(killed.resolve("grpo/model/model.safetensors")));
    }

    /** How many grpo steps the run in {@code run} has logged. */
    private static long grpoSteps(Path run) throws IOException {
        Path metrics = run.resolve("metrics.jsonl");
        if (!Files.exists(metrics)) {
            return 0;
        }
        return Files.readAllLines(metrics).stream()
                .filter(line -> line.startsWith("{\"stage\":\"grpo\",\"step\"") && line.contains("\"loss\""))
                .count();
    }

    @Test
    void aSecondRunIntoALiveRunsFolderIsRefusedNamingTheHolder() throws Exception {
        Path pipeline = Distribution.tinyPretraining(dir.resolve("pretrain.yaml"), 2000, "");
        Path out = dir.resolve("run");
        Process first = Distribution.start(dir, dir.resolve("first.log"), "run", pipeline.toString(), "--output", out.toString());
        try {
            waitFor(out.resolve("config.yaml"));

            Distribution.Result overwrite = Distribution.run(dir, "run", pipeline.toString(), "--output", out.toString(),
                    "--overwrite");
            Distribution.Result resume = Distribution.run(dir, "run", pipeline.toString(), "--output", out.toString(),
                    "--resume");

            for (Distribution.Result second : List.of(overwrite, resume)) {
                assertEquals(ExitCodes.RUN_FAILURE, second.exitCode(), second.out());
                assertTrue(second.out().contains("tempest: " + out + " is in use by another tempest run (pid "
                        + first.pid() + " on "), second.out());
            }
            assertTrue(first.isAlive(), "the live run goes on");
        } finally {
            first.destroyForcibly().waitFor();
        }
    }

    private static void waitFor(Path file) throws InterruptedException {
        for (int i = 0; i < 300 && !Files.exists(file); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(file), file + " never appeared");
    }

    /** The run's metrics lines with the values that depend on the clock left out. */
    private static List<String> withoutTimings(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(line -> line.replaceAll("\"(time|seconds|tokens_per_s|step_s|generation_s|verification_s)\":(\"[^\"]*\"|[-0-9.eE]+),?", "").replace(",}", "}"))
                .toList();
    }
}
