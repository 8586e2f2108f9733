package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * A stage that reads every row of a data set through its loader and records how many rows it
 * read and rejected: the check to run on data before training on it.
 */
@JsonPropertyOrder({"name", "dataset"})
public record ScanStageConfig(String name, DatasetConfig dataset) implements StageConfig {

    @Override
    public void check(String at) {
        Checks.name(Checks.field(at, "name"), name);
        Checks.required(Checks.field(at, "dataset"), dataset);
        dataset.check(Checks.field(at, "dataset"));
    }

    @Override
    public List<Path> inputs() {
        return List.of(dataset.path());
    }
}
