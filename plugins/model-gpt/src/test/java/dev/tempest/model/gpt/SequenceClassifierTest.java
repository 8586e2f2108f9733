package dev.tempest.model.gpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tempest.accelerator.Backend;
import dev.tempest.api.ModelConfigException;
import dev.tempest.model.ClassifierCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GPT-2 as a reward model: Hugging Face's GPT2ForSequenceClassification. */
class SequenceClassifierTest {

    @Test
    void aSavedRewardModelHoldsWhatGpt2ForSequenceClassificationLoads(@TempDir Path dir) throws IOException {
        Map<String, Object> lm = Map.of("model_type", "gpt2", "vocab_size", 50, "n_positions", 16, "n_embd", 8,
                "n_layer", 1, "n_head", 2);
        // transformers' modeling_gpt2.py: GPT2ForSequenceClassification holds self.transformer = GPT2Model(config)
        // (wte, wpe, h.N with ln_1, attn.c_attn, attn.c_proj, ln_2, mlp.c_fc, mlp.c_proj as Conv1D (in, out), ln_f)
        // and self.score = nn.Linear(config.n_embd, self.num_labels, bias=False), whose weight is (num_labels, n_embd).
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        expected.put("transformer.wte.weight", List.of(50, 8));
        expected.put("transformer.wpe.weight", List.of(16, 8));
        expected.put("transformer.h.0.ln_1.weight", List.of(8));
        expected.put("transformer.h.0.ln_1.bias", List.of(8));
        expected.put("transformer.h.0.attn.c_attn.weight", List.of(8, 24));
        expected.put("transformer.h.0.attn.c_attn.bias", List.of(24));
        expected.put("transformer.h.0.attn.c_proj.weight", List.of(8, 8));
        expected.put("transformer.h.0.attn.c_proj.bias", List.of(8));
        expected.put("transformer.h.0.ln_2.weight", List.of(8));
        expected.put("transformer.h.0.ln_2.bias", List.of(8));
        expected.put("transformer.h.0.mlp.c_fc.weight", List.of(8, 32));
        expected.put("transformer.h.0.mlp.c_fc.bias", List.of(32));
        expected.put("transformer.h.0.mlp.c_proj.weight", List.of(32, 8));
        expected.put("transformer.h.0.mlp.c_proj.bias", List.of(8));
        expected.put("transformer.ln_f.weight", List.of(8));
        expected.put("transformer.ln_f.bias", List.of(8));
        expected.put("score.weight", List.of(1, 8));

        ClassifierCheck.savedLayoutIsHuggingFaces(new Gpt2Family(), lm, "GPT2ForSequenceClassification", expected, dir);
    }

    @Test
    void theBradleyTerryGradientReachesTheHeadAndTheBackbone() throws IOException {
        ClassifierCheck.rewardGradientMatchesFiniteDifferences(new Gpt2Family(), "gpt2-tiny");
    }

    @ParameterizedTest
    @MethodSource("dev.tempest.model.ReferenceCheck#backends")
    void theGradientOnEveryBackendIsTheOracles(Supplier<Backend> backend) throws IOException {
        ClassifierCheck.rewardGradientMatchesTheOracle(new Gpt2Family(), "gpt2-tiny", backend.get());
    }

    @ParameterizedTest
    @MethodSource("dev.tempest.model.ReferenceCheck#backends")
    void paddedSequencesScoreAsEachAlone(Supplier<Backend> backend) throws IOException {
        ClassifierCheck.paddedSequencesScoreAsEachAlone(new Gpt2Family(), "gpt2-tiny", backend.get());
    }

    @Test
    void aNewModelWrittenByHandIsALanguageModel() {
        Map<String, Object> config = Map.of("model_type", "gpt2", "vocab_size", 50, "n_positions", 16, "n_embd", 8,
                "n_layer", 1, "n_head", 2, "architectures", List.of("GPT2ForSequenceClassification"));

        ModelConfigException refused = assertThrows(ModelConfigException.class, () -> new Gpt2Family().checkNewConfig(config));

        assertEquals("architectures", refused.key());
    }
}
