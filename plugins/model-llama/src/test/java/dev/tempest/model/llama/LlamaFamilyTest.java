package dev.tempest.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.api.ModelConfigException;
import dev.tempest.api.TensorSpec;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.model.ReferenceCheck;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LlamaFamilyTest {

    @ParameterizedTest
    @MethodSource("dev.tempest.model.ReferenceCheck#backends")
    void theFixtureLoadedThroughThePluginMatchesPyTorch(Supplier<Backend> backend) throws IOException {
        try (Backend b = backend.get()) {
            ReferenceCheck.matchesPyTorch(new LlamaFamily(), "llama-tiny", b);
        }
    }

    @Test
    void qwen2AddsBiasesToTheQkvProjectionsAndATiedHeadDropsLmHead() throws IOException {
        Map<String, Object> config = new HashMap<>(HfCheckpoint.readConfig(ReferenceCheck.fixture("llama-tiny")));
        config.put("model_type", "qwen2");
        config.put("tie_word_embeddings", true);

        List<String> names = new LlamaFamily().tensorLayout(config).stream().map(TensorSpec::name).toList();

        assertTrue(names.contains("model.layers.0.self_attn.q_proj.bias"));
        assertTrue(names.contains("model.layers.1.self_attn.v_proj.bias"));
        assertTrue(!names.contains("model.layers.0.self_attn.o_proj.bias"));
        assertTrue(!names.contains("lm_head.weight"));
        assertEquals(List.of(16), new LlamaFamily().tensorLayout(config).stream()
                .filter(s -> s.name().equals("model.layers.0.self_attn.k_proj.bias")).findFirst().orElseThrow().shape());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            num_hidden_layer    | 2    | num_hidden_layer: unknown key; did you mean 'num_hidden_layers'?
            num_key_value_heads | 3    | num_attention_heads: must be a multiple of num_key_value_heads (3), got 4
            head_dim            | 7    | head_dim: must be even: rotary embeddings turn pairs of channels; got 7
            hidden_act          | gelu | hidden_act: "gelu" is not supported; use silu
            rope_theta          | 0    | rope_theta: must be a finite number above 0, got 0
            intermediate_size   | 0    | intermediate_size: must be between 1 and 16777216, got 0
            """)
    void aHandWrittenConfigIsCheckedKeyByKey(String key, String value, String message) {
        Map<String, Object> config = new HashMap<>(Map.of("hidden_size", 64, "num_hidden_layers", 2,
                "num_attention_heads", 4, "intermediate_size", 128, "vocab_size", 512));
        config.put(key, value.matches("\\d+") ? (Object) Integer.parseInt(value) : value);
        if (key.equals("num_hidden_layer")) {
            config.remove("num_hidden_layers");
        }

        assertEquals(message, assertThrows(ModelConfigException.class, () -> new LlamaFamily().checkNewConfig(config))
                .getMessage());
    }
}
