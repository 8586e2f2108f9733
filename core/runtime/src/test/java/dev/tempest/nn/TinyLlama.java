package dev.tempest.nn;

import dev.tempest.accelerator.AttentionShape;
import dev.tempest.tensor.Tensor;

/** Llama wired from the ops, with Hugging Face tensor names: what the model-llama plugin will build. */
final class TinyLlama {

    private TinyLlama() {
    }

    /** logits (B*T, V) for the fixture's input ids. */
    static Tensor forward(Ops ops, Fixture f) {
        int H = f.configInt("num_attention_heads");
        int Hkv = f.configInt("num_key_value_heads");
        int D = f.configInt("head_dim");
        float eps = f.configFloat("rms_norm_eps");
        float theta = f.configFloat("rope_theta");
        AttentionShape shape = new AttentionShape(f.B, f.T, H, Hkv, D);
        Tensor x = ops.embedding(f.inputIds, f.p("model.embed_tokens.weight"), null, null); // (B*T, C)
        for (int l = 0; l < f.configInt("num_hidden_layers"); l++) {
            String p = "model.layers." + l + ".";
            Tensor h = ops.rmsNorm(x, f.p(p + "input_layernorm.weight"), eps);
            Tensor q = ops.rope(ops.linear(h, f.p(p + "self_attn.q_proj.weight"), null), f.T, H, D, theta);   // (B*T, H*D)
            Tensor k = ops.rope(ops.linear(h, f.p(p + "self_attn.k_proj.weight"), null), f.T, Hkv, D, theta); // (B*T, Hkv*D)
            Tensor v = ops.linear(h, f.p(p + "self_attn.v_proj.weight"), null);                                // (B*T, Hkv*D)
            Tensor attention = ops.attention(q, k, v, shape);
            x = ops.add(x, ops.linear(attention, f.p(p + "self_attn.o_proj.weight"), null));
            Tensor m = ops.rmsNorm(x, f.p(p + "post_attention_layernorm.weight"), eps);
            Tensor gated = ops.swiglu(ops.linear(m, f.p(p + "mlp.gate_proj.weight"), null),
                    ops.linear(m, f.p(p + "mlp.up_proj.weight"), null));                                       // (B*T, F)
            x = ops.add(x, ops.linear(gated, f.p(p + "mlp.down_proj.weight"), null));
        }
        Tensor out = ops.rmsNorm(x, f.p("model.norm.weight"), eps);
        return ops.linear(out, f.p("lm_head.weight"), null); // (B*T, V)
    }
}
