package dev.tempest.model.llama;

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

/** Llama and Qwen2 as reward models: Hugging Face's LlamaForSequenceClassification and Qwen2ForSequenceClassification. */
class SequenceClassifierTest {

    // hidden 8, 2 query heads and 1 key/value head of 4, MLP 16; an untied lm_head, which the classifier leaves behind
    private static final Map<String, Object> LLAMA = Map.of("model_type", "llama", "vocab_size", 50, "hidden_size", 8,
            "intermediate_size", 16, "num_hidden_layers", 1, "num_attention_heads", 2, "num_key_value_heads", 1,
            "tie_word_embeddings", false);

    @Test
    void aSavedRewardModelHoldsWhatLlamaForSequenceClassificationLoads(@TempDir Path dir) throws IOException {
        ClassifierCheck.savedLayoutIsHuggingFaces(new LlamaFamily(), LLAMA, "LlamaForSequenceClassification",
                expected(false), dir);
    }

    @Test
    void aSavedQwen2RewardModelHoldsWhatQwen2ForSequenceClassificationLoads(@TempDir Path dir) throws IOException {
        Map<String, Object> qwen2 = new LinkedHashMap<>(LLAMA);
        qwen2.put("model_type", "qwen2");
        ClassifierCheck.savedLayoutIsHuggingFaces(new LlamaFamily(), qwen2, "Qwen2ForSequenceClassification",
                expected(true), dir);
    }

    /**
     * transformers' modeling_llama.py (and modeling_qwen2.py): the classifier holds self.model =
     * LlamaModel(config) (embed_tokens, layers.N with self_attn.{q,k,v,o}_proj as Linear (out, in),
     * mlp.{gate,up,down}_proj, input_layernorm, post_attention_layernorm; norm), and self.score =
     * nn.Linear(config.hidden_size, self.num_labels, bias=False); no lm_head. Qwen2's q, k, v
     * projections have biases.
     */
    private static Map<String, List<Integer>> expected(boolean qwen2) {
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        expected.put("model.embed_tokens.weight", List.of(50, 8));
        expected.put("model.layers.0.input_layernorm.weight", List.of(8));
        expected.put("model.layers.0.self_attn.q_proj.weight", List.of(8, 8));
        expected.put("model.layers.0.self_attn.k_proj.weight", List.of(4, 8));
        expected.put("model.layers.0.self_attn.v_proj.weight", List.of(4, 8));
        if (qwen2) {
            expected.put("model.layers.0.self_attn.q_proj.bias", List.of(8));
            expected.put("model.layers.0.self_attn.k_proj.bias", List.of(4));
            expected.put("model.layers.0.self_attn.v_proj.bias", List.of(4));
        }
        expected.put("model.layers.0.self_attn.o_proj.weight", List.of(8, 8));
        expected.put("model.layers.0.post_attention_layernorm.weight", List.of(8));
        expected.put("model.layers.0.mlp.gate_proj.weight", List.of(16, 8));
        expected.put("model.layers.0.mlp.up_proj.weight", List.of(16, 8));
        expected.put("model.layers.0.mlp.down_proj.weight", List.of(8, 16));
        expected.put("model.norm.weight", List.of(8));
        expected.put("score.weight", List.of(1, 8));
        return expected;
    }

    @Test
    void theBradleyTerryGradientReachesTheHeadAndTheBackbone() throws IOException {
        ClassifierCheck.rewardGradientMatchesFiniteDifferences(new LlamaFamily(), "llama-tiny");
    }

    @ParameterizedTest
    @MethodSource("dev.tempest.model.ReferenceCheck#backends")
    void theGradientOnEveryBackendIsTheOracles(Supplier<Backend> backend) throws IOException {
        ClassifierCheck.rewardGradientMatchesTheOracle(new LlamaFamily(), "llama-tiny", backend.get());
    }

    @ParameterizedTest
    @MethodSource("dev.tempest.model.ReferenceCheck#backends")
    void paddedSequencesScoreAsEachAlone(Supplier<Backend> backend) throws IOException {
        ClassifierCheck.paddedSequencesScoreAsEachAlone(new LlamaFamily(), "llama-tiny", backend.get());
    }

    @Test
    void aNewModelWrittenByHandIsALanguageModel() {
        Map<String, Object> config = new LinkedHashMap<>(LLAMA);
        config.put("architectures", List.of("LlamaForSequenceClassification"));

        ModelConfigException refused = assertThrows(ModelConfigException.class, () -> new LlamaFamily().checkNewConfig(config));

        assertEquals("architectures", refused.key());
    }
}
