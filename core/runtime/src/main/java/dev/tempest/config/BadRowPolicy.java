package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a row that its loader rejects does to a read. */
public enum BadRowPolicy {
    /** Count it, report the first few, and go on. */
    @JsonProperty("skip") SKIP,
    /** Stop the read with an error naming the row. */
    @JsonProperty("stop") STOP
}
