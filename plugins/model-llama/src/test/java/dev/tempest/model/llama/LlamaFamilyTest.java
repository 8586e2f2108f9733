package dev.tempest.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
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
}
