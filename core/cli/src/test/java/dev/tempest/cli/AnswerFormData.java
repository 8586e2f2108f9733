package dev.tempest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The RLHF tests' data, over the 100 sums of two digits: 80 taught, 20 held out. A pre-training
 * corpus of sum facts ({@code corpus.jsonl}); chats that answer "It is 7." 85 times in 100 and
 * "#### 7" otherwise ({@code chats.jsonl}); preference pairs that prefer "#### N" to "It is N."
 * ({@code pairs.jsonl}); the taught sums as tasks ({@code prompts.jsonl}) and the held-out ones
 * ({@code tasks.jsonl}), whose math verifier wants the "####" marker, so the share answered is the
 * share in the preferred form.
 */
final class AnswerFormData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerFormData() {
    }

    /** A pipeline file's text: the pretrain and sft stages, then {@code laterStages} (a YAML list, unindented). */
    static String pipeline(String name, String laterStages) {
        return "name: " + name + "\nstages:\n" + TinyChatStages.pretrain(300, 64, true) + TinyChatStages.sft("")
                + laterStages.indent(2);
    }

    /** Writes the files into {@code dir}, drawn from a fixed seed. */
    static void write(Path dir) throws IOException {
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
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("chats.jsonl"), chats);
        Files.writeString(dir.resolve("pairs.jsonl"), pairs);
        Files.writeString(dir.resolve("prompts.jsonl"), tasks(taught, "t"));
        Files.writeString(dir.resolve("tasks.jsonl"), tasks(heldOut, "h"));
    }

    private static String tasks(List<int[]> sums, String prefix) throws IOException {
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < sums.size(); i++) {
            int[] p = sums.get(i);
            tasks.append(JSON.writeValueAsString(Map.of("id", prefix + i, "prompt", question(p), "verifier", "math",
                    "answer", String.valueOf(p[0] + p[1]), "require_marker", true))).append('\n');
        }
        return tasks.toString();
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
