package dev.tempest.model.llama;

import dev.tempest.model.HfConfig;
import dev.tempest.model.SequenceClassification;
import java.util.Map;

/**
 * The sizes of a Llama or Qwen2, read from its Hugging Face {@code config.json}. V = vocabulary,
 * C = hidden size, F = MLP width, L = layers, H = query heads, Hkv = key/value heads, D = head dim.
 * Qwen2 always puts a bias on the q, k and v projections (its modelling code hard-codes it);
 * Llama does when {@code attention_bias} says so. labels: 0 for the language model, the classes of
 * {@code LlamaForSequenceClassification} (or Qwen2's) otherwise.
 */
record LlamaConfig(int V, int C, int F, int L, int H, int Hkv, int D, int P, float eps, float theta,
                   boolean tied, boolean qkvBias, int labels) {

    /** Reads a {@code config.json}; keys this family does not use are ignored, as Hugging Face does. */
    static LlamaConfig of(Map<String, Object> json) {
        return read(json, false);
    }

    /** Reads the config of a new model written by hand: an unknown key is refused too. */
    static LlamaConfig strict(Map<String, Object> json) {
        return read(json, true);
    }

    private static LlamaConfig read(Map<String, Object> json, boolean strict) {
        HfConfig config = new HfConfig(json);
        String activation = config.text("hidden_act", "silu");
        if (!activation.equals("silu")) {
            config.problem("hidden_act", "\"" + activation + "\" is not supported; use silu");
        }
        if (config.present("rope_scaling")) {
            config.problem("rope_scaling", "is not supported yet; leave it out or null");
        }
        int C = config.size("hidden_size");
        int H = config.size("num_attention_heads");
        int Hkv = config.size("num_key_value_heads", H);
        if (H % Hkv != 0) {
            config.problem("num_attention_heads", "must be a multiple of num_key_value_heads (" + Hkv + "), got " + H);
        }
        int D = config.size("head_dim", Math.max(1, C / H));
        if ((long) H * D > Integer.MAX_VALUE) {
            config.problem("num_attention_heads", "times head_dim (" + D + ") must fit in " + Integer.MAX_VALUE + " channels");
        }
        if (D % 2 != 0) {
            config.problem("head_dim", "must be even: rotary embeddings turn pairs of channels; got " + D);
        }
        boolean qwen2 = "qwen2".equals(config.text("model_type", "llama"));
        int labels = SequenceClassification.labels(config);
        if (strict && labels > 0) {
            config.problem("architectures", "a new model is a language model; a reward_model stage puts a score head on one");
        }
        LlamaConfig read = new LlamaConfig(config.size("vocab_size"), C, config.size("intermediate_size"),
                config.size("num_hidden_layers"), H, Hkv, D,
                config.size("max_position_embeddings", 2048), config.positiveNumber("rms_norm_eps", 1e-6f),
                config.positiveNumber("rope_theta", 10000f), config.flag("tie_word_embeddings", false),
                qwen2 || config.flag("attention_bias", false), labels);
        config.check(strict);
        return read;
    }

    /** Whether {@code json} is a Qwen2's config rather than a Llama's. */
    static boolean qwen2(Map<String, Object> json) {
        return "qwen2".equals(json.get("model_type"));
    }
}
