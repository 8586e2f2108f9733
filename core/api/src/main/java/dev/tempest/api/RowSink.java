package dev.tempest.api;

/**
 * Where a {@link DatasetLoader} sends the rows it reads. The framework implements it and owns
 * the bad-row policy: {@link #reject} may count and go on, or throw to stop the read.
 */
public interface RowSink {

    /** A row read successfully. */
    void accept(SourceLocation at, DataRecord record);

    /** A row that could not be read; {@code reason} says why, for example {@code missing field "text"}. */
    void reject(SourceLocation at, String reason);
}
