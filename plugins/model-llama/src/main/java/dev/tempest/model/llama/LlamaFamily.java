package dev.tempest.model.llama;

import dev.tempest.api.TensorSpec;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFamily;
import dev.tempest.model.SequenceClassification;
import dev.tempest.nn.ParameterArena;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Llama and Qwen2 in Hugging Face's layout: {@code model.embed_tokens}, {@code model.layers.N.*},
 * {@code model.norm} and {@code lm_head} (absent when tied), Linear weights stored (out, in); as a
 * sequence classifier, {@code score.weight} (labels, C) in place of {@code lm_head}.
 */
@Extension
public final class LlamaFamily implements ModelFamily {

    @Override
    public String id() {
        return "llama";
    }

    @Override
    public String description() {
        return "Llama and Qwen2: RoPE, RMSNorm, SwiGLU, grouped-query attention";
    }

    @Override
    public Set<String> modelTypes() {
        return Set.of("llama", "qwen2");
    }

    @Override
    public void checkNewConfig(Map<String, Object> config) {
        LlamaConfig.strict(config);
    }

    @Override
    public int contextLength(Map<String, Object> config) {
        return LlamaConfig.of(config).P();
    }

    @Override
    public List<TensorSpec> tensorLayout(Map<String, Object> config) {
        LlamaConfig c = LlamaConfig.of(config);
        List<TensorSpec> layout = new ArrayList<>();
        layout.add(spec("model.embed_tokens.weight", c.V(), c.C()));
        for (int l = 0; l < c.L(); l++) {
            String p = "model.layers." + l + ".";
            layout.add(spec(p + "input_layernorm.weight", c.C()));
            projection(layout, p + "self_attn.q_proj", c.H() * c.D(), c.C(), c.qkvBias());
            projection(layout, p + "self_attn.k_proj", c.Hkv() * c.D(), c.C(), c.qkvBias());
            projection(layout, p + "self_attn.v_proj", c.Hkv() * c.D(), c.C(), c.qkvBias());
            projection(layout, p + "self_attn.o_proj", c.C(), c.H() * c.D(), false);
            layout.add(spec(p + "post_attention_layernorm.weight", c.C()));
            projection(layout, p + "mlp.gate_proj", c.F(), c.C(), false);
            projection(layout, p + "mlp.up_proj", c.F(), c.C(), false);
            projection(layout, p + "mlp.down_proj", c.C(), c.F(), false);
        }
        layout.add(spec("model.norm.weight", c.C()));
        if (c.labels() > 0) {
            layout.add(spec(SequenceClassification.SCORE, c.labels(), c.C()));   // and no lm_head, tied or not
        } else if (!c.tied()) {
            layout.add(spec("lm_head.weight", c.V(), c.C()));
        }
        return layout;
    }

    @Override
    public LanguageModel create(ParameterArena parameters, Map<String, Object> config) {
        return new LlamaModel(LlamaConfig.of(config), config, parameters);
    }

    @Override
    public Optional<String> sequenceClassifier(Map<String, Object> config) {
        return Optional.of(LlamaConfig.qwen2(config) ? "Qwen2ForSequenceClassification" : "LlamaForSequenceClassification");
    }

    private static void projection(List<TensorSpec> layout, String name, int out, int in, boolean bias) {
        layout.add(spec(name + ".weight", out, in));
        if (bias) {
            layout.add(spec(name + ".bias", out));
        }
    }

    private static TensorSpec spec(String name, Integer... shape) {
        return new TensorSpec(name, List.of(shape));
    }
}
