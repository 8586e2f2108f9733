package dev.tempest.api;

import java.util.Objects;

/** A document of plain text, TRL's {@code {"text": ...}}, for next-token pre-training. */
public record TextRecord(String text) implements DataRecord {

    public TextRecord {
        Objects.requireNonNull(text, "text");
    }
}
