package dev.tempest.model.gpt;

import dev.tempest.model.HfConfig;
import java.util.Map;

/**
 * The sizes of a GPT-2, read from its Hugging Face {@code config.json}.
 * V = vocabulary, P = positions, C = channels, L = layers, H = heads, F = MLP width.
 */
record Gpt2Config(int V, int P, int C, int L, int H, int F, float eps) {

    static Gpt2Config of(Map<String, Object> json) {
        HfConfig config = new HfConfig(json);
        String activation = config.text("activation_function", "gelu_new");
        if (!activation.equals("gelu_new")) {
            throw new IllegalArgumentException("config.json: \"activation_function\" " + activation
                    + " is not supported; GPT-2 uses gelu_new (tanh GELU)");
        }
        if (!config.flag("tie_word_embeddings", true)) {
            throw new IllegalArgumentException("config.json: \"tie_word_embeddings\": false is not supported; GPT-2 ties its head");
        }
        int C = config.integer("n_embd");
        int H = config.integer("n_head");
        if (C % H != 0) {
            throw new IllegalArgumentException("config.json: \"n_embd\" " + C + " is not a multiple of \"n_head\" " + H);
        }
        return new Gpt2Config(config.integer("vocab_size"), config.integer("n_positions"), C,
                config.integer("n_layer"), H, config.integer("n_inner", 4 * C),
                config.number("layer_norm_epsilon", 1e-5f));
    }

    int headDim() {
        return C / H;
    }
}
