package dev.tempest.api;

import java.util.Objects;

/** A {@link Part} in the standard form: text the model reads or writes as it is, with no chat template. */
public record PlainText(String text) implements Part {

    public PlainText {
        Objects.requireNonNull(text, "text");
    }
}
