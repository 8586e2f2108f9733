package dev.tempest.model.gpt;

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
 * GPT-2 in Hugging Face's layout: {@code wte}, {@code wpe}, {@code h.N.*}, {@code ln_f}, with
 * Conv1D weights stored (in, out) and the head tied to {@code wte}; as
 * {@code GPT2ForSequenceClassification}, the same under {@code transformer.} and
 * {@code score.weight} (labels, C) for a head.
 */
@Extension
public final class Gpt2Family implements ModelFamily {

    @Override
    public String id() {
        return "gpt2";
    }

    @Override
    public String description() {
        return "GPT-2: learned positions, LayerNorm, GELU MLP, tied head";
    }

    @Override
    public Set<String> modelTypes() {
        return Set.of("gpt2");
    }

    @Override
    public void checkNewConfig(Map<String, Object> config) {
        Gpt2Config.strict(config);
    }

    @Override
    public int contextLength(Map<String, Object> config) {
        return Gpt2Config.of(config).P();
    }

    @Override
    public List<TensorSpec> tensorLayout(Map<String, Object> config) {
        Gpt2Config c = Gpt2Config.of(config);
        String b = c.backbone();
        List<TensorSpec> layout = new ArrayList<>();
        layout.add(spec(b + "wte.weight", c.V(), c.C()));
        layout.add(spec(b + "wpe.weight", c.P(), c.C()));
        for (int l = 0; l < c.L(); l++) {
            String h = b + "h." + l + ".";
            layout.add(spec(h + "ln_1.weight", c.C()));
            layout.add(spec(h + "ln_1.bias", c.C()));
            layout.add(spec(h + "attn.c_attn.weight", c.C(), 3 * c.C()));
            layout.add(spec(h + "attn.c_attn.bias", 3 * c.C()));
            layout.add(spec(h + "attn.c_proj.weight", c.C(), c.C()));
            layout.add(spec(h + "attn.c_proj.bias", c.C()));
            layout.add(spec(h + "ln_2.weight", c.C()));
            layout.add(spec(h + "ln_2.bias", c.C()));
            layout.add(spec(h + "mlp.c_fc.weight", c.C(), c.F()));
            layout.add(spec(h + "mlp.c_fc.bias", c.F()));
            layout.add(spec(h + "mlp.c_proj.weight", c.F(), c.C()));
            layout.add(spec(h + "mlp.c_proj.bias", c.C()));
        }
        layout.add(spec(b + "ln_f.weight", c.C()));
        layout.add(spec(b + "ln_f.bias", c.C()));
        if (c.labels() > 0) {
            layout.add(spec(SequenceClassification.SCORE, c.labels(), c.C()));
        }
        return layout;
    }

    @Override
    public LanguageModel create(ParameterArena parameters, Map<String, Object> config) {
        return new Gpt2Model(Gpt2Config.of(config), config, parameters);
    }

    @Override
    public Optional<String> sequenceClassifier(Map<String, Object> config) {
        return Optional.of("GPT2ForSequenceClassification");
    }

    private static TensorSpec spec(String name, Integer... shape) {
        return new TensorSpec(name, List.of(shape));
    }
}
