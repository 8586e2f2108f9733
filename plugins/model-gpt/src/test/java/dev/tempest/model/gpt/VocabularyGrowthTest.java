package dev.tempest.model.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFolder;
import dev.tempest.model.ReferenceCheck;
import dev.tempest.model.VocabularyGrowth;
import dev.tempest.nn.Ops;
import dev.tempest.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VocabularyGrowthTest {

    private static final int[] TOKENS = {5, 17, 42, 8};

    @Test
    void newTokensGetTheMeanEmbeddingAndEveryOldLogitStaysAsItWas() throws IOException {
        try (Backend backend = new CpuBackend(2)) {
            Path fixture = ReferenceCheck.fixture("gpt2-tiny");
            LanguageModel model = new ModelFolder(fixture).load(new Gpt2Family(), backend);
            int V = model.vocabSize();

            LanguageModel grown = VocabularyGrowth.grow(model, new Gpt2Family(), V + 2);

            assertEquals(V + 2, grown.vocabSize());
            assertEquals(V + 2, grown.config().get("vocab_size"));
            float[] before = logits(model, backend);
            float[] after = logits(grown, backend);
            for (int row = 0; row < TOKENS.length; row++) {
                assertArrayEquals(Arrays.copyOfRange(before, row * V, (row + 1) * V),
                        Arrays.copyOfRange(after, row * (V + 2), row * (V + 2) + V), "row " + row);
            }
            float[] wte = grown.parameters().read("wte.weight");
            int C = wte.length / (V + 2);
            double mean = 0;
            for (int v = 0; v < V; v++) {
                mean += wte[v * C];
            }
            assertEquals(mean / V, wte[V * C], 1e-6);
            assertEquals(wte[V * C], wte[(V + 1) * C]);
            assertArrayEquals(model.parameters().read("h.0.attn.c_attn.weight"), grown.parameters().read("h.0.attn.c_attn.weight"));
        }
    }

    private static float[] logits(LanguageModel model, Backend backend) {
        Tensor logits = model.forward(new Ops(backend, null), TOKENS, 1, TOKENS.length);
        float[] values = new float[logits.size()];
        backend.read(logits.data(), values, 0);
        return values;
    }
}
