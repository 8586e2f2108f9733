package dev.tempest.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.PromptCompletion;
import dev.tempest.api.RewardScorer;
import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.config.ConfigLoader;
import dev.tempest.config.GrpoStageConfig;
import dev.tempest.generate.Generation;
import dev.tempest.generate.Sampling;
import dev.tempest.generate.StopConditions;
import dev.tempest.generate.StopReason;
import dev.tempest.train.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GRPO's batches from scripted rollouts: completion i of a call (its random stream firstIndex + i)
 * is the tokens {100 + i, 200 + i}, each with log-prob -(token)/1000, and is right when its task's
 * "right" field lists i's sample number within the group.
 */
class GrpoBatchesTest {

    @TempDir Path dir;

    /** Answers every task G times; records the first stream index of each call. */
    private static final class ScriptedRollouts implements RolloutExecutor {
        final List<Long> calls = new ArrayList<>();
        final List<List<Task>> asked = new ArrayList<>();

        @Override
        public RolloutBatch roll(List<Task> tasks, int samples, Sampling sampling, StopConditions stop, long firstIndex,
                                 Consumer<Integer> progress) {
            calls.add(firstIndex);
            asked.add(tasks);
            List<Rollout> rollouts = new ArrayList<>();
            for (int t = 0; t < tasks.size(); t++) {
                for (int s = 0; s < samples; s++) {
                    long stream = firstIndex + (long) t * samples + s;
                    int[] tokens = {(int) (100 + stream), (int) (200 + stream)};
                    float[] logp = {-tokens[0] / 1000f, -tokens[1] / 1000f};
                    boolean right = ((List<?>) tasks.get(t).fields().get("right")).contains(s);
                    boolean cut = tasks.get(t).fields().containsKey("cut");
                    rollouts.add(new Rollout(tasks.get(t), new int[] {7, 8, 9},
                            new Generation(tokens, logp, cut ? StopReason.MAX_TOKENS : StopReason.END_TOKEN), "",
                            right ? Verdict.correct("right") : Verdict.incorrect(0, "wrong")));
                }
            }
            return new RolloutBatch(rollouts, 0.5, 0.25);
        }
    }

    @Test
    void aRolloutBecomesEpochsTimesMiniBatchesBatchesWithTheSamplersLogProbsAndGroupAdvantages() throws Exception {
        ScriptedRollouts executor = new ScriptedRollouts();
        GrpoBatches batches = batches(config("prompts_per_step: 2\n    samples_per_prompt: 4\n    epochs: 2\n    mini_batches: 2"),
                executor, List.of(task("a", false, 0), task("b", false, 0, 1, 2, 3)));

        List<Batch> rollout = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertEquals(i == 0, batches.atBoundary(), "a checkpoint only between rollouts");
            rollout.add(batches.next());
        }

        assertTrue(batches.atBoundary());
        assertEquals(List.of(0L), executor.calls, "one rollout");
        assertEquals(2, batches.position(), "two prompts drawn");
        assertTrue(rollout.get(0).metrics().containsKey("reward"));
        assertTrue(rollout.get(1).metrics().isEmpty(), "the rollout's numbers are logged once");
        assertEquals(0.625, rollout.get(0).metrics().get("reward"), 1e-12, "1 of 4 right, then 4 of 4");
        assertEquals(0.5, rollout.get(0).metrics().get("zero_variance_groups"), 1e-12, "b's group teaches nothing");
        List<Integer> seen = new ArrayList<>();
        for (Batch batch : rollout) {
            assertEquals(4, batch.B(), "8 completions in 2 mini-batches");
            for (int i = 0; i < batch.inputs().length; i++) {
                if (batch.targets()[i] < 0) {
                    continue;
                }
                int token = batch.targets()[i];
                assertEquals(-token / 1000f, batch.policy().oldLogProbs()[i], "the sampler's log-prob of the token");
                int stream = token < 200 ? token - 100 : token - 200;
                double advantage = stream < 4 ? (stream == 0 ? 0.75 : -0.25) : 0;  // a: 1 - 1/4 and 0 - 1/4; b: all equal
                assertEquals(advantage, batch.policy().advantages()[i], 1e-6, "stream " + stream);
                if (token < 200) {
                    seen.add(stream);
                }
            }
        }
        seen.sort(Integer::compare);
        assertEquals(List.of(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7), seen, "every completion once per epoch");
    }

    @Test
    void dynamicSamplingDrawsMorePromptsForGroupsThatTeachNothingAndSeekingMakesTheSameRollout() throws Exception {
        ScriptedRollouts executor = new ScriptedRollouts();
        List<Task> tasks = List.of(task("same", false, 0, 1), task("also-same", false), task("mixed", false, 0));
        GrpoBatches batches = batches(config("prompts_per_step: 1\n    samples_per_prompt: 2\n    dynamic_sampling: true"),
                executor, tasks);

        Batch first = batches.next();
        long drawn = batches.position();
        batches.seek(0);
        Batch again = batches.next();

        List<String> firstRollout = executor.asked.subList(0, (int) drawn).stream().map(call -> call.get(0).id()).toList();
        assertEquals("mixed", firstRollout.get(firstRollout.size() - 1), "drawing stops at the first group that teaches");
        assertFalse(firstRollout.subList(0, firstRollout.size() - 1).contains("mixed"));
        assertEquals(1.0, first.metrics().get("groups_trained"), 1e-12);
        assertEquals((drawn - 1.0) / drawn, first.metrics().get("zero_variance_groups"), 1e-12, "counted over every group drawn");
        assertEquals(2, first.B(), "only the mixed group's two answers are trained on");
        assertArrayEquals(first.inputs(), again.inputs(), "a resumed run makes the same rollout");
        assertArrayEquals(first.policy().advantages(), again.policy().advantages());
    }

    @Test
    void overlongAnswersAreMaskedOrPenalised() throws Exception {
        List<Task> tasks = List.of(task("cut", true, 0, 1, 2, 3), task("fine", false, 0));
        GrpoBatches masked = batches(config("prompts_per_step: 2\n    samples_per_prompt: 4\n    overlong: mask"),
                new ScriptedRollouts(), tasks);
        GrpoBatches penalised = batches(config("prompts_per_step: 2\n    samples_per_prompt: 4\n    overlong: penalty\n"
                + "    overlong_penalty: -2"), new ScriptedRollouts(), tasks);

        Batch maskedBatch = masked.next();
        Batch penalisedBatch = penalised.next();

        assertEquals(4, maskedBatch.B(), "the cut group's four answers carry no loss and are left out");
        assertEquals(8, penalisedBatch.B());
        assertEquals((4 * -2.0 + 1) / 8, penalisedBatch.metrics().get("reward"), 1e-12, "cut answers get the penalty, right or not");
    }

    @Test
    void theRewardIsTheWeightedSumOfTheVerifiersAndARewardModelsScores() throws Exception {
        // The reward model scores each completion by its first token's stream: 0.1 * stream.
        RewardScorer byStream = new RewardScorer() {
            @Override
            public double[] score(List<PromptCompletion> batch) {
                double[] scores = new double[batch.size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = 0.1 * i;
                }
                return scores;
            }

            @Override
            public void close() {
            }
        };
        RolloutRewards rewards = new RolloutRewards(List.of(new RolloutRewards.Term("verifier", 2, null),
                new RolloutRewards.Term("judge", 0.5, byStream)), false);
        GrpoStageConfig config = config("prompts_per_step: 1\n    samples_per_prompt: 4");
        GrpoBatches batches = new GrpoBatches(config, new ScriptedRollouts(),
                new TaskPrompts(List.of(task("a", false, 0)), null, null, config.seed()), null, rewards, StopConditions.none());

        Batch batch = batches.next();

        // rewards: 2 * [1, 0, 0, 0] + 0.5 * [0, 0.1, 0.2, 0.3] = [2, 0.05, 0.1, 0.15], mean 0.575
        assertEquals(0.575, batch.metrics().get("reward"), 1e-12);
        assertEquals(0.25, batch.metrics().get("reward/verifier"), 1e-12, "each term's mean before its weight");
        assertEquals(0.15, batch.metrics().get("reward/judge"), 1e-12);
        for (int i = 0; i < batch.inputs().length; i++) {
            if (batch.targets()[i] >= 0) {
                int stream = batch.targets()[i] < 200 ? batch.targets()[i] - 100 : batch.targets()[i] - 200;
                double reward = (stream == 0 ? 2 : 0) + 0.05 * stream;
                assertEquals(reward - 0.575, batch.policy().advantages()[i], 1e-6, "stream " + stream);
            }
        }
    }

    private GrpoBatches batches(GrpoStageConfig config, RolloutExecutor executor, List<Task> tasks) {
        TaskPrompts prompts = new TaskPrompts(tasks, null, null, config.seed());  // the scripted executor renders nothing
        RolloutRewards verifier = new RolloutRewards(List.of(new RolloutRewards.Term("verifier", 1, null)), false);
        return new GrpoBatches(config, executor, prompts, null, verifier, StopConditions.none());
    }

    private GrpoStageConfig config(String settings) throws Exception {
        Files.writeString(dir.resolve("tasks.jsonl"), "{\"prompt\": \"x\", \"verifier\": \"exact-match\"}\n");
        Path file = Files.writeString(dir.resolve("grpo.yaml"), """
                name: test
                stages:
                  - kind: grpo
                    name: grpo
                    model: {path: model}
                    tasks: tasks.jsonl
                    %s
                """.formatted(settings));
        return (GrpoStageConfig) ConfigLoader.load(file).stages().get(0);
    }

    /** A task whose samples numbered {@code right} are the right ones; {@code cut}: every answer hits the token limit. */
    private static Task task(String id, boolean cut, Integer... right) {
        return new Task(id, "prompt " + id, "scripted", cut ? Map.of("right", List.of(right), "cut", true)
                : Map.of("right", List.of(right)));
    }
}
