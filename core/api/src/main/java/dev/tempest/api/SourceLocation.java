package dev.tempest.api;

import java.nio.file.Path;
import java.util.Objects;

/** A line of an input file, as errors quote it: {@code data/train.jsonl:17}. */
public record SourceLocation(Path file, long line) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1, got " + line);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
