package dev.tempest.model.llama;

import dev.tempest.model.HfConfig;
import java.util.Map;

/**
 * The sizes of a Llama or Qwen2, read from its Hugging Face {@code config.json}. V = vocabulary,
 * C = hidden size, F = MLP width, L = layers, H = query heads, Hkv = key/value heads, D = head dim.
 * Qwen2 always puts a bias on the q, k and v projections (its modelling code hard-codes it);
 * Llama does when {@code attention_bias} says so.
 */
record LlamaConfig(int V, int C, int F, int L, int H, int Hkv, int D, int P, float eps, float theta,
                   boolean tied, boolean qkvBias) {

    static LlamaConfig of(Map<String, Object> json) {
        HfConfig config = new HfConfig(json);
        String activation = config.text("hidden_act", "silu");
        if (!activation.equals("silu")) {
            throw new IllegalArgumentException("config.json: \"hidden_act\" " + activation + " is not supported; use silu");
        }
        if (json.get("rope_scaling") != null) {
            throw new IllegalArgumentException("config.json: \"rope_scaling\" is not supported yet; it must be null");
        }
        int C = config.integer("hidden_size");
        int H = config.integer("num_attention_heads");
        int Hkv = config.integer("num_key_value_heads", H);
        if (H % Hkv != 0) {
            throw new IllegalArgumentException("config.json: \"num_attention_heads\" " + H
                    + " is not a multiple of \"num_key_value_heads\" " + Hkv);
        }
        boolean qwen2 = "qwen2".equals(config.text("model_type", "llama"));
        return new LlamaConfig(config.integer("vocab_size"), C, config.integer("intermediate_size"),
                config.integer("num_hidden_layers"), H, Hkv, config.integer("head_dim", C / H),
                config.integer("max_position_embeddings", 2048), config.number("rms_norm_eps", 1e-6f),
                config.number("rope_theta", 10000f), config.flag("tie_word_embeddings", false),
                qwen2 || config.flag("attention_bias", false));
    }
}
