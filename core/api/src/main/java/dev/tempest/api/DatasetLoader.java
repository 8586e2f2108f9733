package dev.tempest.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a local data file into {@link DataRecord}s. Loaders stream: a file larger than memory
 * must read in constant memory. Loaders never download anything.
 *
 * <p>Example: the bundled {@code jsonl} loader reads plain text files (one document per
 * paragraph) and JSONL files of every row shape {@link DataRecord} lists, telling them apart by
 * their keys. A loader of task rows reads them through {@link TaskRows}, and builds the other
 * records through their constructors, whose IllegalArgumentException messages are row reasons.
 */
public interface DatasetLoader extends TempestExtension {

    /** True when this loader can read {@code source}, judged by its name; it is not opened. */
    boolean accepts(Path source);

    /**
     * Sends every row of {@code source} to {@code rows}, in file order. A row that cannot be
     * read goes to {@link RowSink#reject} with its line and the reason, and reading goes on.
     *
     * @throws IOException when the file itself cannot be read (missing, unreadable)
     */
    void read(Path source, RowSink rows) throws IOException;
}
