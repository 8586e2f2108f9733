package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.api.Verifier;
import dev.tempest.api.testing.SystemTool;
import dev.tempest.plugin.PluginHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GRPO raises held-out pass@1 over the fine-tuned model it starts from, rewarded by each bundled
 * verifier alone. Each test pre-trains a tiny GPT-2, fine-tunes it on chats that teach the right
 * answer and, some of the time, a slip the verifier fails, then runs GRPO on the taught prompts;
 * held out, a quarter of the prompts (a fifth for math), never in a chat or a rollout, each
 * answered several times at temperature 1 before and after. The slips: math, going on after the
 * answer with another sum ("It is 7. Also 2 plus 3 is 5.": the verifier reads the last number);
 * logic, setting every variable true whatever negates it; code, print instead of return. What
 * GRPO learns is to drop the slip and to sample what the model knows more often, and both carry
 * to prompts it never trained on. The runs are seeded and pinned to two threads, so their
 * numbers repeat: sampled held-out pass@1 0.24 -> 0.44 (math; answers cut at the token limit
 * 0.25 -> 0.01), 0.17 -> 0.40 (logic), 0.42 -> 0.83 (code); the margins asserted are well
 * inside them. The code test's verifier runs every answer in bubblewrap, so it has the fewest
 * steps and answers.
 */
class GrpoIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void grpoWithTheMathVerifierRaisesHeldOutPassAt1OverTheFineTunedModel() throws IOException {
        Random random = new Random(1);
        List<int[]> sums = DigitSums.shuffled(random);
        List<int[]> heldOut = sums.subList(0, 20);
        List<int[]> taught = sums.subList(20, sums.size());
        Files.writeString(dir.resolve("corpus.jsonl"), DigitSums.facts(random, sums, 4000));
        StringBuilder chats = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            int[] p = taught.get(random.nextInt(taught.size()));
            String answer = "It is " + (p[0] + p[1]) + ".";
            if (random.nextDouble() < 0.6) {
                int[] other = sums.get(random.nextInt(sums.size()));
                answer += " Also " + other[0] + " plus " + other[1] + " is " + (other[0] + other[1]) + ".";
            }
            chats.append(chat(question(p), answer));
        }
        Files.writeString(dir.resolve("chats.jsonl"), chats);
        Files.writeString(dir.resolve("train.jsonl"), sumTasks(taught));
        Files.writeString(dir.resolve("held-out.jsonl"), sumTasks(heldOut));

        CliRun run = run(grpo(8, 8, 100, "0.0002", 10, """
                    eval_every: 50
                    evaluation: {tasks: held-out.jsonl, samples: 8, temperature: 1.0, max_tokens: 16}
                """), 600, 8);

        assertRaisesPassAt1By(0.1);
        JsonNode before = RunMetrics.done(dir.resolve("run"), "before");
        JsonNode grpo = RunMetrics.done(dir.resolve("run"), "grpo");
        JsonNode after = RunMetrics.done(dir.resolve("run"), "after");
        assertTrue(after.get("truncated").asDouble() < 0.5 * before.get("truncated").asDouble(), before + "\n" + after);
        assertEquals(grpo.get("eval_pass@1"), after.get("pass@1"), "the stage's evaluation and the eval stage agree");
        assertTrue(run.out().contains("80 tasks, 8 prompts x 8 answers a rollout, prompts through the chatml template;"
                + " KL penalty none"), run.out());
        List<JsonNode> steps = RunMetrics.steps(dir.resolve("run"), "grpo");
        assertEquals(100, steps.size());
        for (JsonNode step : steps) {
            assertEquals(64, step.path("verdicts/correct").asInt() + step.path("verdicts/incorrect").asInt()
                    + step.path("verdicts/no_answer").asInt(), "every answer verified: " + step);
        }
    }

    @Test
    void grpoWithTheLogicVerifierRaisesHeldOutPassAt1OverTheFineTunedModel() throws IOException {
        List<UnitClauses> puzzles = UnitClauses.all();
        writeRequests(puzzles, 0.4, UnitClauses::tasks);

        run(grpo(8, 8, 150, "0.0005", 10, ""), 300, 8);

        assertRaisesPassAt1By(0.1);
    }

    @Test
    void grpoWithTheCodeVerifierRaisesHeldOutPassAt1OverTheFineTunedModel() throws Exception {
        try (PluginHost plugins = PluginHost.open(Distribution.HOME.resolve("plugins"))) {
            plugins.extension(Verifier.class, "code").systemChecks().stream()
                    .filter(check -> List.of("bubblewrap", "python3").contains(check.name()))
                    .forEach(SystemTool::require);
        }
        writeRequests(FunctionPrompts.all(), 0.6, FunctionPrompts::tasks);

        run(grpo(4, 4, 12, "0.0003", 4, ""), 300, 4);

        assertRaisesPassAt1By(0.2);
    }

    /** Sampled held-out pass@1 rose from the fine-tuned model's by at least {@code margin}. */
    private void assertRaisesPassAt1By(double margin) throws IOException {
        JsonNode before = RunMetrics.done(dir.resolve("run"), "before");
        JsonNode after = RunMetrics.done(dir.resolve("run"), "after");
        assertTrue(after.get("pass@1").asDouble() >= before.get("pass@1").asDouble() + margin, before + "\n" + after);
    }

    /**
     * Stage grpo, from sft, on train.jsonl: {@code prompts} x {@code samples} answers of at most 16
     * tokens a step, {@code steps} steps at {@code learningRate} after {@code warmup}, and {@code more}.
     */
    private static String grpo(int prompts, int samples, int steps, String learningRate, int warmup, String more) {
        return """
                  - kind: grpo
                    name: grpo
                    model: {from: sft}
                    tasks: train.jsonl
                    prompts_per_step: %d
                    samples_per_prompt: %d
                    max_tokens: 16
                    steps: %d
                    learning_rate: %s
                    warmup_steps: %d
                    threads: 2
                """.formatted(prompts, samples, steps, learningRate, warmup) + more;
    }

    /**
     * Writes the data of a run on {@code requests}, shuffled: a quarter held out (held-out.jsonl),
     * the rest taught (train.jsonl); a pre-training corpus in which half the rows are a taught
     * request answered (right or with the slip, as often) and half any request's prompt alone;
     * chats answering taught requests, with the slip {@code slips} of the time.
     */
    private <R extends TaughtRequest> void writeRequests(List<R> requests, double slips,
                                                         TaskWriter<R> tasks) throws IOException {
        Random random = new Random(1);
        List<R> shuffled = new ArrayList<>(requests);
        Collections.shuffle(shuffled, random);
        List<R> heldOut = shuffled.subList(0, shuffled.size() / 4);
        List<R> taught = shuffled.subList(shuffled.size() / 4, shuffled.size());
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            R r = taught.get(random.nextInt(taught.size()));
            String text = random.nextBoolean() ? r.prompt() + " " + r.answer(random.nextBoolean())
                    : shuffled.get(random.nextInt(shuffled.size())).prompt();
            corpus.append(JSON.writeValueAsString(Map.of("text", text))).append('\n');
        }
        StringBuilder chats = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            R r = taught.get(random.nextInt(taught.size()));
            chats.append(chat(r.prompt(), r.answer(random.nextDouble() < slips)));
        }
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("chats.jsonl"), chats);
        Files.writeString(dir.resolve("train.jsonl"), tasks.write(taught));
        Files.writeString(dir.resolve("held-out.jsonl"), tasks.write(heldOut));
    }

    /** The task rows of some requests. */
    private interface TaskWriter<R> {
        String write(List<R> requests) throws IOException;
    }

    /**
     * Runs pre-training for {@code pretrainSteps}, SFT, an evaluation of the SFT model on the
     * held-out tasks ({@code samples} answers each at temperature 1), then {@code grpo} and the
     * same evaluation of its model.
     */
    private CliRun run(String grpo, int pretrainSteps, int samples) throws IOException {
        String heldOutEval = """
                    tasks: held-out.jsonl
                    samples: %d
                    temperature: 1.0
                    max_tokens: 16
                    threads: 2
                """.formatted(samples);
        Path pipeline = Files.writeString(dir.resolve("pipeline.yaml"), """
                name: grpo
                stages:
                """ + TinyChatStages.pretrain(pretrainSteps, 64, true) + TinyChatStages.sft("") + """
                  - kind: eval
                    name: before
                    model: {from: sft}
                %s%s  - kind: eval
                    name: after
                    model: {from: grpo}
                %s""".formatted(heldOutEval, grpo, heldOutEval));
        CliRun run = CliRun.of("--plugins-dir", Distribution.HOME.resolve("plugins").toString(), "run",
                pipeline.toString(), "--output", dir.resolve("run").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
        return run;
    }

    private static String question(int[] p) {
        return "What is " + p[0] + " plus " + p[1] + "?";
    }

    /** A JSONL chat row: the user's {@code prompt} and the assistant's {@code answer}. */
    private static String chat(String prompt, String answer) throws IOException {
        return JSON.writeValueAsString(Map.of("messages", List.of(Map.of("role", "user", "content", prompt),
                Map.of("role", "assistant", "content", answer)))) + "\n";
    }

    /** Math tasks asking for each of {@code sums}, answered by the number a completion ends with. */
    private static String sumTasks(List<int[]> sums) throws IOException {
        StringBuilder tasks = new StringBuilder();
        for (int[] p : sums) {
            tasks.append(JSON.writeValueAsString(Map.of("id", p[0] + "+" + p[1], "prompt", question(p), "verifier", "math",
                    "answer", String.valueOf(p[0] + p[1])))).append('\n');
        }
        return tasks.toString();
    }
}
