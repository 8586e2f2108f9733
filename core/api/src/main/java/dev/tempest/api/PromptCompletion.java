package dev.tempest.api;

import java.util.Objects;

/** A prompt and one completion of it: an SFT example, or a pair for a reward model to score. */
public record PromptCompletion(String prompt, String completion) implements DataRecord {

    public PromptCompletion {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
    }
}
