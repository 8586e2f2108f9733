package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The model a stage trains: a ModelArchitecture id and its Hugging Face {@code config.json}
 * keys, written inline.
 *
 * @param architecture the architecture's id, as {@code tempest plugins} lists it: {@code gpt2}, {@code llama}
 * @param config       the {@code config.json} of a new model, e.g. {@code n_embd: 128}
 */
@JsonPropertyOrder({"architecture", "config"})
public record ModelSpec(String architecture, Map<String, Object> config) {

    void check(String at) {
        Checks.required(Checks.field(at, "architecture"), architecture);
        Checks.required(Checks.field(at, "config"), config);
    }
}
