package dev.tempest.model;

import dev.tempest.nn.ParameterArena;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every Hugging Face-layout model keeps: its {@code config.json}, its arena, and its sizes. */
public abstract class HfModel implements LanguageModel {

    private final Map<String, Object> config;
    private final ParameterArena parameters;
    private final int vocabSize;
    private final int contextLength;

    protected HfModel(Map<String, Object> config, ParameterArena parameters, int vocabSize, int contextLength) {
        this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config)); // config.json has nulls: no Map.copyOf
        this.parameters = parameters;
        this.vocabSize = vocabSize;
        this.contextLength = contextLength;
    }

    @Override
    public final Map<String, Object> config() {
        return config;
    }

    @Override
    public final ParameterArena parameters() {
        return parameters;
    }

    @Override
    public final int vocabSize() {
        return vocabSize;
    }

    @Override
    public final int contextLength() {
        return contextLength;
    }
}
