package dev.tempest.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * A GPT-2 shape the benchmarks share: L = layers, C = channels, H = heads, V = vocabulary,
 * T = time (= n_positions), B = batch.
 */
record BenchModel(String name, int L, int C, int H, int V, int T, int B) {

    /** (a) 0.87 M parameters, (b) 5.8 M: TrainStepBench's configs, the ones torch_step.py builds too. */
    static final BenchModel[] CONFIGS = {
            new BenchModel("a", 4, 128, 4, 512, 64, 8), new BenchModel("b", 6, 256, 8, 4096, 128, 8)};

    static BenchModel named(String name) {
        return Arrays.stream(CONFIGS).filter(c -> c.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no config " + name + "; expected a or b"));
    }

    /** The same model with another context length (n_positions). */
    BenchModel withPositions(int T) {
        return new BenchModel(name, L, C, H, V, T, B);
    }

    /** Its Hugging Face config.json. */
    Map<String, Object> hf() {
        return Map.of("model_type", "gpt2", "vocab_size", V, "n_positions", T, "n_embd", C, "n_layer", L, "n_head", H);
    }
}
