package dev.tempest.api;

import java.util.Objects;

/** A human preference: for {@code prompt}, {@code chosen} was preferred to {@code rejected}. */
public record PreferencePair(String prompt, String chosen, String rejected) implements DataRecord {

    public PreferencePair {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
    }
}
