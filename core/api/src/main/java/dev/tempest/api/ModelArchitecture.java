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
     * @throws IllegalArgumentException naming the key when the config lacks or mistypes one
     */
    List<TensorSpec> tensorLayout(Map<String, Object> config);
}
