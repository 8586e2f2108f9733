package dev.tempest.data;

import dev.tempest.api.SourceLocation;

/** A rejected row under the {@code stop} policy: ends the read, naming the row. */
public final class BadRowException extends RuntimeException {

    public BadRowException(SourceLocation at, String reason) {
        super(at + ": " + reason);
    }
}
