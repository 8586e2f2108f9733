package dev.tempest.model;

import dev.tempest.accelerator.Backend;
import dev.tempest.api.ModelArchitecture;
import dev.tempest.nn.ParameterArena;
import java.util.Map;
import java.util.Optional;

/**
 * The extension point of model plugins: a {@link ModelArchitecture} that can also build the
 * model on a backend. It lives beside the engine's types (tensors, ops, backends) because
 * building needs them; the API keeps the part that needs none.
 */
public interface ModelFamily extends ModelArchitecture {

    /**
     * A model for {@code config} (a parsed {@code config.json}) with zeroed parameters laid out as
     * {@link #tensorLayout(Map)} names them.
     *
     * @throws IllegalArgumentException naming the key when the config lacks, mistypes or sets
     *     an unsupported value
     */
    default LanguageModel create(Backend backend, Map<String, Object> config) {
        return create(ParameterArena.allocate(backend, Layouts.shapes(tensorLayout(config))), config);
    }

    /**
     * A model for {@code config} over {@code parameters}, which hold {@link #tensorLayout(Map)}'s
     * tensors in its order (and may be part of a larger arena: {@link ParameterArena#leading}).
     *
     * @throws IllegalArgumentException as {@link #create(Backend, Map)}
     */
    LanguageModel create(ParameterArena parameters, Map<String, Object> config);

    /**
     * The Hugging Face class of this family's sequence classifier for {@code config}, such as
     * {@code GPT2ForSequenceClassification}, when the family has that variant
     * ({@link SequenceClassification}): {@link #create} builds it from a config naming the class.
     */
    default Optional<String> sequenceClassifier(Map<String, Object> config) {
        return Optional.empty();
    }
}
