package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tempest.run.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-training then SFT on a tiny GPT-2, through the distribution's plugins: sums of digits as
 * facts in the pre-training text ("3 plus 4 is 7."), then SFT on chats that ask for a sum and
 * answer "#### 7" for 80 of the 100 pairs. Held out: the other 20 pairs, never in any chat. The
 * pre-trained model cannot answer in the format (nothing it says has a "####" answer); the SFT
 * model answers every held-out task in it and gets some right, knowledge from pre-training in
 * the format from SFT. The run is seeded and pinned to two threads, so its numbers repeat; the
 * margins asserted are well inside them (0 -> 0.25 accuracy, 0 -> 1 answered).
 */
class PostTrainingIT {

    @TempDir Path dir;
    private Path plugins;

    @BeforeEach
    void writeTheData() throws IOException {
        plugins = Distribution.HOME.resolve("plugins");
        Random random = new Random(1);
        List<int[]> pairs = DigitSums.shuffled(random);
        List<int[]> heldOut = pairs.subList(0, 20);
        List<int[]> taught = pairs.subList(20, pairs.size());
        String corpus = DigitSums.facts(random, pairs, 4000);
        StringBuilder chats = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            int[] p = taught.get(random.nextInt(taught.size()));
            chats.append("{\"messages\": [{\"role\": \"user\", \"content\": \"What is ").append(p[0]).append(" plus ")
                    .append(p[1]).append("?\"}, {\"role\": \"assistant\", \"content\": \"#### ").append(p[0] + p[1])
                    .append("\"}]}\n");
        }
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < heldOut.size(); i++) {
            int[] p = heldOut.get(i);
            tasks.append("{\"id\": \"h").append(i).append("\", \"prompt\": \"What is ").append(p[0]).append(" plus ")
                    .append(p[1]).append("?\", \"verifier\": \"math\", \"answer\": \"").append(p[0] + p[1])
                    .append("\", \"require_marker\": true}\n");
        }
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("chats.jsonl"), chats);
        Files.writeString(dir.resolve("tasks.jsonl"), tasks);
    }

    @Test
    void sftFromThePretrainedModelAnswersHeldOutTasksInTheFormatAndGetsSomeRight() throws IOException {
        Path pipeline = Files.writeString(dir.resolve("pipeline.yaml"), """
                name: post-training
                stages:
                """ + TinyChatStages.pretrain(300, 64, true) + """
                  - kind: eval
                    name: before
                    model: {from: pretrain}
                    tasks: tasks.jsonl
                    max_tokens: 8
                    chat_template: chatml
                    threads: 2
                """ + TinyChatStages.sft("    evaluation: {tasks: tasks.jsonl, max_tokens: 8}\n") + """
                  - kind: eval
                    name: after
                    model: {from: sft}
                    tasks: tasks.jsonl
                    max_tokens: 8
                    threads: 2
                """);

        CliRun run = CliRun.of("--plugins-dir", plugins.toString(), "run", pipeline.toString(), "--output",
                dir.resolve("run").toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
        JsonNode before = RunMetrics.done(dir.resolve("run"), "before");
        JsonNode sft = RunMetrics.done(dir.resolve("run"), "sft");
        JsonNode after = RunMetrics.done(dir.resolve("run"), "after");
        assertTrue(before.get("accuracy").asDouble() <= 0.05 && before.get("answered").asDouble() <= 0.1, before.toString());
        assertTrue(sft.get("eval_answered").asDouble() >= 0.9, sft.toString());
        assertTrue(sft.get("eval_accuracy").asDouble() >= 0.15, sft.toString());
        assertEquals(sft.get("eval_accuracy"), after.get("accuracy"), "the eval stage, with the template the model's folder names");
        assertTrue(sft.get("val_loss").asDouble() < 0.1 * sft.get("start_val_loss").asDouble(), sft.toString());
        assertTrue(run.out().contains("800 examples, 40 held out; chat template chatml, loss on the completion"), run.out());

        CliRun eval = CliRun.of("--plugins-dir", plugins.toString(), "eval", dir.resolve("run/sft/model").toString(),
                "--tasks", dir.resolve("tasks.jsonl").toString(), "--max-tokens", "8", "--threads", "2");
        assertEquals(ExitCodes.OK, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("prompts through the chatml template"), "the folder names its template: " + eval.out());
        assertTrue(eval.out().contains(String.format("accuracy %.3f,", sft.get("eval_accuracy").asDouble())),
                "the command and the stage evaluate alike: " + eval.out() + sft);
    }

    @Test
    void packedSftStartsFromAHuggingFaceFolderOnDisk() throws IOException {
        Path model = Files.createDirectories(dir.resolve("published"));
        Path pretrained = dir.resolve("pretrained");
        CliRun pretrain = CliRun.of("--plugins-dir", plugins.toString(), "run", Files.writeString(dir.resolve("pretrain.yaml"), """
                name: pretrain-only
                stages:
                """ + TinyChatStages.pretrain(100, 64, false)).toString(), "--output", pretrained.toString());
        assertEquals(ExitCodes.OK, pretrain.exitCode(), pretrain.err());
        for (String file : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            Files.copy(pretrained.resolve("pretrain/model").resolve(file), model.resolve(file));
        }
        FileTree.delete(pretrained);
        Path pipeline = Files.writeString(dir.resolve("packed.yaml"), """
                name: packed
                stages:
                  - kind: sft
                    name: sft
                    model: {path: published}
                    dataset: {loader: jsonl, path: chats.jsonl}
                    chat_template: %s
                    packing: true
                    batch_size: 4
                    sequence_length: 128
                    steps: 20
                    learning_rate: 0.001
                    threads: 2
                """);

        CliRun refused = CliRun.of("--plugins-dir", plugins.toString(), "run", Files.writeString(pipeline,
                Files.readString(pipeline).formatted("chatml")).toString(), "--output", dir.resolve("refused").toString());
        Files.writeString(pipeline, Files.readString(pipeline).replace("chat_template: chatml", "chat_template: chatml\n    grow_vocabulary: true"));
        CliRun grown = CliRun.of("--plugins-dir", plugins.toString(), "run", pipeline.toString(), "--output",
                dir.resolve("grown").toString());

        assertEquals(ExitCodes.BAD_CONFIG, refused.exitCode());
        assertEquals("tempest: " + pipeline + ":7:5: stages[0].chat_template: chat template chatml needs [<|im_start|>,"
                + " <|im_end|>] as special tokens, which the starting model's tokenizer lacks: reserve them when"
                + " pre-training (the pretrain stage's special_tokens), or let the embedding grow by a row each"
                + " (grow_vocabulary: true)\n", refused.err());
        assertEquals(ExitCodes.OK, grown.exitCode(), grown.err() + grown.out());
        assertTrue(grown.out().contains("vocabulary grows from"), grown.out());
        JsonNode sft = RunMetrics.done(dir.resolve("grown"), "sft");
        assertTrue(sft.get("val_loss").asDouble() < 0.5 * sft.get("start_val_loss").asDouble(), sft.toString());
    }
}
