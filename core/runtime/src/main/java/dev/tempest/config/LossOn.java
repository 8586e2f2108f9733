package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which tokens of an SFT example the loss covers. */
public enum LossOn {
    /** The assistant's turns (or the completion) and the end of each: what the model should learn to say. */
    @JsonProperty("completion") COMPLETION,
    /** Every token but the first: the prompt's too, as plain language modelling. */
    @JsonProperty("all") ALL
}
