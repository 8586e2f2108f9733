package dev.tempest.model.gpt;

import dev.tempest.accelerator.AttentionShape;
import dev.tempest.model.KvCache;
import dev.tempest.model.HfModel;
import dev.tempest.model.TokenPositions;
import dev.tempest.nn.Ops;
import dev.tempest.nn.ParameterArena;
import dev.tempest.random.SeededRandom;
import dev.tempest.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/** GPT-2's forward pass, composed from the ops; B = batch, T = time, C = channels, V = vocabulary. */
final class Gpt2Model extends HfModel {

    private final Gpt2Config c;

    Gpt2Model(Gpt2Config c, Map<String, Object> config, ParameterArena parameters) {
        super(config, parameters, c.V(), c.P());
        this.c = c;
    }

    @Override
    public Tensor hiddenStates(Ops ops, int[] tokens, TokenPositions at, KvCache cache) {
        if (at.last() >= c.P()) {
            throw new IllegalArgumentException("position " + at.last() + " exceeds n_positions " + c.P());
        }
        AttentionShape shape = new AttentionShape(at.B(), at.T(), c.H(), c.H(), c.headDim());
        Tensor x = ops.embedding(tokens, p("wte.weight"), at.positions(), p("wpe.weight"));       // (B*T, C)
        for (int l = 0; l < c.L(); l++) {
            String h = "h." + l + ".";
            Tensor ln1 = ops.layerNorm(x, p(h + "ln_1.weight"), p(h + "ln_1.bias"), c.eps());
            Tensor qkv = ops.conv1d(ln1, p(h + "attn.c_attn.weight"), p(h + "attn.c_attn.bias"));  // (B*T, 3C)
            Tensor attention = ops.attention(qkv, shape, at.firstKeys(), cache, l);                // (B*T, C)
            x = ops.add(x, ops.conv1d(attention, p(h + "attn.c_proj.weight"), p(h + "attn.c_proj.bias")));
            Tensor ln2 = ops.layerNorm(x, p(h + "ln_2.weight"), p(h + "ln_2.bias"), c.eps());
            Tensor hidden = ops.gelu(ops.conv1d(ln2, p(h + "mlp.c_fc.weight"), p(h + "mlp.c_fc.bias"))); // (B*T, F)
            x = ops.add(x, ops.conv1d(hidden, p(h + "mlp.c_proj.weight"), p(h + "mlp.c_proj.bias")));
        }
        if (cache != null) {
            cache.advance(at.T());
            x = ops.lastRows(x, at.B(), at.T());                                                   // (B, C)
        }
        return ops.layerNorm(x, p("ln_f.weight"), p("ln_f.bias"), c.eps());                         // (B*T or B, C)
    }

    @Override
    public Tensor head(Ops ops, Tensor hidden) {
        if (c.labels() > 0) {
            throw new IllegalStateException("a GPT2ForSequenceClassification has no language-model head, only a score head");
        }
        return ops.linear(hidden, p("wte.weight"), null);                                          // (rows, V), tied head
    }

    @Override
    public KvCache newCache(int B, int Tmax) {
        return new KvCache(parameters().backend(), c.L(), B, Tmax, c.C());
    }

    /**
     * GPT-2's initialisation: weights and embeddings N(0, 0.02), the projections into the
     * residual stream N(0, 0.02 / sqrt(2L)) so the stream's variance does not grow with depth,
     * biases 0, LayerNorm gains 1.
     */
    @Override
    public void initialize(SeededRandom random) {
        for (String name : parameters().parameters().keySet()) {
            int size = parameters().get(name).size();
            float[] values;
            if (name.endsWith("ln_1.weight") || name.endsWith("ln_2.weight") || name.endsWith("ln_f.weight")) {
                values = new float[size];
                Arrays.fill(values, 1f);
            } else if (name.endsWith(".weight")) {
                values = random.normal(size, name.endsWith("c_proj.weight") ? 0.02 / Math.sqrt(2.0 * c.L()) : 0.02);
            } else {
                values = new float[size];  // biases start at 0
            }
            parameters().write(name, values);
        }
    }

    /** A backbone tensor by its language model's name. */
    private Tensor p(String name) {
        return parameters().get(c.backbone() + name);
    }
}
