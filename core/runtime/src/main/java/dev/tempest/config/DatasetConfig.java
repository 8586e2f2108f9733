package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;

/**
 * A local data file and the loader that reads it.
 *
 * @param loader   the id of a DatasetLoader extension, for example {@code jsonl}
 * @param path     the file, relative to the config file that names it
 * @param onBadRow what a row the loader rejects does: {@code skip} it and count it, or {@code stop}
 */
@JsonPropertyOrder({"loader", "path", "on_bad_row"})
public record DatasetConfig(String loader, Path path, BadRowPolicy onBadRow) {

    public DatasetConfig {
        onBadRow = onBadRow != null ? onBadRow : BadRowPolicy.SKIP;
    }

    void check(String at) {
        Checks.required(Checks.field(at, "loader"), loader);
        Checks.required(Checks.field(at, "path"), path);
    }
}
