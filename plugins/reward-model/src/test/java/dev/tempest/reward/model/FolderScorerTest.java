package dev.tempest.reward.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.accelerator.scalar.ScalarBackend;
import dev.tempest.api.ChatMessage;
import dev.tempest.api.Messages;
import dev.tempest.api.PromptCompletion;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFamilies;
import dev.tempest.model.ScoreHead;
import dev.tempest.model.TokenizerConfig;
import dev.tempest.model.gpt.Gpt2Family;
import dev.tempest.random.SeededRandom;
import dev.tempest.tokenizer.BpeTrainer;
import dev.tempest.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reward model folder scored through the plugin's scorer, on a tiny GPT-2 with a random head. */
class FolderScorerTest {

    private static final ModelFamilies FAMILIES = new ModelFamilies(List.of(new Gpt2Family()));

    @TempDir Path dir;

    @Test
    void scoringABatchEqualsScoringEachPairAlone() throws IOException {
        writeModel(true);
        List<PromptCompletion> pairs = List.of(
                new PromptCompletion("What is 2 plus 3?", " #### 5"),
                new PromptCompletion("What is 12 plus 30, and why?", " It is 42, since 12 and 30 make 42."),
                new PromptCompletion(new Messages(List.of(ChatMessage.user("Sky?"))),
                        new Messages(List.of(ChatMessage.assistant("Blue.")))));

        double[] together;
        double[] alone = new double[pairs.size()];
        try (FolderScorer scorer = FolderScorer.open(dir, FAMILIES, new CpuBackend(2))) {
            together = scorer.score(pairs);
            for (int i = 0; i < pairs.size(); i++) {
                alone[i] = scorer.score(List.of(pairs.get(i)))[0];
            }
        }

        // Float round-off only: the padded rows run through GEMMs of other shapes.
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(alone[i], together[i], 1e-5 * Math.max(1, Math.abs(alone[i])), "pair " + i);
        }
        assertTrue(Math.abs(together[0] - together[1]) > 1e-3, "different pairs score differently: " + together[0]);
    }

    @Test
    void theScalarOracleAndTheCpuBackendScoreAlike() throws IOException {
        writeModel(true);
        List<PromptCompletion> pairs = List.of(new PromptCompletion("What is 2 plus 3?", " #### 5"),
                new PromptCompletion("What is 2 plus 3?", " 5"));

        double[] cpu;
        double[] scalar;
        try (FolderScorer scorer = FolderScorer.open(dir, FAMILIES, new CpuBackend(2))) {
            cpu = scorer.score(pairs);
        }
        try (FolderScorer scorer = FolderScorer.open(dir, FAMILIES, new ScalarBackend())) {
            scalar = scorer.score(pairs);
        }

        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(scalar[i], cpu[i], 1e-5 * Math.max(1, Math.abs(scalar[i])), "pair " + i);
        }
    }

    @Test
    void aLanguageModelFolderIsNoRewardModel() throws IOException {
        writeModel(false);

        IOException refused = assertThrows(IOException.class, () -> FolderScorer.open(dir, FAMILIES, new ScalarBackend()));

        assertEquals(dir.resolve("config.json") + ": a reward model is a sequence classifier of one label (architectures"
                + " naming a ...ForSequenceClassification, num_labels 1), as a reward_model stage writes it; this one has"
                + " none: it is a language model", refused.getMessage());
    }

    @Test
    void optionsNameWhatIsWrongWithThem() {
        assertEquals("option 'path' is required: the reward model's folder", assertThrows(IllegalArgumentException.class,
                () -> ScorerOptions.of(Map.of("device", "cpu"))).getMessage());
        assertEquals("option 'threads' must be a whole number of at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> ScorerOptions.of(Map.of("path", "rm", "threads", 0))).getMessage());
        assertEquals("option 'folder' is unknown; the reward-model scorer reads device, path, threads",
                assertThrows(IllegalArgumentException.class, () -> ScorerOptions.of(Map.of("folder", "rm"))).getMessage());
        assertEquals(new ScorerOptions(Path.of("rm"), "opencl:0:0", 3),
                ScorerOptions.of(Map.of("path", "rm", "device", "opencl:0:0", "threads", 3)));
    }

    /** A tiny GPT-2 in {@code dir}, with a tokenizer knowing ChatML's tokens: a reward model, or the language model under it. */
    private void writeModel(boolean rewardModel) throws IOException {
        Tokenizer tokenizer = BpeTrainer.train(List.of("What is 2 plus 3? #### 5", "It is 42, since 12 and 30 make 42.",
                "Sky? Blue."), 300, List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>"));
        try (CpuBackend backend = new CpuBackend(2)) {
            LanguageModel lm = new Gpt2Family().create(backend, Map.of("model_type", "gpt2",
                    "vocab_size", tokenizer.vocabSize(), "n_positions", 64, "n_embd", 16, "n_layer", 2, "n_head", 2));
            lm.initialize(new SeededRandom(1));
            HfCheckpoint.save(rewardModel ? ScoreHead.attach(lm, new Gpt2Family(),
                    tokenizer.specialToken("<|endoftext|>"), new SeededRandom(2)) : lm, dir);
        }
        tokenizer.save(dir.resolve("tokenizer.json"));
        TokenizerConfig.write(dir, ChatTemplate.forName("chatml"), "<|im_end|>", "<|endoftext|>");
    }
}
