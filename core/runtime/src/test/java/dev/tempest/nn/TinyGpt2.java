package dev.tempest.nn;

import dev.tempest.accelerator.AttentionShape;
import dev.tempest.tensor.Tensor;

/** GPT-2 wired from the ops, with Hugging Face tensor names: what the model-gpt plugin will build. */
final class TinyGpt2 {

    private TinyGpt2() {
    }

    /** logits (B*T, V) for the fixture's input ids. */
    static Tensor forward(Ops ops, Fixture f) {
        int C = f.configInt("n_embd");
        int H = f.configInt("n_head");
        float eps = f.configFloat("layer_norm_epsilon");
        AttentionShape shape = new AttentionShape(f.B, f.T, H, H, C / H);
        Tensor x = ops.embedding(f.inputIds, f.p("wte.weight"), f.positions(), f.p("wpe.weight")); // (B*T, C)
        for (int l = 0; l < f.configInt("n_layer"); l++) {
            String h = "h." + l + ".";
            Tensor ln1 = ops.layerNorm(x, f.p(h + "ln_1.weight"), f.p(h + "ln_1.bias"), eps);
            Tensor qkv = ops.conv1d(ln1, f.p(h + "attn.c_attn.weight"), f.p(h + "attn.c_attn.bias")); // (B*T, 3C)
            Tensor attention = ops.attention(qkv, shape);                                            // (B*T, C)
            x = ops.add(x, ops.conv1d(attention, f.p(h + "attn.c_proj.weight"), f.p(h + "attn.c_proj.bias")));
            Tensor ln2 = ops.layerNorm(x, f.p(h + "ln_2.weight"), f.p(h + "ln_2.bias"), eps);
            Tensor hidden = ops.gelu(ops.conv1d(ln2, f.p(h + "mlp.c_fc.weight"), f.p(h + "mlp.c_fc.bias"))); // (B*T, 4C)
            x = ops.add(x, ops.conv1d(hidden, f.p(h + "mlp.c_proj.weight"), f.p(h + "mlp.c_proj.bias")));
        }
        Tensor out = ops.layerNorm(x, f.p("ln_f.weight"), f.p("ln_f.bias"), eps);
        return ops.linear(out, f.p("wte.weight"), null); // tied head: (B*T, V)
    }
}
