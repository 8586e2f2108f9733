package dev.tempest.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model family (GPT-2, Llama) in its Hugging Face layout. It reads the family's
 * {@code config.json} and names every tensor of its {@code model.safetensors}, so that
 * checkpoints move to and from the Python ecosystem unchanged.
 */
public interface ModelArchitecture extends TempestExtension {

    /** The {@code model_type} values of {@code config.json} this architecture reads, e.g. {@code gpt2}. */
    Set<String> modelTypes();

    /**
     * Every tensor of a checkpoint for {@code config} (the parsed {@code config.json}), with its
     * Hugging Face name and shape, in file order.
     *
     * @throws ModelConfigException naming the key when the config lacks or mistypes one
     */
    List<TensorSpec> tensorLayout(Map<String, Object> config);

    /**
     * Checks the configuration of a new model as a person writes it in a pipeline, before any
     * work: every key one this architecture reads (a typo is not silently ignored), each of its
     * type, in range and consistent with the others. A {@code config.json} read from a published
     * model may carry keys nobody reads; this check is for configs written by hand.
     *
     * @throws ModelConfigException naming the first bad key, with the nearest valid key for an unknown one
     */
    default void checkNewConfig(Map<String, Object> config) {
        tensorLayout(config);
    }

    /** The most positions a model of {@code config} can attend over: GPT-2's {@code n_positions}. */
    int contextLength(Map<String, Object> config);
}
