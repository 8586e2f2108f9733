package dev.tempest.model.llama;

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

/** Llama's forward pass, composed from the ops; B = batch, T = time, C = hidden, V = vocabulary. */
final class LlamaModel extends HfModel {

    private final LlamaConfig c;

    LlamaModel(LlamaConfig c, Map<String, Object> config, ParameterArena parameters) {
        super(config, parameters, c.V(), c.P());
        this.c = c;
    }

    @Override
    public Tensor hiddenStates(Ops ops, int[] tokens, TokenPositions at, KvCache cache) {
        AttentionShape shape = new AttentionShape(at.B(), at.T(), c.H(), c.Hkv(), c.D());
        Tensor x = ops.embedding(tokens, p("model.embed_tokens.weight"), null, null);                  // (B*T, C)
        for (int l = 0; l < c.L(); l++) {
            String p = "model.layers." + l + ".";
            Tensor h = ops.rmsNorm(x, p(p + "input_layernorm.weight"), c.eps());
            Tensor q = ops.rope(projection(ops, h, p + "self_attn.q_proj"), at.positions(), c.H(), c.D(), c.theta());   // (B*T, H*D)
            Tensor k = ops.rope(projection(ops, h, p + "self_attn.k_proj"), at.positions(), c.Hkv(), c.D(), c.theta()); // (B*T, Hkv*D)
            Tensor v = projection(ops, h, p + "self_attn.v_proj");                                               // (B*T, Hkv*D)
            Tensor attention = ops.attention(q, k, v, shape, at.firstKeys(), cache, l);                          // (B*T, H*D)
            x = ops.add(x, projection(ops, attention, p + "self_attn.o_proj"));
            Tensor m = ops.rmsNorm(x, p(p + "post_attention_layernorm.weight"), c.eps());
            Tensor gated = ops.swiglu(projection(ops, m, p + "mlp.gate_proj"), projection(ops, m, p + "mlp.up_proj")); // (B*T, F)
            x = ops.add(x, projection(ops, gated, p + "mlp.down_proj"));
        }
        if (cache != null) {
            cache.advance(at.T());
            x = ops.lastRows(x, at.B(), at.T());                                                        // (B, C)
        }
        return ops.rmsNorm(x, p("model.norm.weight"), c.eps());                                      // (B*T or B, C)
    }

    @Override
    public Tensor head(Ops ops, Tensor hidden) {
        if (c.labels() > 0) {
            throw new IllegalStateException("a sequence classifier has no language-model head, only a score head");
        }
        return ops.linear(hidden, p(c.tied() ? "model.embed_tokens.weight" : "lm_head.weight"), null); // (rows, V)
    }

    @Override
    public KvCache newCache(int B, int Tmax) {
        return new KvCache(parameters().backend(), c.L(), B, Tmax, c.Hkv() * c.D());
    }

    /** Llama's initialisation: every matrix N(0, 0.02), RMSNorm gains 1, biases 0. */
    @Override
    public void initialize(SeededRandom random) {
        for (String name : parameters().parameters().keySet()) {
            int size = parameters().get(name).size();
            float[] values;
            if (name.endsWith("layernorm.weight") || name.equals("model.norm.weight")) {
                values = new float[size];
                Arrays.fill(values, 1f);
            } else if (name.endsWith(".weight")) {
                values = random.normal(size, 0.02);
            } else {
                values = new float[size];  // biases start at 0
            }
            parameters().write(name, values);
        }
    }

    /** A Linear layer by its Hugging Face prefix, with its bias when the checkpoint has one. */
    private Tensor projection(Ops ops, Tensor x, String prefix) {
        String bias = prefix + ".bias";
        return ops.linear(x, p(prefix + ".weight"), parameters().parameters().containsKey(bias) ? p(bias) : null);
    }

    private Tensor p(String name) {
        return parameters().get(name);
    }
}
