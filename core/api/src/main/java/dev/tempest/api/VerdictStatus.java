package dev.tempest.api;

/** How a verification ended. */
public enum VerdictStatus {
    /** The completion is right. */
    CORRECT,
    /** The completion gives an answer, and it is wrong (or partly right: see the score). */
    INCORRECT,
    /** No answer could be extracted from the completion. */
    NO_ANSWER,
    /** The verifier ran past its deadline; set by the framework. */
    TIMEOUT,
    /** The verifier failed (threw, or returned nothing usable); set by the framework. */
    ERROR
}
