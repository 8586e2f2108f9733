package dev.tempest.model.gpt;

import dev.tempest.model.HfConfig;
import dev.tempest.model.SequenceClassification;
import java.util.Map;

/**
 * The sizes of a GPT-2, read from its Hugging Face {@code config.json}.
 * V = vocabulary, P = positions, C = channels, L = layers, H = heads, F = MLP width;
 * labels: 0 for the language model, the classes of {@code GPT2ForSequenceClassification} otherwise.
 */
record Gpt2Config(int V, int P, int C, int L, int H, int F, float eps, int labels) {

    /** Reads a {@code config.json}; keys GPT-2 does not use are ignored, as Hugging Face does. */
    static Gpt2Config of(Map<String, Object> json) {
        return read(json, false);
    }

    /** Reads the config of a new model written by hand: an unknown key is refused too. */
    static Gpt2Config strict(Map<String, Object> json) {
        return read(json, true);
    }

    private static Gpt2Config read(Map<String, Object> json, boolean strict) {
        HfConfig config = new HfConfig(json);
        String activation = config.text("activation_function", "gelu_new");
        if (!activation.equals("gelu_new")) {
            config.problem("activation_function", "\"" + activation + "\" is not supported; GPT-2 uses gelu_new (tanh GELU)");
        }
        if (!config.flag("tie_word_embeddings", true)) {
            config.problem("tie_word_embeddings", "false is not supported; GPT-2 ties its head to wte");
        }
        int C = config.size("n_embd");
        int H = config.size("n_head");
        if (C % H != 0) {
            config.problem("n_embd", "must be a multiple of n_head (" + H + "), got " + C);
        }
        int labels = SequenceClassification.labels(config);
        if (strict && labels > 0) {
            config.problem("architectures", "a new model is a language model; a reward_model stage puts a score head on one");
        }
        Gpt2Config read = new Gpt2Config(config.size("vocab_size"), config.size("n_positions"), C,
                config.size("n_layer"), H, config.size("n_inner", 4 * C),
                config.positiveNumber("layer_norm_epsilon", 1e-5f), labels);
        config.check(strict);
        return read;
    }

    int headDim() {
        return C / H;
    }

    /** Where the backbone's tensors are: GPT2ForSequenceClassification keeps them under {@code transformer.}, as Hugging Face loads it. */
    String backbone() {
        return labels > 0 ? "transformer." : "";
    }
}
