package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.api.ChatMessage;
import dev.tempest.api.Messages;
import dev.tempest.api.PromptCompletion;
import dev.tempest.api.RewardModel;
import dev.tempest.api.RewardScorer;
import dev.tempest.plugin.PluginHost;
import dev.tempest.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reward model learns a rule-based preference through the distribution's plugins: a tiny GPT-2
 * pre-trained on sums ("3 plus 4 is 7."), then a reward model on pairs whose chosen answer ends
 * with "#### N" and whose rejected one, in one of three other forms, does not. The sums of 20 of
 * the 100 (a, b) pairs are never in its training pairs; they make two evaluation files: the same
 * rule (format), and right against wrong, both formatted (correctness), which the format alone
 * cannot tell apart. The reward-model plugin then scores the held-out pairs from the folder the
 * stage wrote. The run is seeded and pinned to two threads, so its numbers repeat (held-out format
 * accuracy 1.0 with a mean margin of 6.0; on correctness a mean margin of 3e-5, the model telling
 * right from wrong no better than chance); the bounds asserted are well inside them.
 */
class RewardModelIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    private Path plugins;
    private List<int[]> heldOut;

    @BeforeEach
    void writeTheData() throws IOException {
        plugins = Distribution.HOME.resolve("plugins");
        Random random = new Random(3);
        List<int[]> sums = DigitSums.shuffled(random);
        heldOut = sums.subList(0, 20);
        List<int[]> taught = sums.subList(20, sums.size());
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            int[] p = sums.get(random.nextInt(sums.size()));
            corpus.append(JSON.writeValueAsString(Map.of("text", p[0] + " plus " + p[1] + " is " + (p[0] + p[1]) + ".")))
                    .append('\n');
        }
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            int[] p = taught.get(random.nextInt(taught.size()));
            pairs.append(pair(p, formatted(p, p[0] + p[1], random.nextBoolean()), unformatted(p, random.nextInt(3))));
        }
        StringBuilder format = new StringBuilder();
        StringBuilder correctness = new StringBuilder();
        for (int i = 0; i < heldOut.size(); i++) {
            int[] p = heldOut.get(i);
            int sum = p[0] + p[1];
            format.append(pair(p, formatted(p, sum, i % 2 == 0), unformatted(p, i % 3)));
            correctness.append(pair(p, formatted(p, sum, i % 2 == 0), formatted(p, sum + 1 + i % 3, i % 2 == 0)));
        }
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("pairs.jsonl"), pairs);
        Files.writeString(dir.resolve("format.jsonl"), format);
        Files.writeString(dir.resolve("correctness.jsonl"), correctness);
    }

    @Test
    void aRewardModelLearnsTheAnswerFormatAndThePluginScoresWithIt() throws Exception {
        Path pipeline = Files.writeString(dir.resolve("pipeline.yaml"), """
                name: reward-model
                stages:
                """ + TinyChatStages.pretrain(100, 32, true) + """
                  - kind: reward_model
                    name: reward
                    model: {from: pretrain}
                    dataset: {loader: jsonl, path: pairs.jsonl}
                    batch_size: 16
                    sequence_length: 64
                    steps: 80
                    learning_rate: 0.001
                    threads: 2
                    evaluation:
                      - {name: format, path: format.jsonl}
                      - {name: correctness, path: correctness.jsonl}
                """);

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "run", pipeline.toString(), "--output",
                dir.resolve("run").toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
        JsonNode reward = RunMetrics.done(dir.resolve("run"), "reward");
        assertTrue(reward.get("accuracy").asDouble() >= 0.9, reward.toString());
        assertTrue(reward.get("eval_format_accuracy").asDouble() >= 0.9, reward.toString());
        assertTrue(reward.get("eval_format_margin").asDouble() > reward.get("start_eval_format_margin").asDouble() + 1,
                reward.toString());
        assertTrue(reward.get("val_loss").asDouble() < 0.5 * reward.get("start_val_loss").asDouble(), reward.toString());
        assertEquals(20, reward.get("eval_correctness_pairs").asInt());
        assertTrue(Math.abs(reward.get("eval_correctness_margin").asDouble()) < 0.05 * reward.get("eval_format_margin").asDouble(),
                "the format says nothing of correctness: right and wrong answers score alike, " + reward);
        assertTrue(run.out().contains("400 pairs, 20 held out; chat template chatml"), run.out());

        Path model = dir.resolve("run/reward/model");
        JsonNode config = JSON.readTree(model.resolve("config.json").toFile());
        assertEquals("GPT2ForSequenceClassification", config.get("architectures").get(0).asText());
        assertEquals(1, config.get("num_labels").asInt());
        assertEquals(Tokenizer.load(model.resolve("tokenizer.json")).specialToken("<|endoftext|>").getAsInt(),
                config.get("pad_token_id").asInt(), "the end-of-text token pads, as TRL sets it");
        assertEquals("<|endoftext|>", JSON.readTree(model.resolve("tokenizer_config.json").toFile()).get("pad_token").asText());

        List<PromptCompletion> chosen = new ArrayList<>();
        List<PromptCompletion> rejected = new ArrayList<>();
        for (int i = 0; i < heldOut.size(); i++) {
            int[] p = heldOut.get(i);
            chosen.add(completion(p, formatted(p, p[0] + p[1], i % 2 == 0)));
            rejected.add(completion(p, unformatted(p, i % 3)));
        }
        double[] chosenScores;
        double[] rejectedScores;
        try (PluginHost host = PluginHost.open(plugins);
             RewardScorer scorer = host.extension(RewardModel.class, "reward-model")
                     .open(Map.of("path", model.toString(), "device", "cpu", "threads", 2))) {
            chosenScores = scorer.score(chosen);
            rejectedScores = scorer.score(rejected);
        }
        int preferred = 0;
        for (int i = 0; i < chosenScores.length; i++) {
            preferred += chosenScores[i] > rejectedScores[i] ? 1 : 0;
        }
        assertTrue(preferred >= 18, preferred + " of 20 held-out chosen answers scored above the rejected ones");
        assertEquals(reward.get("eval_format_accuracy").asDouble(), preferred / 20.0, 1 / 20.0,
                "the plugin scores as the stage evaluated, but for a pair within float round-off of a tie");

        CliRun listed = CliRun.of("--plugins-dir", plugins.toString(), "plugins");
        assertTrue(listed.out().contains("reward-model"), listed.out());
        CliRun generate = CliRun.of("--plugins-dir", plugins.toString(), "generate", model.toString(), "--prompt", "2 plus 3");
        assertEquals(ExitCodes.RUN_FAILURE, generate.exitCode());
        assertTrue(generate.err().contains("a sequence classifier (a reward model), not a language model"), generate.err());
    }

    /** "a plus b is N. #### N" or "#### N": the format asked for. */
    private static String formatted(int[] p, int answer, boolean withSentence) {
        return (withSentence ? p[0] + " plus " + p[1] + " is " + answer + ". " : "") + "#### " + answer;
    }

    /** The right sum in one of three other forms, none ending with "#### N". */
    private static String unformatted(int[] p, int form) {
        int sum = p[0] + p[1];
        return switch (form) {
            case 0 -> p[0] + " plus " + p[1] + " is " + sum + ".";
            case 1 -> "The answer is " + sum + ".";
            default -> String.valueOf(sum);
        };
    }

    private static String pair(int[] p, String chosen, String rejected) throws IOException {
        return JSON.writeValueAsString(Map.of(
                "prompt", List.of(Map.of("role", "user", "content", question(p))),
                "chosen", List.of(Map.of("role", "assistant", "content", chosen)),
                "rejected", List.of(Map.of("role", "assistant", "content", rejected)))) + "\n";
    }

    private static PromptCompletion completion(int[] p, String answer) {
        return new PromptCompletion(new Messages(List.of(ChatMessage.user(question(p)))),
                new Messages(List.of(ChatMessage.assistant(answer))));
    }

    private static String question(int[] p) {
        return "What is " + p[0] + " plus " + p[1] + "?";
    }
}
