package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A stage that reads every row of a data set through its loader and records how many rows it
 * read and rejected: the check to run on data before training on it.
 */
@JsonPropertyOrder({"name", "dataset"})
public record ScanStageConfig(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) DatasetConfig dataset) implements StageConfig {

    public ScanStageConfig {
        Names.check("name", name);
    }
}
