package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an RL stage does with a response cut off at the token limit, which never said its answer in full. */
public enum OverlongResponses {
    /** Nothing: its reward is whatever the verifier gives the cut-off text. */
    @JsonProperty("keep") KEEP,
    /** Its reward is the stage's overlong_penalty instead. */
    @JsonProperty("penalty") PENALTY,
    /** Its tokens carry no loss (DAPO's overlong filtering): a cut-off answer teaches nothing. */
    @JsonProperty("mask") MASK
}
